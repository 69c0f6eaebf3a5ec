// BGP on the wire (root, FRR and BIRD 2 installed): the tutorial's two interconnect sessions run by
// real daemons in Oracle's edge and Microsoft's edge. Both sessions reach Established within a bound,
// each side learns the other cloud's prefix with the other's AS path, the kernel routes across the
// links are the daemons' (proto bgp / bird, multipath over both links), the VMs reach each other over
// them, and down stops every daemon (by recorded pid) and removes every namespace. Once with FRR on
// both edges, once with BIRD on Microsoft's (two vendors on one link) and short test timers; drills
// started while it runs reach the daemons by reload (prepend, reset, and back), the daemons never restarted.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer, TUTORIAL, type TestServer } from '../api/server.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { bgpMisses } from '../../src/dataplane/bgp-daemons.ts';
import { bgpConverged, type LiveSpeaker } from '../../src/dataplane/bgp-status.ts';
import { startTimeOf } from '../../src/dataplane/processes.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { dataplaneMissing, inNamespace, namespacesOfRun } from './machine.ts';
import { stillRuns } from './daemon-pids.ts';

/** Generous for a loaded 2-core machine; the bench case measures the real figure (target < 8 s). */
const CONVERGE_WITHIN_MS = 30_000;
const OCI_PREFIX = '10.10.10.0/24';
const VNET_PREFIX = '10.20.0.0/16';

function missing(): string | undefined {
  const misses = bgpMisses(['frr', 'bird']);
  return dataplaneMissing() ?? (misses.length === 0 ? undefined : `skipped: ${misses.map((m) => `${m.what} (${m.fix})`).join(', ')} not found`);
}

async function converged(server: TestServer): Promise<{ status: DataplaneStatus; ms: number }> {
  const t0 = performance.now();
  let status: DataplaneStatus | undefined;
  while (performance.now() - t0 < CONVERGE_WITHIN_MS) {
    status = (await server.api('GET', '/dataplane')).body as DataplaneStatus;
    if (status.bgp !== undefined && bgpConverged(status.bgp)) return { status, ms: Math.round(performance.now() - t0) };
    await sleep(200);
  }
  assert.fail(`the sessions did not converge within ${CONVERGE_WITHIN_MS / 1000} s: ${JSON.stringify(status?.bgp, null, 1)}`);
}

const speaker = (s: DataplaneStatus, side: LiveSpeaker['side']): LiveSpeaker => {
  const found = s.bgp?.speakers.find((x) => x.side === side);
  assert.ok(found, `a ${side} speaker`);
  return found;
};

const vmNs = (s: DataplaneStatus, name: string): string => s.namespaces.find((n) => n.role === 'vm' && n.resourceName === name)?.name ?? assert.fail(`no namespace for ${name}`);

