// What a sync does to links and their shaping, without root: a bandwidth change is a qdisc diff on
// both ends of both interconnect links and nothing else (no namespace, link or route touched); a
// drill's cut link keeps its drop; a new interconnect link gets what `up` gives it (its tbf, a
// helper when delay is a userspace link, its delay in the record); a link that goes stops its helper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { diffPlans, isEmptyDiff } from '../../src/dataplane/diff.ts';
import { linkWork } from '../../src/dataplane/sync-links.ts';
import { chooseDelayMechanism, delayRecord, delayedLinks } from '../../src/dataplane/link-delay.ts';
import { heldDevices } from '../../src/dataplane/follow-drills.ts';
import type { DataplanePlan } from '../../src/dataplane/plan.ts';

const LABS = path.join(import.meta.dirname, '../../labs');
const tbf = (mbit: number, burst: number, dev: string): string => `qdisc replace dev ${dev} root tbf rate ${mbit}mbit burst ${burst} latency 50ms`;

void test('a bandwidth change is a qdisc diff on both ends of both links, and nothing else; a cut link keeps its drop', async () => {
  // The virtual circuit is 2 Gbps, the circuit 1000 Mbps: the links run at 1000.
  const { engine } = await labEngine(path.join(LABS, 'broken/bandwidth-mismatch.yaml'));
  try {
    const compile = () => engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    const before = await compile();
    const circuit = engine.world.list('azure.ExpressRouteCircuit')[0] ?? assert.fail('the circuit');
    await engine.mutate('test:raise-circuit', (tx) => {
      tx.update('azure.ExpressRouteCircuit', circuit.id, (d) => { d.properties.serviceProviderProperties.bandwidthInMbps = 2000; });
    });
    const after = await compile();
    const diff = diffPlans(before, after);
    const oracle = after.namespaces.find((n) => n.role === 'oracle-edge')?.name ?? assert.fail('the Oracle edge');
    const msee = after.namespaces.find((n) => n.role === 'msee')?.name ?? assert.fail('the MSEE');
    assert.deepEqual(diff.create, []);
    assert.deepEqual(diff.remove, []);
    assert.deepEqual([...diff.linksGone, ...diff.linksNew], []);
    assert.deepEqual(diff.changes.map((c) => [c.ns.name, c.qdiscs, c.add, c.remove, c.firewallChanged]).sort(), [
      [msee, [tbf(2000, 524288, 'pri'), tbf(2000, 524288, 'sec')], [], [], false],
      [oracle, [tbf(2000, 524288, 'pri'), tbf(2000, 524288, 'sec')], [], [], false],
    ].sort(), 'the smaller of 2 Gbps and 2000 Mbps on all four ends, burst scaled');

    const primary = after.links.find((l) => l.kind === 'interconnect-primary') ?? assert.fail('the primary');
    const held = diffPlans(before, after, heldDevices(before, new Set([primary.resourceId])));
    assert.deepEqual(held.changes.map((c) => c.qdiscs), [[tbf(2000, 524288, 'sec')], [tbf(2000, 524288, 'sec')]], 'a link a drill cuts keeps its drop: restoring it applies the new rate');

    const unshaped: DataplanePlan = { ...after, namespaces: after.namespaces.map((n) => (n.name === oracle ? { ...n, qdiscs: [] } : n)) };
    assert.deepEqual(diffPlans(after, unshaped).changes.map((c) => c.qdiscs), [['qdisc del dev pri root', 'qdisc del dev sec root']], 'no longer shaped: back to the veth default');
    assert.ok(isEmptyDiff(diffPlans(after, await compile())), 'unchanged, nothing to do');
  } finally {
    await engine.close();
  }
});

void test('a new interconnect link gets its tbf, its helper (userspace link) and its delay record; a link that goes stops its helper', async () => {
  const { engine } = await labEngine(path.join(LABS, 'tutorial.yaml'));
  try {
    const full = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    const secondary = full.links.find((l) => l.kind === 'interconnect-secondary') ?? assert.fail('the secondary');
    // The same world without its secondary link (and that link's tbf and addresses).
    const edges = new Set([secondary.a.ns, secondary.b.ns]);
    const withoutSec: DataplanePlan = {
      ...full, links: full.links.filter((l) => l !== secondary),
      namespaces: full.namespaces.map((n) => (edges.has(n.name) ? { ...n, qdiscs: (n.qdiscs ?? []).filter((q) => q.dev !== 'sec'), addresses: n.addresses.filter((a) => a.dev !== 'sec'), routes: n.routes.filter((r) => !(r.nexthops ?? []).some((h) => h.dev === 'sec')) } : n)),
    };
    const userspace = chooseDelayMechanism(false, '/opt/fr-linkemu');
    const primaryRecord = { ...delayRecord(full.links.find((l) => l.kind === 'interconnect-primary') ?? assert.fail('primary'), userspace), pid: 4001 };

    const added = diffPlans(withoutSec, full);
    assert.deepEqual(added.linksNew, [secondary]);
    for (const ns of edges) assert.deepEqual(added.changes.find((c) => c.ns.name === ns)?.qdiscs, [tbf(1000, 262144, 'sec')], 'the new link is shaped at both ends');
    const work = linkWork(added, withoutSec, full, [primaryRecord], userspace);
    assert.deepEqual(work.helpers, [secondary], 'made as a userspace link, as up makes it');
    assert.deepEqual(work.veth, [], 'no veth for it');
    assert.deepEqual(work.gone, []);
    assert.deepEqual(work.delays.map((d) => [d.resourceId, d.mechanism, d.oneWayUs, d.pid]), [[primaryRecord.resourceId, 'userspace-link', 1000, 4001], [secondary.resourceId, 'userspace-link', 1000, undefined]]);
    const netem = linkWork(added, withoutSec, full, [], chooseDelayMechanism(true, undefined));
    assert.deepEqual([netem.veth, netem.netem, netem.helpers], [[secondary], [secondary], []], 'with netem: a veth with netem on both ends');
    const none = linkWork(added, withoutSec, full, [], chooseDelayMechanism(false, undefined));
    assert.deepEqual([none.veth, none.netem, none.helpers, none.delays.map((d) => d.mechanism)], [[secondary], [], [], ['none']]);

    const secondaryRecord = { ...delayRecord(secondary, userspace), pid: 4002 };
    const removed = diffPlans(full, withoutSec);
    const goneWork = linkWork(removed, full, withoutSec, [primaryRecord, secondaryRecord], userspace);
    assert.deepEqual(goneWork.gone, [secondaryRecord], 'its helper is stopped (by its recorded pid)');
    assert.deepEqual(goneWork.delays, [primaryRecord]);
    assert.equal(delayedLinks(withoutSec).length, 1);
  } finally {
    await engine.close();
  }
});
