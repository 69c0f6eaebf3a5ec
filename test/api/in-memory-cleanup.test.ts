// Issue 12 item 13: an in-memory server writes its ARM CA to a temporary directory (clients need a
// path to trust); closing the server removes that directory, so restarts leave nothing behind.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { startTestServer } from './server.ts';

void it('closing an in-memory server removes its fastroute-ca-* directory', async () => {
  const s = await startTestServer();
  const dir = path.dirname(s.endpoints.armCa);
  assert.ok(path.basename(dir).startsWith('fastroute-ca-') && dir.startsWith(tmpdir()), dir);
  assert.ok(existsSync(s.endpoints.armCa), 'the CA is there while the server runs');
  await s.close();
  assert.equal(existsSync(dir), false, 'the directory is gone after close');
});