async function checkTutorialOverBgp(server: TestServer, bgp: Record<string, unknown>, mseeProto: 'bgp' | 'bird', holdSeconds = 180): Promise<void> {
  const up = await server.api('POST', '/dataplane', { bgp });
  assert.equal(up.status, 201, up.text);
  const runId = (up.body as DataplaneUpReport).status.runId ?? '';
  let daemons: { name: string; pid: number; startTime: string | undefined }[] = [];
  try {
    const { status } = await converged(server);
    assert.equal(status.bgp?.source, 'daemons', 'status says the daemons are the live source');
    const oracle = speaker(status, 'oracle');
    const msee = speaker(status, 'microsoft');
    daemons = [...oracle.daemons, ...msee.daemons].map((d) => ({ name: d.name, pid: d.pid, startTime: startTimeOf(d.pid) }));
    assert.deepEqual(oracle.daemons.map((d) => d.name), ['zebra', 'bgpd']);
    assert.ok([...oracle.daemons, ...msee.daemons].every((d) => d.running));
    for (const s of [oracle, msee]) assert.deepEqual(s.sessions.map((x) => [x.path, x.state]), [['primary', 'Established'], ['secondary', 'Established']], `${s.side}: both sessions`);

    // Each cloud's prefix, learned on both links with the other cloud's AS path.
    assert.deepEqual(msee.learned.filter((r) => r.prefix === OCI_PREFIX).map((r) => [r.asPath, r.via]).sort(), [[[31898], '10.99.0.1'], [[31898], '10.99.0.5']]);
    assert.deepEqual(oracle.learned.filter((r) => r.prefix === VNET_PREFIX).map((r) => [r.asPath, r.via]).sort(), [[[12076], '10.99.0.2'], [[12076], '10.99.0.6']]);
    assert.ok(!oracle.learned.some((r) => r.prefix === OCI_PREFIX), 'Microsoft does not send OCI\'s prefix back');

    // The kernel, asked directly: the routes across the links are the daemons', multipath over both links.
    const oracleRoute = await runTool('ip', ['-n', oracle.ns, 'route', 'show', VNET_PREFIX]);
    assert.match(oracleRoute.stdout, /proto bgp/, oracleRoute.stdout);
    for (const hop of ['10.99.0.2 dev pri', '10.99.0.6 dev sec']) assert.match(oracleRoute.stdout, new RegExp(`nexthop via ${hop}`));
    const mseeRoute = await runTool('ip', ['-n', msee.ns, 'route', 'show', OCI_PREFIX]);
    assert.match(mseeRoute.stdout, new RegExp(`proto ${mseeProto}`), mseeRoute.stdout);
    for (const hop of ['10.99.0.1 dev pri', '10.99.0.5 dev sec']) assert.match(mseeRoute.stdout, new RegExp(`nexthop via ${hop}`));

    // The timers the daemons negotiated, asked with the command status gives (vtysh / birdc on the private socket).
    const [vtysh = 'vtysh', ...vtyArgs] = oracle.control.split(' ');
    const neighbor = await runTool(vtysh, [...vtyArgs, '-c', 'show bgp neighbors 10.99.0.2 json']);
    assert.match(neighbor.stdout, new RegExp(`"bgpTimerHoldTimeMsecs":\\s*${holdSeconds * 1000}\\b`), neighbor.stdout.slice(0, 2000));
    if (mseeProto === 'bird') {
      const [birdc = 'birdc', ...birdArgs] = msee.control.split(' ');
      const shown = await runTool(birdc, [...birdArgs, 'show', 'protocols', 'all', 'fr_primary']);
      assert.match(shown.stdout, new RegExp(`Hold timer:\\s+[\\d.]+/${holdSeconds}\\b`), shown.stdout);
    }

    const oci = vmNs(status, 'vm-oci');
    const azure = vmNs(status, 'vm-azure');
    const there = await inNamespace(oci, ['ping', '-c', '3', '-W', '2', '-i', '0.2', '10.20.10.10']);
    assert.match(there.stdout, /3 received/, there.stdout + there.stderr);
    const back = await inNamespace(azure, ['ping', '-c', '3', '-W', '2', '-i', '0.2', '10.10.10.10']);
    assert.match(back.stdout, /3 received/, back.stdout + back.stderr);
  } finally {
    const down = await server.api('DELETE', '/dataplane');
    assert.equal(down.status, 200, down.text);
  }
  assert.ok(daemons.length > 0);
  // A pid may be reused at once on a busy machine: the same pid with the same start time is the daemon.
  for (const d of daemons) assert.ok(d.startTime !== undefined && !stillRuns(d.pid, d.startTime), `${d.name} (pid ${d.pid}) is stopped by down`);
  assert.deepEqual(namespacesOfRun(runId), [], 'no namespace of the run is left');
}

