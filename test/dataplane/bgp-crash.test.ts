// BGP on the wire after a crash: FastRoute killed with SIGKILL leaves its routing daemons running in
// the namespaces (they are daemons: nothing ties them to their parent); the next start on the same data
// directory stops exactly the ones the record lists, by pid, and removes their namespaces and private
// directories. Real server processes and daemons (root, FRR installed).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServerProcess } from '../reliability/server-process.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { bgpMisses } from '../../src/dataplane/bgp-daemons.ts';
import { bgpConverged } from '../../src/dataplane/bgp-status.ts';
import { startTimeOf } from '../../src/dataplane/processes.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { dataplaneMissing, namespacesOfRun } from './machine.ts';
import { stillRuns } from './daemon-pids.ts';

const TUTORIAL = path.join(import.meta.dirname, '../../labs/tutorial.yaml');

function missing(): string | undefined {
  const misses = bgpMisses(['frr']);
  return dataplaneMissing() ?? (misses.length === 0 ? undefined : `skipped: ${misses.map((m) => `${m.what} (${m.fix})`).join(', ')} not found`);
}

async function api<T>(admin: string, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${admin}/fastroute/v1${route}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${route}: ${res.status} ${text}`);
  return JSON.parse(text.trim().split('\n').pop() ?? '{}') as T;
}

describeWithTool('BGP on the wire after a crash', missing(), () => {
  void it('kill -9 leaves the daemons running; the next start stops them by recorded pid and removes their namespaces and directories', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-bgp-crash-'));
    let runId = '';
    let daemons: { pid: number; startTime: string | undefined }[] = [];
    let speakerDirs: string[] = [];
    try {
      const first = await startServerProcess(dir);
      try {
        await api(first.admin, 'POST', '/labs', { yaml: readFileSync(TUTORIAL, 'utf8'), file: 'tutorial.yaml' });
        runId = (await api<DataplaneUpReport>(first.admin, 'POST', '/dataplane', { bgp: true })).status.runId ?? '';
        let status: DataplaneStatus | undefined;
        for (let i = 0; i < 150 && !(status?.bgp !== undefined && bgpConverged(status.bgp)); i++) {
          await sleep(200);
          status = await api<DataplaneStatus>(first.admin, 'GET', '/dataplane');
        }
        assert.ok(status?.bgp !== undefined && bgpConverged(status.bgp), JSON.stringify(status?.bgp));
        daemons = status.bgp.speakers.flatMap((s) => s.daemons.map((d) => ({ pid: d.pid, startTime: startTimeOf(d.pid) })));
        speakerDirs = status.bgp.speakers.map((s) => s.control.split(' ').pop() ?? '');
        assert.equal(daemons.length, 5, 'zebra and bgpd at Oracle\'s edge; zebra, bfdd and bgpd at Microsoft\'s');
      } finally {
        assert.equal(await first.kill9(), 'SIGKILL');
      }
      for (const d of daemons) assert.ok(stillRuns(d.pid, d.startTime), `daemon ${d.pid} outlives the killed server`);
      assert.ok(speakerDirs.every((d) => existsSync(d)));

      const second = await startServerProcess(dir);
      try {
        assert.match(second.output(), new RegExp(`Removed the data plane a previous run left behind \\(run ${runId}: 8 namespaces, [5-9] processes`));
        for (const d of daemons) assert.ok(!stillRuns(d.pid, d.startTime), `daemon ${d.pid} was stopped`);
        assert.deepEqual(namespacesOfRun(runId), []);
        assert.deepEqual(speakerDirs.filter((d) => existsSync(d)), [], 'the speakers\' directories are gone');
      } finally {
        await second.stop();
      }
    } finally {
      // Whatever happened above, leave nothing of this run on the machine (daemons by pid, then namespaces).
      for (const d of daemons) if (stillRuns(d.pid, d.startTime)) process.kill(d.pid, 'SIGKILL');
      if (runId !== '' && namespacesOfRun(runId).length > 0) await runTool('ip', ['-force', '-batch', '-'], namespacesOfRun(runId).map((n) => `netns delete ${n}\n`).join(''));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
