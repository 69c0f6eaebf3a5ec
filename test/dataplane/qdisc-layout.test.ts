// The qdisc tree on each interconnect link end, without root and without netem in the kernel: every
// combination (netem + tbf, tbf alone as with the userspace link or no delay, netem alone, nothing)
// renders to the right `tc` lines at `up`, and every transition (bandwidth change, cut, restore,
// delay on and off) keeps the other qdisc in place. The plan-level paths (the sync's diff, the
// drill's cut and restore) give the same lines on the tutorial with netem in its plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { diffPlans } from '../../src/dataplane/diff.ts';
import { heldDevices, linkStateBatches } from '../../src/dataplane/follow-drills.ts';
import { withNetem } from '../../src/dataplane/link-delay.ts';
import { endTree, namespaceQdiscBatch, netemLimit, transitionLines, type EndTree } from '../../src/dataplane/qdisc-layout.ts';
import { tbfFor } from '../../src/dataplane/shaping.ts';
import type { DataplanePlan, PlanNamespace } from '../../src/dataplane/plan.ts';

const TBF_1G = 'tbf rate 1000mbit burst 262144 latency 50ms';
const TBF_2G = 'tbf rate 2000mbit burst 524288 latency 50ms';
/** netem's queue is sized for 10 Gbit/s: 826 full-size frames in 1 ms, twice. */
const NETEM = 'qdisc replace dev pri root handle 1: netem limit 1652 delay 1000us';

/** An edge namespace with `pri` shaped at `mbit` (undefined: unshaped) and delayed by netem (`delayUs`) or not. */
function edge(mbit: number | undefined, delayUs: number | undefined): PlanNamespace {
  return {
    name: 'frab12-oedge', label: 'oedge', role: 'oracle-edge', cloud: 'interconnect', resourceId: 'vc', resourceName: 'vc', sysctls: {}, addresses: [], rules: [], routes: [],
    ...(mbit === undefined ? {} : { qdiscs: [tbfFor('pri', { mbps: mbit, why: 'test' })] }),
    ...(delayUs === undefined ? {} : { netem: [{ dev: 'pri', delayUs, limit: netemLimit(delayUs) }] }),
  };
}
const tree = (ns: PlanNamespace, cut = false): EndTree => endTree(ns, 'pri', cut);

void test('up: each combination of delay mechanism and rate renders its own tree', () => {
  assert.equal(namespaceQdiscBatch(edge(1000, 1000)), `${NETEM}\nqdisc replace dev pri parent 1:1 handle 10: ${TBF_1G}\n`, 'netem + tbf: netem at the root, tbf its child');
  assert.equal(namespaceQdiscBatch(edge(1000, undefined)), `qdisc replace dev pri root ${TBF_1G}\n`, 'tbf alone (delay by the userspace link, or none): tbf at the root');
  assert.equal(namespaceQdiscBatch(edge(undefined, 1000)), `${NETEM}\n`, 'netem alone');
  assert.equal(namespaceQdiscBatch(edge(undefined, undefined)), '', 'nothing: the veth default stays');
  assert.equal(namespaceQdiscBatch(edge(1000, 1000), () => true), `${NETEM} loss 100%\nqdisc replace dev pri parent 1:1 handle 10: ${TBF_1G}\n`, 'up during a link-down drill: cut from the start');
});

void test('a bandwidth change touches only the tbf: under netem its child, else the root', () => {
  assert.deepEqual(transitionLines(tree(edge(1000, 1000)), tree(edge(2000, 1000))), [`qdisc replace dev pri parent 1:1 handle 10: ${TBF_2G}`], 'netem stays');
  assert.deepEqual(transitionLines(tree(edge(1000, undefined)), tree(edge(2000, undefined))), [`qdisc replace dev pri root ${TBF_2G}`]);
  assert.deepEqual(transitionLines(tree(edge(1000, 1000), true), tree(edge(2000, 1000), true)), [`qdisc replace dev pri parent 1:1 handle 10: ${TBF_2G}`], 'during a cut under netem: the new rate, the loss stays');
  assert.deepEqual(transitionLines(tree(edge(1000, undefined), true), tree(edge(2000, undefined), true)), [], 'during a root drop: nothing until the restore');
  assert.deepEqual(transitionLines(tree(edge(1000, 1000)), tree(edge(undefined, 1000))), ['qdisc del dev pri parent 1:1'], 'no longer shaped under netem: only the child goes');
  assert.deepEqual(transitionLines(tree(edge(undefined, 1000)), tree(edge(1000, 1000))), [`qdisc replace dev pri parent 1:1 handle 10: ${TBF_1G}`], 'newly shaped under netem: the child comes');
  assert.deepEqual(transitionLines(tree(edge(1000, undefined)), tree(edge(undefined, undefined))), ['qdisc del dev pri root'], 'no longer shaped without netem: the veth default');
});

