// The console's topology over real labs in an in-memory engine: the tutorial's nodes and edges,
// a link-down drill on the primary path turning exactly that link down, and the hub-and-spoke lab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { downLab, upLab } from '../../src/engine/lab-runner.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { applyLabConnections } from '../../src/lab/apply.ts';
import { startDrill, stopDrill } from '../../src/engine/drill-runner.ts';
import { Routing } from '../../src/routing/routing.ts';
import { buildTopology } from '../../src/topology/topology.ts';
import type { Topology, TopologyNodeKind } from '../../src/topology/types.ts';
import { tutorialEngine } from '../drills/helpers.ts';

const topologyOf = (engine: Engine): Promise<Topology> => engine.read((view) => buildTopology(view, engine.routing));

function countKinds(t: Topology): Partial<Record<TopologyNodeKind, number>> {
  const out: Partial<Record<TopologyNodeKind, number>> = {};
  for (const n of t.nodes) out[n.kind] = (out[n.kind] ?? 0) + 1;
  return out;
}

function assertConsistent(t: Topology): void {
  const ids = new Set(t.nodes.map((n) => n.id));
  assert.equal(ids.size, t.nodes.length, 'node ids are unique');
  assert.equal(new Set(t.edges.map((e) => e.id)).size, t.edges.length, 'edge ids are unique');
  for (const e of t.edges) {
    assert.ok(ids.has(e.from), `edge ${e.id} starts at a node`);
    assert.ok(ids.has(e.to), `edge ${e.id} ends at a node`);
  }
  for (const n of t.nodes) if (n.parent !== undefined) assert.ok(ids.has(n.parent), `${n.label}'s parent is a node`);
}

void test('tutorial: both clouds, both VMs with their IPs, the interconnect with both links up', async () => {
  const engine = await tutorialEngine();
  try {
    const t = await topologyOf(engine);
    assertConsistent(t);
    assert.deepEqual(countKinds(t), {
      'oci.Vcn': 1, 'oci.Subnet': 1, 'oci.Instance': 1, 'oci.Drg': 1, 'oci.VirtualCircuit': 1,
      'azure.ExpressRouteCircuit': 1, 'azure.VirtualNetworkGateway': 1, 'azure.VirtualNetwork': 1, 'azure.Subnet': 2, 'azure.VirtualMachine': 1,
    });
    assert.ok(t.nodes.every((n) => n.state === 'up'), `every node is up: ${JSON.stringify(t.nodes.filter((n) => n.state !== 'up'))}`);
    const byLabel = (label: string) => t.nodes.find((n) => n.label === label);
    const vmOci = byLabel('vm-oci');
    const vmAzure = byLabel('vm-azure');
    assert.equal(vmOci?.ip, '10.10.10.10');
    assert.equal(vmOci?.cloud, 'oci');
    assert.equal(vmOci?.parent, byLabel('subnet-oci')?.id);
    assert.equal(vmOci?.detail, 'RUNNING');
    assert.equal(vmAzure?.ip, '10.20.10.10');
    assert.equal(vmAzure?.cloud, 'azure');
    assert.equal(vmAzure?.parent, byLabel('subnet-workload')?.id);
    assert.equal(byLabel('subnet-workload')?.parent, byLabel('vnet-azure')?.id);
    assert.deepEqual(byLabel('vcn-oci')?.cidrs, ['10.10.0.0/16']);
    assert.equal(byLabel('vc-azure')?.detail, 'PROVISIONED / UP');
    assert.equal(byLabel('er-oci-azure')?.detail, 'Succeeded / Provisioned');

    const id = (label: string) => byLabel(label)?.id ?? '';
    assert.deepEqual(t.edges.map((e) => [e.kind, e.from, e.to, e.path, e.state]), [
      ['attachment', id('vcn-oci'), id('drg-oci'), undefined, 'up'],
      ['circuit', id('drg-oci'), id('vc-azure'), undefined, 'up'],
      ['link', id('vc-azure'), id('er-oci-azure'), 'Primary', 'up'],
      ['link', id('vc-azure'), id('er-oci-azure'), 'Secondary', 'up'],
      ['connection', id('er-oci-azure'), id('ergw'), undefined, 'up'],
      ['gateway', id('ergw'), id('vnet-azure'), undefined, 'up'],
    ]);
    const primary = t.edges.find((e) => e.path === 'Primary');
    assert.equal(primary?.id, `link:${id('vc-azure')}:${id('er-oci-azure')}:Primary`);
    assert.equal(primary?.detail, 'BGP UP · 10.99.0.1 ⇄ 10.99.0.2');
    assert.equal(primary?.reason, undefined);
    // A pure function: the same answer from routing computed from scratch.
    assert.deepEqual(await engine.read((view) => buildTopology(view, new Routing(view))), t);
  } finally {
    await engine.close();
  }
});

