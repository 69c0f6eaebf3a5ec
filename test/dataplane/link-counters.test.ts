// The link counters' script and parsing, without root, on output captured from a real run of the
// script (test/fixtures/dataplane/link-counters.out, iproute2 6.1): namespace frcdp-a's `x` under a
// tbf at 100 Mbit/s after pings, its veth peer `y` in frcdp-b cut as a link-down drill cuts a link
// (pfifo limit 0, 11 frames dropped), and a third namespace that no longer exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { countersScript, endCounters, parseCounters } from '../../src/dataplane/link-counters.ts';

const OUTPUT = readFileSync(path.join(import.meta.dirname, '../fixtures/dataplane/link-counters.out'), 'utf8');

void test('the script reads every namespace\'s devices with one ip each, and qdiscs only where the plan has them', () => {
  const script = countersScript({ ip: '/usr/sbin/ip', tc: '/usr/sbin/tc' }, [{ name: 'frab12-vm-oci', qdiscs: false }, { name: 'frab12-oedge-vc', qdiscs: true }]);
  const lines = script.trim().split('\n');
  assert.equal(lines.filter((l) => l.includes(' link show')).length, 2, 'one ip per namespace, not per device');
  assert.deepEqual(lines.filter((l) => l.includes(' qdisc show')), ["'/usr/sbin/tc' -n 'frab12-oedge-vc' -s -j qdisc show 2>/dev/null"]);
  assert.ok(lines.includes("'/usr/sbin/ip' -n 'frab12-vm-oci' -s -j link show 2>/dev/null"), script);
});

void test('both directions of a link are its ends\' rx and tx, and a veth\'s rx is its peer\'s tx', () => {
  const counters = parseCounters(OUTPUT);
  const a = endCounters(counters, 'frcdp-a', 'x');
  const b = endCounters(counters, 'frcdp-b', 'y');
  assert.deepEqual({ rx: a.rxBytes, rxp: a.rxPackets, tx: a.txBytes, txp: a.txPackets }, { rx: 1454, rxp: 19, tx: 922, txp: 11 });
  assert.equal(b.rxBytes, a.txBytes, 'what x sent, y received');
  assert.equal(b.txPackets, a.rxPackets);
  assert.equal(a.present, true);
});

void test('the root qdisc: tbf\'s rate read back in Mbit/s; a cut link\'s drops', () => {
  const counters = parseCounters(OUTPUT);
  const shaped = endCounters(counters, 'frcdp-a', 'x');
  assert.equal(shaped.qdisc, 'tbf');
  assert.equal(shaped.kernelRateMbit, 100, 'tc says 12,500,000 bytes/s');
  assert.equal(shaped.drops, 0);
  const cut = endCounters(counters, 'frcdp-b', 'y');
  assert.equal(cut.qdisc, 'pfifo');
  assert.equal(cut.kernelRateMbit, undefined);
  assert.equal(cut.drops, 11, 'the frames the drill dropped');
});

void test('a device or namespace that is not there reads as absent with zeros, never as an error', () => {
  const counters = parseCounters(OUTPUT);
  const gone = endCounters(counters, 'frcdp-gone', 'pri');
  assert.equal(gone.present, false);
  assert.equal(gone.rxBytes + gone.txBytes + gone.drops, 0);
  assert.equal(endCounters(counters, 'frcdp-a', 'nope').present, false);
  assert.equal(parseCounters('').size, 0);
  assert.equal(parseCounters('@@fastroute ip frx\nnot json\n').get('frx')?.links.length, 0, 'unparsable output is no device');
});

void test('without tc in a namespace, the qdisc\'s kind still comes from ip', () => {
  const ipOnly = OUTPUT.split('\n').filter((l, i, all) => !l.startsWith('@@fastroute tc') && !all[i - 1]?.startsWith('@@fastroute tc')).join('\n');
  const end = endCounters(parseCounters(ipOnly), 'frcdp-b', 'y');
  assert.equal(end.qdisc, 'pfifo');
  assert.equal(end.drops, 0, 'drops are the qdisc\'s: not read without tc');
});

void test('netem at the root with its tbf child (qdisc-layout.ts): the rate under netem, the delay, a cut\'s loss, per device', () => {
  const tc = [
    { kind: 'netem', handle: '1:', dev: 'pri', root: true, drops: 3, options: { delay: { delay: 0.001 } } },
    { kind: 'tbf', handle: '10:', dev: 'pri', parent: '1:1', overlimits: 5, options: { rate: 125_000_000 } },
    { kind: 'netem', handle: '1:', dev: 'sec', root: true, options: { delay: { delay: 0.001 }, 'loss-random': { loss: 1 } } },
  ];
  const ip = ['pri', 'sec'].map((ifname) => ({ ifname, qdisc: 'netem', stats64: { rx: { bytes: 1, packets: 1 }, tx: { bytes: 1, packets: 1 } } }));
  const counters = parseCounters(`@@fastroute ip frcdp-e\n${JSON.stringify(ip)}\n@@fastroute tc frcdp-e\n${JSON.stringify(tc)}\n`);
  const pri = endCounters(counters, 'frcdp-e', 'pri');
  assert.deepEqual([pri.qdisc, pri.layout, pri.kernelRateMbit, pri.kernelDelayUs, pri.netemLoss, pri.drops, pri.overlimits], ['netem', 'netem 1: > tbf 10:', 1000, 1000, false, 3, 5]);
  const sec = endCounters(counters, 'frcdp-e', 'sec');
  assert.deepEqual([sec.layout, sec.kernelRateMbit, sec.netemLoss], ['netem 1:', undefined, true], 'pri\'s tbf child is not sec\'s');
});
