// Every link's status from the tutorial's plan and counters as the kernel would give them, without
// root: the interconnect's two links first (by path), every other link after; a rate is real only
// when the kernel's tbf at both ends has it; a drill's cut link is down; and the counters read
// (JSON shaped as `ip -s -j link` / `tc -s -j qdisc` print it) land on the right end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { linkStatusesFrom } from '../../src/dataplane/link-status.ts';
import { countersScript, parseCounters } from '../../src/dataplane/link-counters.ts';

const TUTORIAL = path.join(import.meta.dirname, '../../labs/tutorial.yaml');

const ipSection = (ns: string, devs: [string, number][]) => `@@fastroute ip ${ns}\n${JSON.stringify(devs.map(([ifname, tx]) => ({ ifname, qdisc: 'noqueue', stats64: { rx: { bytes: tx * 98, packets: tx, dropped: 0 }, tx: { bytes: tx * 98, packets: tx, dropped: 0 } } })))}\n`;
const tcSection = (ns: string, qdiscs: { dev: string; kind: string; rate?: number; drops?: number }[]) => `@@fastroute tc ${ns}\n${JSON.stringify(qdiscs.map((q) => ({ kind: q.kind, dev: q.dev, root: true, drops: q.drops ?? 0, options: q.rate === undefined ? {} : { rate: q.rate } })))}\n`;

void test('the tutorial: both interconnect links then every other link, rates real only as the kernel confirms, counters on their ends', async () => {
  const { engine } = await labEngine(TUTORIAL);
  try {
    const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    const oedge = plan.namespaces.find((n) => n.role === 'oracle-edge')?.name ?? assert.fail('an Oracle edge');
    const msee = plan.namespaces.find((n) => n.role === 'msee')?.name ?? assert.fail('a Microsoft edge');
    const vmOci = plan.namespaces.find((n) => n.role === 'vm' && n.resourceName === 'vm-oci')?.name ?? assert.fail('vm-oci');
    // The script asks tc only at the two edges, the only namespaces with qdiscs.
    const script = countersScript({ ip: 'ip', tc: 'tc' }, plan.namespaces.map((n) => ({ name: n.name, qdiscs: (n.qdiscs ?? []).length > 0 })));
    assert.deepEqual([...script.matchAll(/'tc' -n '([^']+)'/g)].map((m) => m[1]).sort(), [oedge, msee].sort());

    // 1 Gbit/s tbf read back at both ends of the secondary; the primary's Microsoft end at 500 Mbit/s (not what is configured).
    const output = ipSection(oedge, [['pri', 3], ['sec', 7]]) + tcSection(oedge, [{ dev: 'pri', kind: 'tbf', rate: 125e6 }, { dev: 'sec', kind: 'tbf', rate: 125e6 }])
      + ipSection(msee, [['pri', 4], ['sec', 9]]) + tcSection(msee, [{ dev: 'pri', kind: 'tbf', rate: 62.5e6 }, { dev: 'sec', kind: 'tbf', rate: 125e6, drops: 5 }])
      + ipSection(vmOci, [['eth0', 11]]);
    const s = linkStatusesFrom(plan, new Set(), parseCounters(output), () => 'none', new Date('2026-12-07T20:00:00Z'));
    assert.deepEqual(s.interconnect.map((l) => [l.path, l.configuredMbit, l.rate]), [['primary', 1000, 'not shaped'], ['secondary', 1000, 'real (tbf)']]);
    assert.equal(s.interconnect.length + s.other.length, plan.links.length, 'every link');
    assert.deepEqual([...new Set(s.other.map((l) => l.kind))].sort(), ['nic', 'transit', 'vnic']);
    const sec = s.interconnect[1];
    assert.deepEqual(sec?.ends.map((e) => [e.ns, e.dev, e.txPackets, e.drops]), [[oedge, 'sec', 7, 0], [msee, 'sec', 9, 5]], 'the Oracle edge\'s end first');
    const vnic = s.other.find((l) => l.kind === 'vnic' && l.ends[0]?.ns === vmOci);
    assert.deepEqual(vnic?.ends.map((e) => [e.present, e.txPackets]), [[true, 11], [false, 0]], 'the VCN router\'s end was not in the output');
    assert.equal(s.countersAt, '2026-12-07T20:00:00.000Z');

    // A drill's cut link is down, and its rate stays what the plan configures.
    const cut = linkStatusesFrom(plan, new Set([s.interconnect[0]?.resourceId ?? '']), parseCounters(output), () => 'none', new Date());
    assert.deepEqual(cut.interconnect.map((l) => [l.path, l.down, l.rate]), [['primary', true, 'real (tbf)'], ['secondary', false, 'real (tbf)']]);
  } finally {
    await engine.close();
  }
});
