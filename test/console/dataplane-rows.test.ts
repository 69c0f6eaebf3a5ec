// The data plane view's pure parts, without a browser: the link rows (ends in the model's words, both
// directions from the two ends' transmit, throughput between two answers of the same run, drops of
// both ends) and the "real or emulated" table (tbf, and the delay by netem, fr-linkemu or nothing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bitsText, bytesText, linkRows } from '../../console/src/dataplane/rows.ts';
import { realities } from '../../console/src/dataplane/real.ts';
import type { DataplaneStatus } from '../../src/api/admin/contract.ts';
import type { LinkEndStatus, LinkStatus } from '../../src/dataplane/link-status.ts';

const end = (ns: string, dev: string, tx: number, over: Partial<LinkEndStatus> = {}): LinkEndStatus => ({
  ns, dev, present: true, qdisc: 'noqueue', layout: 'noqueue', rxBytes: 0, rxPackets: 0, txBytes: tx * 100, txPackets: tx, rxDropped: 0, txDropped: 0, drops: 0, overlimits: 0, ...over,
});

function status(at: string, runId: string, vnicTx: [number, number], over: Partial<DataplaneStatus> = {}): DataplaneStatus {
  const primary = {
    kind: 'interconnect-primary', path: 'primary', resourceId: 'ocid1.vc.a/primary', configuredMbit: 1000, rateFrom: 'circuit 1000 Mbps', rate: 'real (tbf)', delay: '1 ms each way (userspace-link)', down: true,
    ends: [end('frab12-oedge-vc', 'pri', 0, { qdisc: 'pfifo', drops: 4 }), end('frab12-msee-er', 'pri', 0, { qdisc: 'pfifo', drops: 1, txDropped: 2 })],
  } satisfies LinkStatus & { path: 'primary' };
  const vnic: LinkStatus = { kind: 'vnic', resourceId: 'ocid1.vnic.x', rate: 'not shaped', delay: 'none', down: false, ends: [end('frab12-vm-oci', 'eth0', vnicTx[0]), end('frab12-vcn-oci', 'vm0', vnicTx[1])] };
  return {
    state: 'up', runId, links: 2, processes: 0, notMaterialised: [], notYet: [], countersAt: at,
    namespaces: [
      { name: 'frab12-vm-oci', role: 'vm', cloud: 'oci', resourceId: 'i', resourceName: 'vm-oci', present: true },
      { name: 'frab12-vcn-oci', role: 'vcn-router', cloud: 'oci', resourceId: 'v', resourceName: 'vcn-oci', present: true },
      { name: 'frab12-oedge-vc', role: 'oracle-edge', cloud: 'interconnect', resourceId: 'c', resourceName: 'vc', present: true },
      { name: 'frab12-msee-er', role: 'msee', cloud: 'interconnect', resourceId: 'e', resourceName: 'er', present: true },
    ],
    delays: [{ resourceId: 'ocid1.vc.a/primary', kind: 'interconnect-primary', oneWayUs: 1000, rttMs: 2, pair: 'a ⇄ b', confirmed: true, mechanism: 'userspace-link', why: '', pid: 42, running: true }],
    features: { tbf: true, netem: false, nftables: true, vrf: false },
    interconnectLinks: [primary], otherLinks: [vnic], ...over,
  };
}

void test('a row per link, interconnect first, its ends named as the model names them and both directions from the ends\' transmit', () => {
  const rows = linkRows(status('2026-12-07T20:00:00.000Z', 'ab12', [10, 12]));
  assert.deepEqual(rows.map((r) => [r.what, r.from, r.to]), [['interconnect primary', 'Oracle edge', 'Microsoft edge'], ['VNIC', 'vm-oci', 'VCN vcn-oci']]);
  const vnic = rows[1];
  assert.deepEqual([vnic?.ab.packets, vnic?.ab.bytes, vnic?.ba.packets, vnic?.ba.bytes], [10, 1000, 12, 1200]);
  assert.equal(vnic?.ab.bps, undefined, 'no throughput from one answer');
  assert.equal(rows[0]?.drops, 7, 'qdisc and device drops of both ends');
});

void test('throughput is the difference between two answers of the same run, and none across runs or a counter that went back', () => {
  const first = status('2026-12-07T20:00:00.000Z', 'ab12', [10, 12]);
  const rows = linkRows(status('2026-12-07T20:00:02.000Z', 'ab12', [30, 12]), first);
  assert.equal(rows[1]?.ab.bps, (20 * 100 * 8) / 2, '2000 bytes in 2 s');
  assert.equal(rows[1]?.ba.bps, 0);
  assert.equal(linkRows(status('2026-12-07T20:00:02.000Z', 'cd34', [30, 12]), first)[1]?.ab.bps, undefined, 'another run');
  assert.equal(linkRows(status('2026-12-07T20:00:02.000Z', 'ab12', [5, 12]), first)[1]?.ab.bps, undefined, 'a counter that went back');
});

void test('a device the kernel no longer has marks its row missing', () => {
  const s = status('2026-12-07T20:00:00.000Z', 'ab12', [1, 1]);
  const gone = { ...s, otherLinks: (s.otherLinks ?? []).map((l) => ({ ...l, ends: [l.ends[0] ?? end('x', 'y', 0), end('frab12-vcn-oci', 'vm0', 0, { present: false })] })) };
  assert.equal(linkRows(gone)[1]?.missing, true);
  assert.equal(linkRows(s)[1]?.missing, false);
});

void test('what is real: tbf, and each delay by its mechanism', () => {
  const s = status('2026-12-07T20:00:00.000Z', 'ab12', [1, 1]);
  const byWhat = new Map(realities(s).map((r) => [r.what, r]));
  assert.equal(byWhat.get('Interconnect rate')?.verdict, 'real');
  assert.match(byWhat.get('Interconnect rate')?.how ?? '', /1000 Mbit\/s/);
  assert.equal(byWhat.get('Delay, interconnect primary')?.verdict, 'emulated');
  assert.match(byWhat.get('Delay, interconnect primary')?.how ?? '', /fr-linkemu.*pid 42/);
  assert.equal(byWhat.get('Link-down drill')?.verdict, 'real');
  const netem = realities({ ...s, delays: s.delays.map((d) => ({ ...d, mechanism: 'netem' as const })) });
  assert.equal(netem.find((r) => r.what.startsWith('Delay'))?.verdict, 'real');
  const none = realities({ ...s, delays: s.delays.map((d) => ({ ...d, mechanism: 'none' as const, why: 'no netem and no helper' })) });
  assert.deepEqual(none.filter((r) => r.what.startsWith('Delay')).map((r) => [r.verdict, r.how]), [['not built', 'no delay: no netem and no helper']]);
  const unshaped = realities({ ...s, features: { tbf: false, netem: false, nftables: true, vrf: false }, interconnectLinks: (s.interconnectLinks ?? []).map((l) => ({ ...l, rate: 'not shaped' as const })) });
  assert.match(unshaped.find((r) => r.what === 'Interconnect rate')?.how ?? '', /no tbf in this kernel/);
});

void test('sizes and rates in the units links are sold in', () => {
  assert.deepEqual([bytesText(999), bytesText(1000), bytesText(1_234_567), bytesText(25_000_000_000)], ['999 B', '1.0 kB', '1.2 MB', '25 GB']);
  assert.deepEqual([bitsText(640), bitsText(3900), bitsText(1e9)], ['640 bit/s', '3.9 kbit/s', '1.00 Gbit/s']);
});
