// Failure drills on the live tutorial lab: each drill's route view before and during (Azure's
// failover-test wording), what a trace does during the drill and why, and that stopping the drill
// returns routing and traces exactly to what they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../src/engine/engine.ts';
import { listDrills, startDrill, stopDrill } from '../../src/engine/drill-runner.ts';
import type { Hop, TraceResult } from '../../src/trace/types.ts';
import { AZURE_TO_OCI, OCI_TO_AZURE, freshSnapshot, snapshot, traceNow, tutorialEngine, vcIdOf, type Snapshot } from './helpers.ts';

const OCI_PREFIX = '10.10.10.0/24'; // the OCI subnet, exported by the VCN attachment
const AZURE_PREFIX = '10.20.0.0/16'; // the Azure VNet, advertised by the ER gateway
const BOTH = [OCI_PREFIX, AZURE_PREFIX];

/** Hops that name a link: Oracle's edge, the link itself, Microsoft's edge. */
const linkHops = (hops: readonly Hop[]) => hops.filter((h) => h.kind === 'oracle-edge' || h.kind === 'link' || h.kind === 'microsoft-edge');
const linksUsed = (t: TraceResult) => [...linkHops(t.hops), ...linkHops(t.returnPath?.hops ?? [])].map((h) => h.resource.split('/').pop());
const lastHop = (hops: readonly Hop[]) => hops[hops.length - 1];

/** Stop restores everything exactly, and the incremental routing agrees with a fresh computation. */
async function assertRestored(engine: Engine, before: Snapshot): Promise<void> {
  const after = await snapshot(engine);
  assert.deepEqual(after.view, before.view, 'the route view is exactly as before the drill');
  assert.deepEqual(after.traces.map((t) => t.hops), before.traces.map((t) => t.hops), 'every trace takes exactly the same hops');
  assert.deepEqual(after.traces, before.traces, 'and gives the same verdicts, reasons and return paths');
  assert.deepEqual(await freshSnapshot(engine), after, 'incremental routing equals routing computed from scratch');
  assert.deepEqual(await listDrills(engine), []);
}

async function assertIncrementalMatchesFresh(engine: Engine): Promise<void> {
  assert.deepEqual(await snapshot(engine), await freshSnapshot(engine), 'during the drill, incremental routing equals a fresh computation');
}

void test('baseline: both prefixes are redundant, both sessions up, ECMP both ways', async () => {
  const engine = await tutorialEngine();
  const { view } = await snapshot(engine);
  assert.deepEqual(view.redundant, BOTH);
  assert.deepEqual(view.nonRedundant, []);
  assert.equal(view.interconnect, 'vc-azure');
  assert.deepEqual(view.sessions.map((s) => [s.path, s.up, s.toAzure, s.toOci, s.prefixLimit, s.offeredToAzure]), [['primary', true, 1, 1, 4000, 1], ['secondary', true, 1, 1, 4000, 1]]);
  assert.deepEqual(view.bestToAzure, [{ prefix: OCI_PREFIX, paths: ['primary', 'secondary'], reason: 'ecmp' }]);
  assert.deepEqual(view.bestToOci, [{ prefix: AZURE_PREFIX, paths: ['primary', 'secondary'], reason: 'ecmp' }]);
  assert.equal(view.down, undefined);
  await engine.close();
});

void test('primary link down: prefixes become non-redundant, traffic survives on the secondary link, stop restores it', async () => {
  const engine = await tutorialEngine();
  const before = await snapshot(engine);
  assert.deepEqual(linksUsed(before.traces[0]!), ['primary', 'primary', 'primary', 'primary', 'primary', 'primary'], 'the flow hash picks primary for this ICMP flow');

  const report = await startDrill(engine, { kind: 'link-down', path: 'primary' });
  assert.match(report.id, /^drill-[a-z2-7]{12}$/);
  assert.equal(report.kind, 'link-down');
  assert.equal(report.interconnect, 'vc-azure');
  assert.equal(report.virtualCircuitId, vcIdOf(engine));
  assert.deepEqual(report.before, before.view, 'before is the route view the drill was applied to');
  assert.deepEqual(report.before.redundant, BOTH);
  assert.deepEqual(report.during.redundant, []);
  assert.deepEqual(report.during.nonRedundant, BOTH);
  assert.deepEqual(report.impact, { lost: [], degraded: BOTH, added: [], rerouted: BOTH });
  const [primary, secondary] = report.during.sessions;
  assert.deepEqual(primary, { path: 'primary', up: false, reason: 'drill: primary link down', toAzure: 0, toOci: 0, prefixLimit: 4000, offeredToAzure: 1 });
  assert.equal(secondary?.up, true);
  assert.deepEqual(report.during.bestToOci, [{ prefix: AZURE_PREFIX, paths: ['secondary'], reason: 'only-path' }]);

  const t = await traceNow(engine, OCI_TO_AZURE);
  assert.equal(t.verdict, 'delivered');
  assert.equal(t.returnPath?.verdict, 'delivered');
  const used = linksUsed(t);
  assert.equal(used.length, 6, 'three interconnect hops each way');
  assert.ok(used.every((p) => p === 'secondary'), `every interconnect hop uses the secondary link: ${used.join(', ')}`);
  assert.equal(t.hops.find((h) => h.kind === 'link')?.detail, 'best path');
  // Azure's gateway learned the OCI prefix from the secondary session only: its secondary peer (.5) is the next hop.
  const azureRoute = t.returnPath?.hops.find((h) => h.kind === 'effective-routes')?.rule;
  assert.equal(azureRoute, 'VirtualNetworkGateway 10.10.10.0/24 → VirtualNetworkGateway 10.20.255.5', 'only the secondary gateway peer remains as next hop');
  await assertIncrementalMatchesFresh(engine);

  const stopped = await stopDrill(engine, report.id);
  assert.deepEqual(stopped.stopped, [report.id]);
  assert.deepEqual(stopped.after, [before.view]);
  await assertRestored(engine, before);
  await engine.close();
});

