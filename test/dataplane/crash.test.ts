// A FastRoute killed with SIGKILL leaves its namespaces behind (no handler runs); the next start on
// the same data directory reaps exactly what the record lists. Also `fastroute exec` as users run it:
// the command runs inside the VM's namespace and its exit code comes back. Real processes, by pid.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServerProcess } from '../reliability/server-process.ts';
import { runCli } from '../cli/run.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { dataplaneMissing, namespacesOfRun, postAdmin } from './machine.ts';

const TUTORIAL = path.join(import.meta.dirname, '../../labs/tutorial.yaml');

describeWithTool('the data plane after a crash', dataplaneMissing(), () => {
  void it('exec runs in the VM and passes its exit code; kill -9 leaves the namespaces, the next start reaps them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-dp-crash-'));
    let runId = '';
    try {
      const first = await startServerProcess(dir);
      try {
        await postAdmin(first.admin, '/labs', { yaml: readFileSync(TUTORIAL, 'utf8'), file: 'tutorial.yaml' });
        const up = await postAdmin<DataplaneUpReport>(first.admin, '/dataplane', {});
        runId = up.status.runId ?? '';
        const env = { FASTROUTE_URL: first.admin };
        const ping = await runCli(['exec', 'vm-oci', '--', 'ping', '-c', '1', '-W', '1', '10.20.10.10'], env);
        assert.equal(ping.code, 0, ping.stdout + ping.stderr);
        assert.match(ping.stdout, /1 received/);
        const seven = await runCli(['exec', 'vm-azure', '--', 'sh', '-c', 'ip -o -4 addr show dev eth0; exit 7'], env);
        assert.equal(seven.code, 7, 'the command\'s exit code comes back');
        assert.match(seven.stdout, /10\.20\.10\.10\/24/, 'it ran inside the Azure VM');
        const unknown = await runCli(['exec', 'vm-nowhere', '--', 'true'], env);
        assert.equal(unknown.code, 1);
        assert.match(unknown.stderr, /no VM named vm-nowhere in the data plane \(VMs: /);
      } finally {
        assert.equal(await first.kill9(), 'SIGKILL');
      }
      assert.equal(namespacesOfRun(runId).length, 8, 'a killed server leaves its namespaces (nothing ran to remove them)');

      const second = await startServerProcess(dir);
      try {
        assert.deepEqual(namespacesOfRun(runId), [], 'the next start reaped them');
        assert.match(second.output(), new RegExp(`Removed the data plane a previous run left behind \\(run ${runId}: 8 namespaces`));
        const status = (await (await fetch(`${second.admin}/fastroute/v1/dataplane`)).json()) as DataplaneStatus;
        assert.equal(status.state, 'down');
      } finally {
        await second.stop();
      }
    } finally {
      // Whatever happened above, leave nothing of this run on the machine.
      if (runId !== '' && namespacesOfRun(runId).length > 0) {
        const { runTool } = await import('../../src/dataplane/run.ts');
        await runTool('ip', ['-force', '-batch', '-'], namespacesOfRun(runId).map((n) => `netns delete ${n}\n`).join(''));
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
