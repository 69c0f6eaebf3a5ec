// A FastRoute without the privileges the data plane needs (root drops to nobody for the server):
// `fastroute dataplane up` says exactly what is missing and how to get it, exits 2, and nothing is
// created. Runs the compiled CLI and server as real processes, killed by pid.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../cli/run.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { findTool } from '../../src/dataplane/probe.ts';
import type { DataplaneStatus } from '../../src/api/admin/contract.ts';

const NOBODY = '65534';

function missing(): string | undefined {
  if (process.getuid?.() !== 0) return 'skipped: needs root (to start the server as nobody); CI runs it as root';
  if (findTool('setpriv') === undefined) return 'skipped: setpriv not found (apt-get install util-linux)';
  return undefined;
}

describeWithTool('the data plane on a machine that lacks what it needs', missing(), () => {
  void it('up exits 2 naming the missing privilege and its fix, and creates nothing', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'fastroute-dp-nobody-'));
    chmodSync(home, 0o777);
    const server = spawn('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'env', `HOME=${home}`, process.execPath, path.join(ROOT, 'bin/fastroute.js'),
      'start', '--in-memory', '--no-lab', '--admin-port', '0', '--oci-port', '0', '--arm-port', '0', '--log-level', 'silent'], { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    const closed = new Promise<void>((resolve) => server.on('close', () => { resolve(); }));
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => { reject(new Error(`not ready: ${out}`)); }, 30_000);
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Press Ctrl+C')) { clearTimeout(timer); resolve(); }
        });
        void closed.then(() => { clearTimeout(timer); reject(new Error(`exited early: ${out}`)); });
      });
      const admin = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
      const up = await runCli(['dataplane', 'up'], { FASTROUTE_URL: admin });
      assert.equal(up.code, 2, up.stdout + up.stderr);
      assert.match(up.stderr, /nothing was changed/);
      assert.match(up.stderr, /missing: root, or the capabilities CAP_NET_ADMIN and CAP_SYS_ADMIN .*; to get it: run FastRoute as root/);
      const status = (await (await fetch(`${admin}/fastroute/v1/dataplane`)).json()) as DataplaneStatus;
      assert.equal(status.state, 'down');
      assert.deepEqual(status.namespaces, []);
      const exec = await runCli(['exec', 'vm-oci', '--', 'true'], { FASTROUTE_URL: admin });
      assert.equal(exec.code, 1);
      assert.match(exec.stderr, /the data plane is down/);
    } finally {
      if (server.pid !== undefined && server.exitCode === null) process.kill(server.pid, 'SIGTERM');
      await closed;
      rmSync(home, { recursive: true, force: true });
    }
  });
});