void test('BGP reset on the secondary: that session is down with its own reason, traffic stays on the primary', async () => {
  const engine = await tutorialEngine();
  const before = await snapshot(engine);
  const report = await startDrill(engine, { kind: 'bgp-reset', path: 'secondary', interconnect: 'vc-azure' });
  assert.deepEqual(report.during.sessions.map((s) => [s.path, s.up, s.reason]), [['primary', true, undefined], ['secondary', false, 'drill: secondary BGP session reset']]);
  assert.deepEqual(report.during.nonRedundant, BOTH);
  for (const req of [OCI_TO_AZURE, AZURE_TO_OCI]) {
    const t = await traceNow(engine, req);
    assert.equal(t.verdict, 'delivered');
    assert.ok(linksUsed(t).every((p) => p === 'primary'));
  }
  // The session stays down until the drill stops (routing has no timed re-establishment).
  await engine.settle();
  assert.equal((await snapshot(engine)).view.sessions[1]?.up, false);
  await stopDrill(engine);
  await assertRestored(engine, before);
  await engine.close();
});

void test('both links down: no session, OCI → Azure dropped with BGP_SESSION_DOWN; stopping one drill at a time unwinds in order', async () => {
  const engine = await tutorialEngine();
  const before = await snapshot(engine);
  const first = await startDrill(engine, { kind: 'link-down', path: 'primary' });
  const oneDown = await snapshot(engine);
  const second = await startDrill(engine, { kind: 'link-down', path: 'secondary' });
  assert.deepEqual(second.before, oneDown.view, 'the second drill reports the state the first left');
  assert.deepEqual(second.during.redundant, []);
  assert.deepEqual(second.during.nonRedundant, []);
  assert.deepEqual(second.impact.lost, BOTH);
  assert.deepEqual(second.during.sessions.map((s) => [s.up, s.reason]), [[false, 'drill: primary link down'], [false, 'drill: secondary link down']]);
  assert.equal(second.during.down, 'BGP_SESSION_DOWN');
  assert.equal(second.during.downReason, 'primary: drill: primary link down; secondary: drill: secondary link down');

  const t = await traceNow(engine, OCI_TO_AZURE);
  assert.equal(t.verdict, 'dropped');
  assert.equal(t.reason, 'BGP_SESSION_DOWN');
  assert.equal(lastHop(t.hops)?.kind, 'drg-route-table', 'the DRG learned nothing over BGP, and says why');
  assert.deepEqual(linksUsed(t), []);
  // Azure → OCI: the gateway learned nothing, so only the Internet default route matches
  // 10.10.10.10; the trace explains it with the interconnect's state.
  const back = await traceNow(engine, AZURE_TO_OCI);
  assert.equal(back.verdict, 'dropped');
  assert.equal(back.reason, 'BGP_SESSION_DOWN');
  assert.equal(lastHop(back.hops)?.kind, 'effective-routes');
  assert.equal(lastHop(back.hops)?.rule, 'Default 0.0.0.0/0 → Internet');
  await assertIncrementalMatchesFresh(engine);

  assert.deepEqual((await listDrills(engine)).map((d) => [d.id, d.path, d.interconnect]), [[first.id, 'primary', 'vc-azure'], [second.id, 'secondary', 'vc-azure']]);
  const undoSecond = await stopDrill(engine, second.id);
  assert.deepEqual(undoSecond.after, [oneDown.view]);
  assert.deepEqual(await snapshot(engine), oneDown, 'stopping the second drill returns to the one-link state exactly');
  await stopDrill(engine, first.id);
  await assertRestored(engine, before);
  await engine.close();
});