void test('cut and restore keep the other qdisc: netem loss over the tbf child, or a root drop restored to the plan', () => {
  for (const [mbit, delay, cut, restore] of [
    [1000, 1000, [`${NETEM} loss 100%`], [NETEM]],
    [undefined, 1000, [`${NETEM} loss 100%`], [NETEM]],
    [1000, undefined, ['qdisc replace dev pri root pfifo limit 0'], [`qdisc replace dev pri root ${TBF_1G}`]],
    [undefined, undefined, ['qdisc replace dev pri root pfifo limit 0'], ['qdisc del dev pri root']],
  ] as const) {
    const ns = edge(mbit, delay);
    assert.deepEqual(transitionLines(tree(ns), tree(ns, true)), cut, `cut, rate ${mbit ?? 'none'}, netem ${delay ?? 'none'}`);
    assert.deepEqual(transitionLines(tree(ns, true), tree(ns)), restore, `restore, rate ${mbit ?? 'none'}, netem ${delay ?? 'none'}`);
    assert.deepEqual(transitionLines(tree(ns, true), tree(ns, true)), [], 'no change, nothing to run');
  }
});

void test('delay on and off: netem comes at the root over the tbf, or goes and the tbf takes the root back', () => {
  assert.deepEqual(transitionLines(tree(edge(1000, undefined)), tree(edge(1000, 1000))), [NETEM, `qdisc replace dev pri parent 1:1 handle 10: ${TBF_1G}`], 'the root tbf goes with the replace; it comes back as the child');
  assert.deepEqual(transitionLines(tree(edge(1000, 1000)), tree(edge(1000, undefined))), [`qdisc replace dev pri root ${TBF_1G}`], 'a handle-less replace swaps the root kind (netem and its child go)');
  assert.deepEqual(transitionLines(tree(edge(undefined, 1000)), tree(edge(undefined, undefined))), ['qdisc del dev pri root']);
  assert.deepEqual(transitionLines(tree(edge(1000, 1000)), tree(edge(1000, 5000))), ['qdisc replace dev pri root handle 1: netem limit 8257 delay 5000us'], 'a new delay changes netem in place: the child stays');
  assert.equal(netemLimit(50_000), 82_563, 'the queue holds twice what 10 Gbit/s sends in 50 ms');
});

void test('on the tutorial with netem: up, a sync\'s bandwidth change and a drill give the layout on all four ends', async () => {
  const { engine } = await labEngine(path.join(import.meta.dirname, '../../labs/tutorial.yaml'));
  try {
    const compile = async (): Promise<DataplanePlan> => withNetem(await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' })));
    const plan = await compile();
    const edges = plan.namespaces.filter((n) => n.netem !== undefined);
    assert.deepEqual(edges.map((n) => n.role).sort(), ['msee', 'oracle-edge']);
    for (const ns of edges) {
      assert.equal(namespaceQdiscBatch(ns), ['pri', 'sec'].map((d) => `qdisc replace dev ${d} root handle 1: netem limit 1652 delay 1000us\nqdisc replace dev ${d} parent 1:1 handle 10: ${TBF_1G}\n`).join(''));
    }
    const primary = plan.links.find((l) => l.kind === 'interconnect-primary') ?? assert.fail('the primary');
    const cut = linkStateBatches(plan, new Set(), new Set([primary.resourceId]));
    assert.deepEqual(cut.map((c) => c.batch), [`${NETEM} loss 100%\n`, `${NETEM} loss 100%\n`], 'the cut changes netem only: tbf stays under it');
    assert.deepEqual(linkStateBatches(plan, new Set([primary.resourceId]), new Set()).map((c) => c.batch), [`${NETEM}\n`, `${NETEM}\n`]);

    const circuit = engine.world.list('azure.ExpressRouteCircuit')[0] ?? assert.fail('the circuit');
    const vc = engine.world.list('oci.VirtualCircuit')[0] ?? assert.fail('the virtual circuit');
    await engine.mutate('test:raise', (tx) => {
      tx.update('azure.ExpressRouteCircuit', circuit.id, (d) => { d.properties.serviceProviderProperties.bandwidthInMbps = 2000; });
      tx.update('oci.VirtualCircuit', vc.id, (d) => { d.bandwidthShapeName = '2 Gbps'; });
    });
    const raised = await compile();
    const child2g = (dev: string): string => `qdisc replace dev ${dev} parent 1:1 handle 10: ${TBF_2G}`;
    assert.deepEqual(diffPlans(plan, raised).changes.map((c) => c.qdiscs), [[child2g('pri'), child2g('sec')], [child2g('pri'), child2g('sec')]], 'only the tbf children change: netem keeps the delay');
    assert.deepEqual(diffPlans(plan, raised, heldDevices(plan, new Set([primary.resourceId]))).changes.map((c) => c.qdiscs), [[child2g('pri'), child2g('sec')], [child2g('pri'), child2g('sec')]], 'a cut link under netem gets its new rate too: the loss stays');
  } finally {
    await engine.close();
  }
});