describeWithTool('BGP on the wire: the tutorial\'s sessions run by FRR and BIRD', missing(), () => {
  void it('FRR on both edges: Established, each cloud\'s prefix with the other\'s AS, kernel routes proto bgp, ping across; down stops the daemons', async () => {
    const server = await startTestServer({ lab: TUTORIAL });
    try {
      await checkTutorialOverBgp(server, { msee: 'frr' }, 'bgp');
    } finally {
      await server.close();
    }
  });

  void it('BIRD on Microsoft\'s edge against FRR on Oracle\'s (interop), with short test timers: the same, kernel routes proto bird', async () => {
    const server = await startTestServer({ lab: TUTORIAL });
    try {
      await checkTutorialOverBgp(server, { msee: 'bird', keepalive: 1, hold: 3, bfdIntervalMs: 100 }, 'bird', 3);
    } finally {
      await server.close();
    }
  });

  void it('drills reach the running daemons by reload, without restarting them: an AS-path prepend on the secondary, a BGP reset of the primary, and back', async () => {
    const server = await startTestServer({ lab: TUTORIAL });
    try {
      assert.equal((await server.api('POST', '/dataplane', { bgp: { msee: 'bird' } })).status, 201);
      const { status } = await converged(server);
      const pids = status.bgp?.speakers.flatMap((x) => x.daemons.map((d) => d.pid)).sort();
      // Bounded polling of the live status until `ok` holds.
      const until = async (what: string, ok: (s: DataplaneStatus) => boolean): Promise<DataplaneStatus> => {
        const t0 = performance.now();
        let now: DataplaneStatus | undefined;
        while (performance.now() - t0 < CONVERGE_WITHIN_MS) {
          now = (await server.api('GET', '/dataplane')).body as DataplaneStatus;
          if (ok(now)) return now;
          await sleep(200);
        }
        assert.fail(`${what} within ${CONVERGE_WITHIN_MS / 1000} s: ${JSON.stringify(now?.bgp, null, 1)}`);
      };
      const learnedAt = (x: DataplaneStatus, side: LiveSpeaker['side'], prefix: string) => speaker(x, side).learned.filter((r) => r.prefix === prefix).map((r) => `${r.via} ${r.asPath.join(' ')}`).sort();

      assert.equal((await server.api('POST', '/drills', { kind: 'as-path-prepend', path: 'secondary', count: 2 })).status, 201);
      await until('the MSEE learns the OCI prefix with the prepended path on the secondary', (x) => learnedAt(x, 'microsoft', OCI_PREFIX).join(',') === '10.99.0.1 31898,10.99.0.5 31898 31898 31898');
      await until('Oracle\'s edge learns the VNet with 12076 prepended on the secondary', (x) => learnedAt(x, 'oracle', VNET_PREFIX).join(',') === '10.99.0.2 12076,10.99.0.6 12076 12076 12076');
      // The shorter path wins: the kernel routes only over the primary, as the engine's best path says.
      await until('the routes leave the secondary', (x) => speaker(x, 'oracle').kernelRoutes.some((k) => k.prefix === VNET_PREFIX && k.via.join() === '10.99.0.2') && speaker(x, 'microsoft').kernelRoutes.some((k) => k.prefix === OCI_PREFIX && k.via.join() === '10.99.0.1'));

      assert.equal((await server.api('DELETE', '/drills')).status, 200);
      assert.equal((await server.api('POST', '/drills', { kind: 'bgp-reset', path: 'primary' })).status, 201);
      const reset = await until('the primary session is shut down on both edges', (x) => [speaker(x, 'oracle'), speaker(x, 'microsoft')].every((sp) => sp.sessions.find((y) => y.path === 'primary')?.established === false && sp.sessions.find((y) => y.path === 'secondary')?.established === true));
      assert.match(speaker(reset, 'oracle').sessions[0]?.shutdown ?? '', /reset/);
      await until('the routes move to the secondary', (x) => speaker(x, 'oracle').kernelRoutes.some((k) => k.prefix === VNET_PREFIX && k.via.join() === '10.99.0.6'));
      const ping = await inNamespace(vmNs(reset, 'vm-oci'), ['ping', '-c', '3', '-W', '2', '-i', '0.2', '10.20.10.10']);
      assert.match(ping.stdout, /3 received/, 'traffic carries on over the secondary');

      assert.equal((await server.api('DELETE', '/drills')).status, 200);
      const back = await converged(server);
      assert.deepEqual(back.status.bgp?.speakers.flatMap((x) => x.sessions.map((y) => y.state)), ['Established', 'Established', 'Established', 'Established']);
      assert.deepEqual(back.status.bgp?.speakers.flatMap((x) => x.daemons.map((d) => d.pid)).sort(), pids, 'the same daemons throughout: reloaded, never restarted');
    } finally {
      await server.close();
    }
  });

  void it('without --bgp the edges route statically and status says the engine is the source', async () => {
    const server = await startTestServer({ lab: TUTORIAL });
    try {
      assert.equal((await server.api('POST', '/dataplane', {})).status, 201);
      const status = (await server.api('GET', '/dataplane')).body as DataplaneStatus;
      assert.equal(status.bgp?.source, 'engine');
      const oracle = status.namespaces.find((n) => n.role === 'oracle-edge')?.name ?? '';
      const route = await runTool('ip', ['-n', oracle, 'route', 'show', VNET_PREFIX]);
      assert.doesNotMatch(route.stdout, /proto (bgp|bird)/);
      assert.match(route.stdout, /nexthop via 10\.99\.0\.2/);
      const bad = await server.api('POST', '/dataplane', { bgp: { msee: 'gobgp' } });
      assert.equal(bad.status, 400, bad.text);
    } finally {
      await server.close();
    }
  });
});
