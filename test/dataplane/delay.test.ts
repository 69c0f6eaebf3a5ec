// The interconnect links carry their region pair's delay: the tutorial (us-ashburn-1 ⇄ Washington DC
// ⇄ eastus, 2 ms RTT in the latency table) measured for real with bounded pings from the OCI VM to
// the Azure VM. On a kernel without netem each link is a userspace link, a helper process built from
// native/fr-linkemu.c: `down` leaves none running, and neither does a kill -9 of the server followed
// by a new start, and helpers that outlive their FastRoute are reaped from the record. Real server
// processes, real namespaces, killed by pid.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServerProcess, type ServerProcess } from '../reliability/server-process.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { addressOn, measureRtt, rttTolerance } from '../../src/dataplane/ping.ts';
import { startTimeOf } from '../../src/dataplane/processes.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { buildLinkEmulator } from '../../scripts/build-native.ts';
import { dataplaneMissing, helpersOfRun, namespacesOfRun, noHelpersWithin } from './machine.ts';
import { labEngine } from '../helpers/lab.ts';
import { Dataplane } from '../../src/dataplane/service.ts';
import { reapLeftovers } from '../../src/dataplane/apply.ts';
import { readRecord, RECORD_FILE, writeRecord } from '../../src/dataplane/record.ts';

const TUTORIAL = path.join(import.meta.dirname, '../../labs/tutorial.yaml');
const AZURE_VM = '10.20.10.10';

function missing(): string | undefined {
  const dp = dataplaneMissing();
  if (dp !== undefined) return dp;
  const build = buildLinkEmulator();
  return build.built ? undefined : `skipped: ${build.message}`;
}