void test('AS-path prepend on the primary: both directions prefer the secondary by shortest AS path, prefixes stay redundant', async () => {
  const engine = await tutorialEngine();
  const before = await snapshot(engine);
  const report = await startDrill(engine, { kind: 'as-path-prepend', path: 'primary' });
  assert.equal(report.drill.count, 3, 'Azure-style default: prepend three times');
  assert.deepEqual(report.during.redundant, BOTH, 'prepending keeps the routes on both sessions');
  assert.deepEqual(report.impact, { lost: [], degraded: [], added: [], rerouted: BOTH });
  assert.deepEqual(report.during.bestToAzure, [{ prefix: OCI_PREFIX, paths: ['secondary'], reason: 'shortest-as-path' }]);
  assert.deepEqual(report.during.bestToOci, [{ prefix: AZURE_PREFIX, paths: ['secondary'], reason: 'shortest-as-path' }]);
  const ic = engine.routing.interconnect(vcIdOf(engine));
  assert.deepEqual(ic.sessions[0]?.toAzure[0]?.asPath, [31898, 31898, 31898, 31898]);
  assert.deepEqual(ic.sessions[0]?.toOci[0]?.asPath, [12076, 12076, 12076, 12076]);
  assert.deepEqual(ic.sessions[1]?.toOci[0]?.asPath, [12076]);
  assert.equal(ic.bestToOci.get(AZURE_PREFIX)?.reason, 'shortest-as-path');

  for (const req of [OCI_TO_AZURE, AZURE_TO_OCI]) {
    const t = await traceNow(engine, req);
    assert.equal(t.verdict, 'delivered');
    const link = t.hops.find((h) => h.kind === 'link');
    assert.equal(link?.name, 'secondary link');
    assert.equal(link?.detail, 'best path');
    assert.ok(linksUsed(t).every((p) => p === 'secondary'), `${req.from} → ${req.to} and its reply use the secondary`);
  }
  await assertIncrementalMatchesFresh(engine);
  await stopDrill(engine, report.id);
  await assertRestored(engine, before);
  await engine.close();
});

void test('Azure withdraws its VNet prefix: OCI → Azure dropped at the DRG; Azure → OCI arrives but the reply is dropped', async () => {
  const engine = await tutorialEngine();
  const before = await snapshot(engine);
  const report = await startDrill(engine, { kind: 'prefix-withdraw', prefix: AZURE_PREFIX, side: 'azure' });
  assert.deepEqual(report.drill.side, 'azure');
  assert.deepEqual(report.during.redundant, [OCI_PREFIX]);
  assert.deepEqual(report.impact.lost, [AZURE_PREFIX]);
  assert.deepEqual(report.during.sessions.map((s) => [s.up, s.toAzure, s.toOci]), [[true, 1, 0], [true, 1, 0]], 'sessions stay up; only the prefix is gone');

  const t = await traceNow(engine, OCI_TO_AZURE);
  assert.equal(t.verdict, 'dropped');
  assert.equal(t.reason, 'NO_ROUTE');
  assert.equal(lastHop(t.hops)?.kind, 'drg-route-table');
  assert.match(lastHop(t.hops)?.detail ?? '', /no route for 10\.20\.10\.10/);

  // Azure still learns 10.10.10.0/24, so the request crosses and is delivered to vm-oci; the reply
  // (10.10.10.10 → 10.20.10.10) then meets the same DRG table without a route back. The flow's
  // verdict is the reply's: dropped, NO_ROUTE, with the forward hops intact.
  const back = await traceNow(engine, AZURE_TO_OCI);
  assert.equal(lastHop(back.hops)?.decision, 'deliver', 'the request reaches vm-oci');
  assert.equal(back.verdict, 'dropped');
  assert.equal(back.reason, 'NO_ROUTE');
  assert.equal(back.returnPath?.verdict, 'dropped');
  assert.equal(lastHop(back.returnPath?.hops ?? [])?.kind, 'drg-route-table');
  await assertIncrementalMatchesFresh(engine);

  await stopDrill(engine);
  await assertRestored(engine, before);
  await engine.close();
});

void test('OCI withdraws its subnet prefix (side inferred): Azure loses the route to OCI', async () => {
  const engine = await tutorialEngine();
  const before = await snapshot(engine);
  const report = await startDrill(engine, { kind: 'prefix-withdraw', prefix: OCI_PREFIX });
  assert.equal(report.drill.side, 'oci', 'the side is the one that advertises the prefix');
  assert.deepEqual(report.impact.lost, [OCI_PREFIX]);
  const back = await traceNow(engine, AZURE_TO_OCI);
  assert.equal(back.verdict, 'dropped');
  assert.equal(back.reason, 'NOT_EXPORTED', 'the address is in an OCI VCN that OCI no longer advertises');
  assert.equal(lastHop(back.hops)?.kind, 'effective-routes');
  await stopDrill(engine);
  await assertRestored(engine, before);
  await engine.close();
});

