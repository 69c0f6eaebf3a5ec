// sortedWithin: the routing (gateway layer) and the doctor (prefix index) both find the prefixes
// inside a space by binary search over a list sorted by network; it must find exactly what a scan
// of the whole list finds, in the list's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { containsPrefix, sortedWithin, type Ipv4Prefix } from '../../src/model/cidr.ts';

function prefixIn(maxAddress: number, minLength: number): fc.Arbitrary<Ipv4Prefix> {
  return fc.integer({ min: minLength, max: 32 }).chain((length) =>
    fc.integer({ min: 0, max: maxAddress }).map((address): Ipv4Prefix => {
      const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
      return { network: (address & mask) >>> 0, length };
    }),
  );
}
// Anywhere, and crowded into one /26 so edges (first and last address, equal networks) are common.
const prefix = fc.oneof(prefixIn(0xffffffff, 0), prefixIn(63, 26));

void test('sortedWithin finds what a full scan finds, in order', () => {
  fc.assert(
    fc.property(fc.array(prefix, { maxLength: 60 }), prefix, (items, outer) => {
      const sorted = [...items].sort((a, b) => a.network - b.network || a.length - b.length);
      assert.deepEqual(sortedWithin(sorted, outer, (p) => p), sorted.filter((p) => containsPrefix(outer, p)));
    }),
    { seed: 20261207, numRuns: 500 },
  );
});

void test('sortedWithin on 10.0.0.0/8 keeps 10.1.0.0/16 and 10.0.0.0/8, drops 11.0.0.0/8 and 0.0.0.0/0', () => {
  const p = (a: number, b: number, length: number): Ipv4Prefix => ({ network: ((a << 24) | (b << 16)) >>> 0, length });
  const sorted = [p(0, 0, 0), p(10, 0, 8), p(10, 1, 16), p(11, 0, 8)];
  assert.deepEqual(sortedWithin(sorted, p(10, 0, 8), (x) => x), [p(10, 0, 8), p(10, 1, 16)]);
});
