// A first start killed while it writes its start-up files (ARM CA, server certificate, token secret)
// must not leave a file that breaks every later start: each write is killed in turn, right after
// the file was created, and the next start must still get a usable CA, certificate and secret.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tokenSecret } from '../../src/server/arm-identity.ts';
import { ensureTls } from '../../src/server/tls.ts';

const WRITER = path.join(import.meta.dirname, 'start-files-writer.ts');
// ca-key.pem, ca.pem, server-key.pem, server.pem, arm-token.key.
const WRITES = 5;

function killedAtWrite(dir: string, at: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(at)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      resolve(signal ?? `exit ${String(code)}: ${out}`);
    });
  });
}

void describe('a first start killed while writing its start-up files', () => {
  for (let at = 1; at <= WRITES; at++) {
    void it(`killed at write ${at}: the next start has a usable CA, certificate and token secret`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-start-files-'));
      try {
        assert.equal(await killedAtWrite(dir, at), 'SIGKILL');
        const tls = await ensureTls(dir, '127.0.0.1');
        assert.ok(new X509Certificate(tls.certPem).verify(new X509Certificate(tls.caPem).publicKey), 'the server certificate is signed by the CA');
        assert.equal(tokenSecret(dir).length, 32, 'the token secret is whole');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