void test('a link-down drill on the primary path takes exactly the primary link down, and stopping it restores it', async () => {
  const engine = await tutorialEngine();
  try {
    const before = await topologyOf(engine);
    const report = await startDrill(engine, { kind: 'link-down', path: 'primary' });
    const during = await topologyOf(engine);
    const changed = during.edges.filter((e) => e.state !== before.edges.find((b) => b.id === e.id)?.state);
    assert.deepEqual(changed.map((e) => [e.kind, e.path, e.state]), [['link', 'Primary', 'down']]);
    assert.match(changed[0]?.reason ?? '', /drill: primary link down/);
    assert.equal(during.edges.find((e) => e.path === 'Secondary')?.state, 'up');
    assert.deepEqual(during.nodes, before.nodes, 'the VC stays up on its secondary session');

    await startDrill(engine, { kind: 'link-down', path: 'secondary' });
    const both = await topologyOf(engine);
    assert.deepEqual(both.edges.filter((e) => e.kind === 'link').map((e) => e.state), ['down', 'down']);
    const vc = both.nodes.find((n) => n.kind === 'oci.VirtualCircuit');
    assert.equal(vc?.state, 'down', 'with both sessions down the VC is down');
    assert.match(vc?.reason ?? '', /primary: drill: primary link down; secondary: drill: secondary link down/);

    await stopDrill(engine, report.id);
    await stopDrill(engine);
    assert.deepEqual(await topologyOf(engine), before);
  } finally {
    await engine.close();
  }
});

void test('a gateway-replace drill takes the connection down while the links stay up', async () => {
  const engine = await tutorialEngine();
  try {
    await startDrill(engine, { kind: 'gateway-replace' });
    const t = await topologyOf(engine);
    assert.deepEqual(t.edges.filter((e) => e.state !== 'up').map((e) => [e.kind, e.state]), [['connection', 'down']]);
    assert.match(t.edges.find((e) => e.kind === 'connection')?.reason ?? '', /drill/);
  } finally {
    await engine.close();
  }
});

void test('hub and spoke: three VCNs on one DRG, three VNets peered to the hub, one interconnect', async () => {
  const engine = await Engine.open({ store: await openStore({ inMemory: true }) });
  try {
    const file = 'labs/hub-and-spoke.yaml';
    const report = await upLab(engine, parseLab(readFileSync(file, 'utf8'), file));
    assert.deepEqual(report.incomplete, []);
    const t = await topologyOf(engine);
    assertConsistent(t);
    assert.deepEqual(countKinds(t), {
      'oci.Vcn': 3, 'oci.Subnet': 3, 'oci.Instance': 3, 'oci.Drg': 1, 'oci.VirtualCircuit': 1,
      'azure.ExpressRouteCircuit': 1, 'azure.VirtualNetworkGateway': 1, 'azure.VirtualNetwork': 3, 'azure.Subnet': 4, 'azure.VirtualMachine': 3,
    });
    const kinds = (k: string) => t.edges.filter((e) => e.kind === k);
    assert.equal(kinds('attachment').length, 3);
    assert.equal(kinds('circuit').length, 1);
    assert.deepEqual(kinds('link').map((e) => e.path), ['Primary', 'Secondary']);
    assert.equal(kinds('connection').length, 1);
    assert.equal(kinds('gateway').length, 1);
    const label = (nodeId: string) => t.nodes.find((n) => n.id === nodeId)?.label;
    assert.deepEqual(kinds('peering').map((e) => [label(e.from), label(e.to), e.state]).sort(), [['vnet-hub', 'vnet-app', 'up'], ['vnet-hub', 'vnet-data', 'up']]);
    assert.ok([...t.nodes, ...t.edges].every((x) => x.state === 'up'), 'everything is up');
    assert.deepEqual(t.nodes.filter((n) => n.kind === 'azure.VirtualMachine' || n.kind === 'oci.Instance').map((n) => [n.label, n.ip]).sort(), [
      ['fw-oci', '10.10.1.10'], ['nva', '10.20.1.4'], ['vm-app', '10.11.1.10'], ['vm-azure-app', '10.21.1.10'], ['vm-azure-data', '10.22.1.10'], ['vm-data', '10.12.1.10'],
    ]);

    // Torn down: OCI keeps TERMINATED/DETACHED resources readable for a while, but they are not drawn.
    await downLab(engine, 'hub-and-spoke');
    assert.ok(engine.world.list('oci.Vcn').some((v) => v.lifecycleState === 'TERMINATED'), 'the terminated VCNs are still in the world');
    assert.deepEqual(await topologyOf(engine), { nodes: [], edges: [] });
  } finally {
    await engine.close();
  }
});

void test('while the lab comes up on a manual clock, the links are provisioning, then up', async () => {
  const engine = await Engine.open({ store: await openStore({ inMemory: true }), clock: 'manual' });
  try {
    const file = 'labs/tutorial.yaml';
    const lab = parseLab(readFileSync(file, 'utf8'), file);
    const report = await upLab(engine, lab);
    assert.match(report.incomplete[0]?.reason ?? '', /waiting for the clock/);
    const early = await topologyOf(engine);
    assertConsistent(early);
    assert.deepEqual(early.edges.filter((e) => e.kind === 'link').map((e) => e.state), ['provisioning', 'provisioning']);
    assert.ok(early.nodes.some((n) => n.state === 'provisioning'));
    // Let the clouds finish, connecting the gateway once the circuit is provisioned (as upLab does).
    for (let i = 0; i < 200; i++) {
      await engine.advance(60);
      await engine.mutate('test:connect', (tx) => applyLabConnections(tx, lab));
      const t = await topologyOf(engine);
      assertConsistent(t);
      if (t.edges.every((e) => e.state === 'up') && t.nodes.every((n) => n.state === 'up')) break;
    }
    const t = await topologyOf(engine);
    assert.deepEqual(t.edges.map((e) => e.state), ['up', 'up', 'up', 'up', 'up', 'up']);
  } finally {
    await engine.close();
  }
});
