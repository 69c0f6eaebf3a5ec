// The qdisc layout on the real kernel (root), for the combinations this kernel supports: tbf alone
// (as with the userspace link or no delay) through up, a bandwidth change, a cut and its restore,
// and an unshaped link's cut and restore to the veth default; each step's lines come from
// qdisc-layout.ts and are read back with `tc -j` as status reads them. With netem in the kernel
// (a developer's laptop) the netem + tbf tree is exercised too: delay and rate both held after
// each step. Without root, one skipped test says why. Also, without root: how status reads the
// trees tc reports and words the delay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataplaneMissing } from './machine.ts';
import { findTool } from '../../src/dataplane/probe.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { newRunId } from '../../src/dataplane/names.ts';
import { endTree, netemLimit, transitionLines } from '../../src/dataplane/qdisc-layout.ts';
import { delayText } from '../../src/dataplane/link-status.ts';
import { readQdiscs } from '../../src/dataplane/link-counters.ts';
import { tbfFor } from '../../src/dataplane/shaping.ts';
import type { PlanNamespace } from '../../src/dataplane/plan.ts';

const missing = dataplaneMissing() ?? (findTool('tc') === undefined ? 'skipped: tc not found (apt-get install iproute2)' : undefined);

function edge(name: string, mbit: number | undefined, delayUs: number | undefined): PlanNamespace {
  return {
    name, label: 'edge', role: 'oracle-edge', cloud: 'interconnect', resourceId: 'vc', resourceName: 'vc', sysctls: {}, addresses: [], rules: [], routes: [],
    ...(mbit === undefined ? {} : { qdiscs: [tbfFor('pri', { mbps: mbit, why: 'test' })] }),
    ...(delayUs === undefined ? {} : { netem: [{ dev: 'pri', delayUs, limit: netemLimit(delayUs) }] }),
  };
}

void test('status reads the tree tc reports: a root tbf, netem with its tbf child, a cut; the delay says whether the kernel holds it', () => {
  assert.deepEqual(readQdiscs([{ kind: 'tbf', handle: '8001:', root: true, drops: 2, options: { rate: 125_000_000 } }]), { qdisc: 'tbf', layout: 'tbf 8001:', kernelRateMbit: 1000, drops: 2, overlimits: 0 });
  const netem = readQdiscs([
    { kind: 'netem', handle: '1:', root: true, drops: 0, options: { delay: { delay: 0.001 } } },
    { kind: 'tbf', handle: '10:', parent: '1:1', overlimits: 7, options: { rate: 250_000_000 } },
  ]);
  assert.deepEqual(netem, { qdisc: 'netem', layout: 'netem 1: > tbf 10:', kernelRateMbit: 2000, kernelDelayUs: 1000, netemLoss: false, drops: 0, overlimits: 7 }, 'overlimits are the tbf child\'s');
  assert.equal(readQdiscs([{ kind: 'netem', handle: '1:', root: true, options: { delay: { delay: 0.001 }, 'loss-random': { loss: 1 } } }]).netemLoss, true);
  assert.deepEqual(readQdiscs([]), { qdisc: 'noqueue', layout: 'noqueue', drops: 0, overlimits: 0 });

  const d = { resourceId: 'vc/primary', kind: 'interconnect-primary' as const, oneWayUs: 1000, rttMs: 2, pair: 'p', confirmed: true, why: '' };
  assert.equal(delayText({ ...d, mechanism: 'netem' }, [netem, netem]), '1 ms each way (netem)');
  assert.equal(delayText({ ...d, mechanism: 'netem' }, [netem, { layout: 'tbf 8001:' }]), '1 ms each way (netem: NOT in the kernel, tbf 8001:)', 'netem replaced by a root tbf is not hidden');
  assert.equal(delayText({ ...d, mechanism: 'userspace-link', running: true }, []), '1 ms each way (userspace-link)');
  assert.equal(delayText({ ...d, mechanism: 'userspace-link', running: false }, []), '1 ms each way (userspace-link: helper NOT running)');
  assert.equal(delayText(undefined, []), 'none');
  assert.equal(delayText({ ...d, mechanism: 'netem' }), '1 ms each way (netem)', 'kernel not read (a capture\'s status): the record alone, no NOT claimed');
});