void test('gateway replaced: Azure advertises nothing, OCI → Azure is GATEWAY_NOT_CONNECTED; restored after', async () => {
  const engine = await tutorialEngine();
  const before = await snapshot(engine);
  const report = await startDrill(engine, { kind: 'gateway-replace' });
  assert.deepEqual(report.during.sessions.map((s) => [s.up, s.toAzure, s.toOci]), [[true, 1, 0], [true, 1, 0]], 'the BGP sessions are between the edges and stay up');
  assert.deepEqual(report.impact.lost, [AZURE_PREFIX]);
  assert.deepEqual(engine.routing.interconnect(vcIdOf(engine)).gatewayIds, []);

  const t = await traceNow(engine, OCI_TO_AZURE);
  assert.equal(t.verdict, 'dropped');
  assert.equal(t.reason, 'GATEWAY_NOT_CONNECTED');
  assert.equal(lastHop(t.hops)?.kind, 'drg-route-table');
  // Azure → OCI: the gateway is out, so the VNet has no BGP routes and says why.
  const back = await traceNow(engine, AZURE_TO_OCI);
  assert.equal(back.verdict, 'dropped');
  assert.equal(back.reason, 'GATEWAY_NOT_CONNECTED');
  await assertIncrementalMatchesFresh(engine);

  await stopDrill(engine, report.id);
  await assertRestored(engine, before);
  await engine.close();
});

void test('prefix flood over the Standard limit: both sessions drop with "prefix limit exceeded"; stop brings them back', async () => {
  const engine = await tutorialEngine();
  const before = await snapshot(engine);
  const report = await startDrill(engine, { kind: 'prefix-flood' });
  assert.equal(report.drill.count, 4001, 'default: the Standard private peering limit (4,000) + 1');
  for (const s of report.during.sessions) {
    assert.equal(s.up, false);
    assert.equal(s.reason, 'prefix limit exceeded: 4002 prefixes advertised to the Standard private peering (limit 4000)');
    assert.equal(s.offeredToAzure, 4002, 'the flood plus the OCI subnet');
    assert.equal(s.prefixLimit, 4000);
  }
  assert.equal(report.during.down, 'BGP_SESSION_DOWN');
  assert.deepEqual(report.impact.lost, BOTH);
  const t = await traceNow(engine, OCI_TO_AZURE);
  assert.equal(t.verdict, 'dropped');
  assert.equal(t.reason, 'BGP_SESSION_DOWN');
  assert.match(lastHop(t.hops)?.detail ?? '', /prefix limit exceeded/);
  await assertIncrementalMatchesFresh(engine);
  await stopDrill(engine);
  await assertRestored(engine, before);
  await engine.close();
});

void test('prefix flood under the limit: sessions stay up and Azure learns the flood on both links', async () => {
  const engine = await tutorialEngine();
  const before = await snapshot(engine);
  const report = await startDrill(engine, { kind: 'prefix-flood', count: 10 });
  assert.ok(report.during.sessions.every((s) => s.up && s.offeredToAzure === 11));
  assert.equal(report.impact.added.length, 10);
  assert.ok(report.impact.added.every((p) => /^198\.1[89]\.\d+\.\d+\/29$/.test(p)), 'flood prefixes are /29s from 198.18.0.0/15');
  assert.deepEqual(report.during.redundant.filter((p) => !p.startsWith('198.')), BOTH);
  assert.equal((await traceNow(engine, OCI_TO_AZURE)).verdict, 'delivered');
  await stopDrill(engine);
  await assertRestored(engine, before);
  await engine.close();
});

void test('stopping every drill at once restores a world with several drills stacked', async () => {
  const engine = await tutorialEngine();
  const before = await snapshot(engine);
  const started = [
    await startDrill(engine, { kind: 'as-path-prepend', path: 'secondary', count: 5 }),
    await startDrill(engine, { kind: 'prefix-withdraw', prefix: AZURE_PREFIX }),
    await startDrill(engine, { kind: 'link-down', path: 'primary' }),
    await startDrill(engine, { kind: 'gateway-replace' }),
  ];
  assert.equal((await listDrills(engine)).length, 4);
  const stopped = await stopDrill(engine);
  assert.deepEqual([...stopped.stopped].sort(), started.map((d) => d.id).sort());
  assert.deepEqual(stopped.after, [before.view], 'one view per interconnect');
  await assertRestored(engine, before);
  // Stopping when nothing is active is not an error.
  assert.deepEqual(await stopDrill(engine), { stopped: [], after: [] });
  await engine.close();
});
