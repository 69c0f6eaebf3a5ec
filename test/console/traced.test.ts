// How the console puts a trace on the topology (console/src/topology/traced.ts), with real traces
// over real labs in an in-memory engine: the nodes and the one link a delivered flow crosses, the
// reply marked as such, a dropped flow stopping at the right node, and with two interconnects only
// the interconnect the flow takes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { traceMarks, type TraceMarks } from '../../console/src/topology/traced.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { buildTopology } from '../../src/topology/topology.ts';
import type { Topology } from '../../src/topology/types.ts';
import { trace } from '../../src/trace/trace.ts';
import type { TraceResult } from '../../src/trace/types.ts';
import { labEngine } from '../helpers/lab.ts';

const REPO = path.resolve(import.meta.dirname, '../..');

async function traced(file: string, from: string, to: string): Promise<{ topology: Topology; result: TraceResult; marks: TraceMarks }> {
  const { engine } = await labEngine(path.join(REPO, file));
  return marked(engine, from, to);
}

async function marked(engine: Engine, from: string, to: string): Promise<{ topology: Topology; result: TraceResult; marks: TraceMarks }> {
  const topology = await engine.read((view) => buildTopology(view, engine.routing));
  const result = await engine.read(() => trace(engine.routing, { from, to, protocol: 'icmp' }));
  return { topology, result, marks: traceMarks(topology, result) };
}

const byLabel = (t: Topology, label: string) => {
  const n = t.nodes.find((x) => x.label === label);
  assert.ok(n, `node ${label}`);
  return n.id;
};
const forward = (dir: string | undefined) => dir === 'forward' || dir === 'both';
const back = (dir: string | undefined) => dir === 'return' || dir === 'both';

void describe('console trace drawing', () => {
  void it('tutorial, delivered: every box on the way and the one link the flow hashes to; the reply marked as return', async () => {
    const { topology: t, result, marks } = await traced('labs/tutorial.yaml', 'vm-oci', 'vm-azure');
    assert.equal(result.verdict, 'delivered');
    for (const name of ['vm-oci', 'subnet-oci', 'vcn-oci', 'drg-oci', 'vc-azure', 'er-oci-azure', 'ergw', 'vnet-azure', 'subnet-workload', 'vm-azure']) {
      assert.ok(forward(marks.nodes.get(byLabel(t, name))), `${name} is on the forward path: ${JSON.stringify([...marks.nodes])}`);
    }
    assert.ok(back(marks.nodes.get(byLabel(t, 'vm-oci'))) && back(marks.nodes.get(byLabel(t, 'vm-azure'))), 'both VMs are on the return path');
    const hop = result.hops.find((h) => h.kind === 'link');
    assert.ok(hop, 'the trace crosses a link');
    const taken = (hop.name ?? '').startsWith('primary') ? 'Primary' : 'Secondary';
    const links = t.edges.filter((e) => e.kind === 'link');
    for (const e of links) {
      assert.equal(forward(marks.edges.get(e.id)), e.path === taken, `${e.path}: forward traffic only on the link the trace names (${hop.name ?? ''})`);
    }
    assert.equal(marks.drops.size, 0, 'nothing dropped');
    assert.ok(!t.nodes.some((n) => n.kind === 'azure.Subnet' && n.label === 'GatewaySubnet' && marks.nodes.has(n.id)), 'the GatewaySubnet is not on the path');
  });

  void it('a dropped flow stops where the route is missing, and nothing beyond it is marked', async () => {
    const { topology: t, result, marks } = await traced('labs/broken/missing-route-rule.yaml', 'vm-oci', 'vm-azure');
    assert.equal(result.verdict, 'dropped');
    assert.equal(marks.drops.size, 1, 'one stop');
    const [stop] = [...marks.drops];
    const node = t.nodes.find((n) => n.id === stop);
    assert.equal(node?.cloud, 'oci', `the flow stops in OCI (at ${node?.label ?? stop})`);
    for (const n of t.nodes.filter((x) => x.cloud === 'azure')) assert.ok(!forward(marks.nodes.get(n.id)), `${n.label} is beyond the drop`);
    assert.ok(![...marks.edges.keys()].some((id) => t.edges.find((e) => e.id === id)?.kind === 'link'), 'no link is crossed');
  });

  void it('two interconnects: only the links of the interconnect the flow takes are marked', async () => {
    const { topology: t, result, marks } = await traced('labs/broken/transit-between-circuits.yaml', 'vm-oci', 'vm-azure-2');
    assert.equal(result.verdict, 'delivered');
    const vc2 = byLabel(t, 'vc-azure-2');
    const links = t.edges.filter((e) => e.kind === 'link');
    const used = links.filter((e) => forward(marks.edges.get(e.id)));
    assert.equal(used.length, 1, `one link carries the flow: ${used.map((e) => e.id).join(', ')}`);
    assert.equal(used[0]?.from, vc2, 'it is a link of vc-azure-2');
    assert.ok(!forward(marks.nodes.get(byLabel(t, 'vc-azure'))) && !forward(marks.nodes.get(byLabel(t, 'er-oci-azure'))), 'the other interconnect is not on the path');
    assert.ok(forward(marks.nodes.get(byLabel(t, 'er-oci-azure-2'))), 'the second circuit is');
  });
});