void test('the layout on this kernel: up, bandwidth change, cut and restore keep what the plan says', { skip: missing }, async (t) => {
  const ns = `fr${newRunId()}-qdisc`;
  const run = async (args: string[], input?: string) => {
    const r = await runTool('ip', args, input, 10_000);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  const tc = (lines: string[]) => (lines.length === 0 ? Promise.resolve() : run(['netns', 'exec', ns, findTool('tc') ?? 'tc', '-batch', '-'], `${lines.join('\n')}\n`));
  const read = async () => readQdiscs(JSON.parse((await run(['netns', 'exec', ns, 'tc', '-j', 'qdisc', 'show', 'dev', 'pri'])).stdout) as Parameters<typeof readQdiscs>[0]);
  await run(['netns', 'add', ns]);
  try {
    await run(['-n', ns, '-batch', '-'], 'link add pri type veth peer name peer\nlink set pri up\nlink set peer up\n');
    const netem = (await runTool('ip', ['netns', 'exec', ns, 'tc', 'qdisc', 'add', 'dev', 'peer', 'root', 'netem', 'delay', '1ms'])).code === 0;
    const delays: (number | undefined)[] = netem ? [undefined, 1000] : [undefined];
    for (const delay of delays) {
      const at1g = edge(ns, 1000, delay);
      const at2g = edge(ns, 2000, delay);
      const steps: [string, PlanNamespace, boolean, PlanNamespace, boolean][] = [
        ['up', edge(ns, undefined, undefined), false, at1g, false],
        ['bandwidth change', at1g, false, at2g, false],
        ['cut', at2g, false, at2g, true],
        ['bandwidth change during the cut', at2g, true, at1g, true],
        ['restore', at1g, true, at1g, false],
      ];
      for (const [what, from, fromCut, to, toCut] of steps) {
        await tc(transitionLines(endTree(from, 'pri', fromCut), endTree(to, 'pri', toCut)));
        const got = await read();
        const label = `${what} (${delay === undefined ? 'tbf alone' : 'netem + tbf'}): ${got.layout}`;
        if (delay !== undefined) {
          assert.equal(got.kernelDelayUs, delay, `${label}: netem keeps the delay`);
          assert.equal(got.netemLoss, toCut, `${label}: loss only while cut`);
          assert.equal(got.kernelRateMbit, (to.qdiscs ?? [])[0]?.rateMbit, `${label}: the tbf child holds the plan's rate`);
        } else if (toCut) {
          assert.equal(got.qdisc, 'pfifo', `${label}: the cut is a root drop`);
        } else {
          assert.equal(got.kernelRateMbit, (to.qdiscs ?? [])[0]?.rateMbit, `${label}: tbf at the plan's rate`);
        }
      }
      await tc(transitionLines(endTree(edge(ns, 1000, delay), 'pri', false), { dev: 'pri' }));
    }
    // An unshaped link without netem: the cut is a root drop, the restore the veth default.
    const bare = edge(ns, undefined, undefined);
    await tc(transitionLines(endTree(bare, 'pri', false), endTree(bare, 'pri', true)));
    assert.equal((await read()).qdisc, 'pfifo');
    await tc(transitionLines(endTree(bare, 'pri', true), endTree(bare, 'pri', false)));
    assert.equal((await read()).qdisc, 'noqueue', 'back to the veth default');
    if (!netem) t.diagnostic('netem + tbf on the kernel: skipped, this kernel has no netem (CONFIG_NET_SCH_NETEM unset); its lines are unit-tested in qdisc-layout.test.ts');
  } finally {
    await runTool('ip', ['netns', 'delete', ns]);
  }
});
