// A FastRoute without a data directory (in-memory store) killed with SIGKILL: its data plane record
// lives in the runtime directory (/run/fastroute for root; here a private one, FASTROUTE_RUNTIME_DIR,
// so that other in-memory servers starting meanwhile do not reap it first), so the next in-memory start reaps what it
// left, the namespaces (their veths go with them), a user's process running in a VM's namespace, and
// the delay helpers, by recorded name and pid only. Real server processes, real namespaces, by pid.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServerProcess, type ServerProcess } from '../reliability/server-process.ts';
import { spawnCli } from '../cli/run.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { dataplaneMissing, helpersOfRun, namespacesOfRun, postAdmin, rootLinks } from './machine.ts';

const TUTORIAL = path.join(import.meta.dirname, '../../labs/tutorial.yaml');

/** Whether the pid runs (a zombie, its parent not yet waiting, counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
const recordsIn = (dir: string, pid: number): string[] => readdirSync(dir).filter((n) => n.startsWith(`dataplane-${pid}-`));

/** Pids inside a namespace, as iproute2 sees them (`ip netns pids`). */
async function pidsIn(ns: string): Promise<number[]> {
  return (await runTool('ip', ['netns', 'pids', ns])).stdout.split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
}

describeWithTool('an in-memory data plane after a crash', dataplaneMissing(), () => {
  void it('kill -9 of an in-memory server leaves its data plane; the next in-memory start reaps it all', async () => {
    const RUNTIME_DIR = mkdtempSync(path.join(tmpdir(), 'fastroute-runtime-'));
    const ENV = { FASTROUTE_RUNTIME_DIR: RUNTIME_DIR };
    const recordsOf = (pid: number): string[] => recordsIn(RUNTIME_DIR, pid);
    let runId = '';
    let first: ServerProcess | undefined;
    let user: ChildProcess | undefined;
    try {
      first = await startServerProcess(undefined, [], ENV);
      await postAdmin(first.admin, '/labs', { yaml: readFileSync(TUTORIAL, 'utf8'), file: 'tutorial.yaml' });
      const up = await postAdmin<DataplaneUpReport>(first.admin, '/dataplane', {});
      runId = up.status.runId ?? '';
      const vmOci = up.status.namespaces.find((n) => n.role === 'vm' && n.resourceName === 'vm-oci')?.name ?? assert.fail('vm-oci');
      const helpers = helpersOfRun(runId);
      assert.equal(helpers.length, up.status.delays[0]?.mechanism === 'userspace-link' ? 2 : 0);
      assert.equal(recordsOf(first.pid).length, 1, 'the record is in the runtime directory');
      // A user's command in the VM, as `fastroute exec` runs it.
      user = spawnCli(['exec', 'vm-oci', '--', 'sleep', '120'], { FASTROUTE_URL: first.admin });
      let inside: number[] = [];
      for (let i = 0; i < 100 && inside.length === 0; i++) {
        inside = await pidsIn(vmOci);
        if (inside.length === 0) await sleep(50);
      }
      assert.equal(inside.length, 1, 'sleep runs inside vm-oci');

      assert.equal(await first.kill9(), 'SIGKILL');
      assert.equal(namespacesOfRun(runId).length, 8, 'a killed server leaves its namespaces');
      assert.ok(inside.every(alive), 'and the process in the VM');
      assert.equal(recordsOf(first.pid).length, 1, 'and its record');

      const second = await startServerProcess(undefined, [], ENV);
      try {
        assert.match(second.output(), new RegExp(`Removed the data plane a previous run left behind \\(run [^:]*${runId}[^:]*: \\d+ namespaces, \\d+ processes\\)`));
        assert.deepEqual(namespacesOfRun(runId), [], 'no namespace of the first run (ip netns list)');
        assert.doesNotMatch(await rootLinks(), new RegExp(`fr${runId}-`), 'no veth of it in the root namespace (ip link)');
        for (let i = 0; i < 40 && inside.some(alive); i++) await sleep(50);
        assert.deepEqual(inside.filter(alive), [], 'the process in the VM was killed (by pid)');
        assert.deepEqual(helpersOfRun(runId), [], 'no delay helper of it (ps)');
        assert.deepEqual(recordsOf(first.pid), [], 'its record is gone');
        const status = (await (await fetch(`${second.admin}/fastroute/v1/dataplane`)).json()) as DataplaneStatus;
        assert.equal(status.state, 'down');
      } finally {
        await second.stop();
      }
      assert.deepEqual(recordsOf(second.pid), [], 'a clean stop leaves no record');
    } finally {
      // Whatever happened above, leave nothing of this run on the machine.
      if (user?.pid !== undefined && user.exitCode === null) process.kill(user.pid, 'SIGKILL');
      if (runId !== '' && namespacesOfRun(runId).length > 0) await runTool('ip', ['-force', '-batch', '-'], namespacesOfRun(runId).map((n) => `netns delete ${n}\n`).join(''));
      for (const pid of helpersOfRun(runId)) process.kill(pid, 'SIGKILL');
      // The killed server could not remove its temporary ARM CA directory.
      if (first) rmSync(path.dirname(first.caPath), { recursive: true, force: true });
      rmSync(RUNTIME_DIR, { recursive: true, force: true });
    }
  });
});
