// Shaping and drills in the plan, without root: the interconnect links carry tbf at both ends at the
// smaller of the virtual circuit's and the circuit's bandwidth, burst scaled with the rate; a
// link-down drill renders as a drop qdisc on both ends of that link and a route diff on the edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { interconnectRate, tbfFor } from '../../src/dataplane/shaping.ts';
import { namespaceQdiscBatch } from '../../src/dataplane/qdisc-layout.ts';
import { linkStateBatches } from '../../src/dataplane/follow-drills.ts';
import { diffPlans, reroutedNamespaces } from '../../src/dataplane/diff.ts';
import { startDrill, stopDrill } from '../../src/engine/drill-runner.ts';

const LABS = path.join(import.meta.dirname, '../../labs');

void test('the rate is the smaller of the virtual circuit\'s shape and the circuit\'s bandwidth; burst scales with it', () => {
  assert.equal(interconnectRate('1 Gbps', 1000)?.mbps, 1000);
  assert.equal(interconnectRate('2 Gbps', 1000)?.mbps, 1000, 'a 1 Gbps circuit caps a 2 Gbps virtual circuit');
  assert.equal(interconnectRate('1 Gbps', 10000)?.mbps, 1000);
  assert.equal(interconnectRate('500 Mbps', undefined)?.mbps, 500);
  assert.equal(interconnectRate(undefined, undefined), undefined);
  assert.equal(tbfFor('pri', { mbps: 1000, why: '' }).burstBytes, 256 * 1024, 'the reference\'s 256 KiB at 1 Gbit/s');
  assert.equal(tbfFor('pri', { mbps: 10000, why: '' }).burstBytes, 2560 * 1024);
  assert.equal(tbfFor('pri', { mbps: 50, why: '' }).burstBytes, 32 * 1024, 'never below 32 KiB');
});

void test('the tutorial\'s two links carry tbf at 1 Gbit/s at both ends; a link-down drill renders as a drop and a route diff', async () => {
  const { engine } = await labEngine(path.join(LABS, 'tutorial.yaml'));
  try {
    const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    const oracle = plan.namespaces.find((n) => n.role === 'oracle-edge');
    const msee = plan.namespaces.find((n) => n.role === 'msee');
    assert.ok(oracle && msee);
    for (const ns of [oracle, msee]) {
      assert.deepEqual(ns.qdiscs?.map((q) => [q.dev, q.kind, q.rateMbit, q.burstBytes, q.latencyMs]), [['pri', 'tbf', 1000, 262144, 50], ['sec', 'tbf', 1000, 262144, 50]]);
      assert.equal(namespaceQdiscBatch(ns), 'qdisc replace dev pri root tbf rate 1000mbit burst 262144 latency 50ms\nqdisc replace dev sec root tbf rate 1000mbit burst 262144 latency 50ms\n');
    }
    assert.ok(plan.namespaces.filter((n) => n !== oracle && n !== msee).every((n) => n.qdiscs === undefined), 'only the interconnect links are shaped');

    const primary = plan.links.find((l) => l.kind === 'interconnect-primary');
    assert.ok(primary);
    const cut = linkStateBatches(plan, new Set(), new Set([primary.resourceId]));
    assert.deepEqual(cut.map((c) => [c.ns, c.batch]).sort(), [[oracle.name, 'qdisc replace dev pri root pfifo limit 0\n'], [msee.name, 'qdisc replace dev pri root pfifo limit 0\n']].sort());
    const restore = linkStateBatches(plan, new Set([primary.resourceId]), new Set());
    assert.equal(restore.find((c) => c.ns === oracle.name)?.batch, 'qdisc replace dev pri root tbf rate 1000mbit burst 262144 latency 50ms\n');
    assert.deepEqual(linkStateBatches(plan, new Set([primary.resourceId]), new Set([primary.resourceId])), [], 'no change, nothing to run');

    await startDrill(engine, { kind: 'link-down', path: 'primary' });
    const during = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    // The sync's diff carries the drill's routes.
    const diff = diffPlans(plan, during);
    const vnet = plan.namespaces.find((n) => n.role === 'vnet-router');
    // The edges move to the secondary; the VNet's effective routes name only the gateway instance peering on it (.5).
    assert.deepEqual(reroutedNamespaces(diff).sort(), [oracle.name, msee.name, vnet?.name].sort(), 'only the namespaces whose computed routes changed');
    assert.match(diff.changes.find((c) => c.ns.name === oracle.name)?.add.join('\n') ?? '', /^route replace 10\.20\.0\.0\/16 via 10\.99\.0\.6 dev sec onlink$/m);
    await stopDrill(engine);
  } finally {
    await engine.close();
  }
});
