// Rates from the kernel's cumulative counters: the average since the current minute began (the read
// before it), so a minute's last sample is that minute's average; counters that go backwards restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advance, ratesOf } from '../../src/metrics/kernel-rates.ts';

const T0 = Date.parse('2026-12-08T01:00:00Z');
const at = (s: number) => T0 + s * 1000;

void test('a burst early in the minute stays in the minute\'s average; the next minute starts at the last read', () => {
  let w = advance(undefined, at(1), { bytes: 0, packets: 0, drops: 0 });
  assert.deepEqual(ratesOf(w), { bitsPerSecond: 0, packetsPerSecond: 0, dropsPerSecond: 0 }, 'one read: no rate yet');
  w = advance(w, at(6), { bytes: 12_500_000, packets: 10_000, drops: 4 });
  assert.equal(ratesOf(w).bitsPerSecond, 20e6, '100 Mbit in 5 s');
  w = advance(w, at(51), { bytes: 12_500_000, packets: 10_000, drops: 4 });
  assert.equal(ratesOf(w).bitsPerSecond, 2e6, 'idle after the burst: the minute\'s average, not 0');
  assert.equal(ratesOf(w).dropsPerSecond, 4 / 50);
  w = advance(w, at(61), { bytes: 12_625_000, packets: 10_100, drops: 4 });
  assert.equal(w.startMs, at(51), 'the new minute is measured from the read before it');
  assert.equal(ratesOf(w).bitsPerSecond, 100_000);
  w = advance(w, at(66), { bytes: 100, packets: 1, drops: 0 });
  assert.equal(ratesOf(w).bitsPerSecond, 0, 'counters reset (namespaces recreated): afresh');
});