async function call<T>(admin: string, method: 'POST' | 'DELETE', route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${admin}/fastroute/v1${route}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${route}: ${res.status} ${text}`);
  return JSON.parse(text.trim().split('\n').pop() ?? '{}') as T;
}

async function upTutorial(server: ServerProcess): Promise<DataplaneStatus> {
  return (await call<DataplaneUpReport>(server.admin, 'POST', '/dataplane', {})).status;
}

describeWithTool('delay on the interconnect links', missing(), () => {
  void it('the tutorial\'s RTT through the interconnect is its region pair\'s; down and a kill -9 + start leave no helper', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-dp-delay-'));
    const runIds: string[] = [];
    try {
      const first = await startServerProcess(dir);
      try {
        await call(first.admin, 'POST', '/labs', { yaml: readFileSync(TUTORIAL, 'utf8'), file: 'tutorial.yaml' });
        let status = await upTutorial(first);
        runIds.push(status.runId ?? '');
        assert.deepEqual(status.delays.map((d) => [d.kind, d.rttMs, d.oneWayUs, d.pair]), [
          ['interconnect-primary', 2, 1000, 'us-ashburn-1 ⇄ Washington DC ⇄ eastus'],
          ['interconnect-secondary', 2, 1000, 'us-ashburn-1 ⇄ Washington DC ⇄ eastus'],
        ]);
        const mechanism = status.features?.netem ? 'netem' : 'userspace-link';
        assert.ok(status.delays.every((d) => d.mechanism === mechanism), `every delayed link uses ${mechanism}: ${JSON.stringify(status.delays)}`);
        if (mechanism === 'userspace-link') assert.ok(status.delays.every((d) => d.running === true && d.pid !== undefined), 'each link\'s helper runs');

        // Through the interconnect: Oracle's edge pings Microsoft's address on each link (its /30).
        const tolerance = rttTolerance(2);
        const oedge = status.namespaces.find((n) => n.role === 'oracle-edge')?.name ?? '';
        const msee = status.namespaces.find((n) => n.role === 'msee')?.name ?? '';
        // The machine is shared (CI runs other suites beside this one): a round of 20 pings can land in
        // a burst of load, so up to three rounds, the best one's median compared. The bench reports every round.
        for (const dev of ['pri', 'sec']) {
          const address = await addressOn(msee, dev);
          const rounds: number[] = [];
          for (let round = 0; round < 3 && !rounds.some((m) => Math.abs(m - 2) <= tolerance); round++) rounds.push((await measureRtt(oedge, address)).medianMs);
          assert.ok(rounds.some((m) => Math.abs(m - 2) <= tolerance), `${dev}: median RTT per round ${rounds.join(', ')} ms, configured 2 ms ± ${tolerance} ms`);
        }
        // VM to VM the delay is on the path too (six routers' forwarding on top, ~0.1 ms).
        const vmOci = status.namespaces.find((n) => n.role === 'vm' && n.cloud === 'oci')?.name ?? '';
        const vms = await measureRtt(vmOci, AZURE_VM);
        assert.ok(vms.medianMs >= 2 - tolerance, `VM to VM: median RTT ${vms.medianMs} ms (${vms.rttsMs.join(', ')})`);

        // down: the helpers are gone, by pid, before the namespaces.
        const pids = status.delays.flatMap((d) => (d.pid === undefined ? [] : [d.pid]));
        await call(first.admin, 'DELETE', '/dataplane');
        assert.deepEqual(await noHelpersWithin(runIds[0] ?? '', 2000), [], 'no fr-linkemu of the run is left after down');
        assert.ok(pids.every((p) => startTimeOf(p) === undefined || !existsSync(`/proc/${p}`)), 'the recorded helpers have exited');
        assert.deepEqual(namespacesOfRun(runIds[0] ?? ''), []);

        status = await upTutorial(first);
        runIds.push(status.runId ?? '');
        assert.equal(helpersOfRun(runIds[1] ?? '').length, mechanism === 'userspace-link' ? 2 : 0);
      } finally {
        assert.equal(await first.kill9(), 'SIGKILL');
      }
      const second = await startServerProcess(dir);
      try {
        assert.deepEqual(await noHelpersWithin(runIds[1] ?? '', 2000), [], 'a kill -9 and a new start leave no helper running');
        assert.deepEqual(namespacesOfRun(runIds[1] ?? ''), [], 'the new start reaped the namespaces');
        assert.match(second.output(), new RegExp(`Removed the data plane a previous run left behind \\(run ${runIds[1] ?? ''}: 8 namespaces`));
      } finally {
        await second.stop();
      }
    } finally {
      // Whatever happened above, leave nothing of these runs on the machine (by pid, then the namespaces).
      for (const runId of runIds.filter((r) => r !== '')) {
        for (const pid of helpersOfRun(runId)) process.kill(pid, 'SIGKILL');
        const left = namespacesOfRun(runId);
        if (left.length > 0) await runTool('ip', ['-force', '-batch', '-'], left.map((n) => `netns delete ${n}\n`).join(''));
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void it('helpers that outlive their FastRoute are reaped from the record, by pid', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-dp-delay-reap-'));
    const { engine } = await labEngine(TUTORIAL);
    const dataplane = new Dataplane(engine, dir);
    let runId = '';
    try {
      const { status } = await dataplane.up();
      runId = status.runId ?? '';
      const pids = status.delays.flatMap((d) => (d.pid === undefined ? [] : [d.pid]));
      if (status.features?.netem) return; // netem needs no helper: nothing to reap
      assert.equal(pids.length, 2);
      // As if the owner had died without its helpers following it (the record names a finished process).
      const file = path.join(dir, RECORD_FILE);
      const dead = spawnSync('true').pid ?? 0;
      writeRecord(file, { ...(readRecord(file) ?? assert.fail('a record')), ownerPid: dead, ownerStartTime: 'gone' });
      const reaped = await reapLeftovers(file, { ip: 'ip' });
      assert.equal(reaped?.processesKilled, 2, 'both helpers were killed by pid');
      assert.deepEqual(await noHelpersWithin(runId, 2000), []);
      assert.deepEqual(namespacesOfRun(runId), []);
    } finally {
      for (const pid of helpersOfRun(runId)) process.kill(pid, 'SIGKILL');
      const left = namespacesOfRun(runId);
      if (left.length > 0) await runTool('ip', ['-force', '-batch', '-'], left.map((n) => `netns delete ${n}\n`).join(''));
      await dataplane.close();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
