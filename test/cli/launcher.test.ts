// bin/fastroute.js runs the compiled CLI in dist/; without a build it says what to do, in one line,
// instead of failing with a module-not-found stack trace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, runCli } from './run.ts';

void describe('bin/fastroute.js', () => {
  void it('runs the compiled CLI', async () => {
    const r = await runCli(['--version']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  void it('without dist/ prints one line saying to run npm run build, and exits 1', () => {
    const unbuilt = mkdtempSync(path.join(tmpdir(), 'fastroute-unbuilt-'));
    mkdirSync(path.join(unbuilt, 'bin'));
    copyFileSync(path.join(ROOT, 'bin', 'fastroute.js'), path.join(unbuilt, 'bin', 'fastroute.js'));
    const r = spawnSync(process.execPath, [path.join(unbuilt, 'bin', 'fastroute.js'), 'status'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'fastroute: the compiled CLI (dist/) is missing; run `npm run build` in the FastRoute directory\n');
  });
});
