// The LPM table against a naive reference: scan every prefix, keep the longest that contains the address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Fib } from '../../src/routing/fib.ts';

const naiveLookup = (entries: { network: number; length: number; value: number }[], address: number) => {
  let best: { length: number; value: number } | undefined;
  for (const e of entries) {
    // Compare as bit strings, a different method from the implementation's masks.
    const a = address.toString(2).padStart(32, '0').slice(0, e.length);
    const n = e.network.toString(2).padStart(32, '0').slice(0, e.length);
    if (a === n && (!best || e.length > best.length)) best = { length: e.length, value: e.value };
  }
  return best;
};

const prefixArb = fc.record({ address: fc.integer({ min: 0, max: 0xffffffff }), length: fc.integer({ min: 0, max: 32 }), value: fc.integer() })
  .map(({ address, length, value }) => ({ network: length === 0 ? 0 : ((address >>> (32 - length)) << (32 - length)) >>> 0, length, value }));

void test('Fib.lookup agrees with a naive longest-prefix scan', () => {
  fc.assert(fc.property(fc.array(prefixArb, { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 30 }), (entries, addresses) => {
    const fib = new Fib<number>();
    const last = new Map<string, (typeof entries)[number]>();
    for (const e of entries) { fib.set({ network: e.network, length: e.length }, e.value); last.set(`${e.network}/${e.length}`, e); }
    const dedup = [...last.values()];
    for (const a of [...addresses, ...dedup.map((e) => e.network)]) {
      const got = fib.lookup(a);
      const want = naiveLookup(dedup, a);
      assert.deepEqual(got === undefined ? undefined : { length: got.length, value: got.value }, want);
    }
  }), { numRuns: 300 });
});
