// PrefixIndex kept incrementally (adds and removes between queries, as the subnet checks of a unit of
// work use it) answers exactly what comparing every pair answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { overlaps, type Ipv4Prefix } from '../../src/model/cidr.ts';
import { PrefixIndex } from '../../src/model/prefix-index.ts';

// Short prefixes inside 10.0.0.0/24 collide often, which is what the property needs.
const prefixArb = fc.record({ offset: fc.nat(255), length: fc.integer({ min: 24, max: 32 }) })
  .map(({ offset, length }): Ipv4Prefix => {
    const network = (0x0a000000 + offset) >>> 0;
    return { network: (network & ((0xffffffff << (32 - length)) >>> 0)) >>> 0, length };
  });

type Op = { op: 'add'; prefix: Ipv4Prefix } | { op: 'remove'; pick: number } | { op: 'query'; prefix: Ipv4Prefix };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: prefixArb.map((prefix) => ({ op: 'add' as const, prefix })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ op: 'remove' as const, pick })) },
  { weight: 2, arbitrary: prefixArb.map((prefix) => ({ op: 'query' as const, prefix })) },
);

void test('adds, removes and queries interleaved agree with a naive scan (fast-check)', () => {
  fc.assert(fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
    const index = new PrefixIndex<number>();
    const naive: { prefix: Ipv4Prefix; value: number }[] = [];
    ops.forEach((o, i) => {
      if (o.op === 'add') {
        index.add(o.prefix, i);
        naive.push({ prefix: o.prefix, value: i });
      } else if (o.op === 'remove') {
        const victim = naive.length === 0 ? undefined : naive.splice(o.pick % naive.length, 1)[0];
        if (victim) assert.equal(index.remove(victim.prefix, victim.value), true);
      } else {
        const want = naive.filter((x) => overlaps(x.prefix, o.prefix)).map((x) => x.value).sort((a, b) => a - b);
        assert.deepEqual(index.overlapping(o.prefix).map((x) => x.value).sort((a, b) => a - b), want);
        assert.equal(index.overlaps(o.prefix), want.length > 0);
      }
      assert.equal(index.size, naive.length);
    });
  }), { numRuns: 400 });
});

void test('removing what is not there changes nothing', () => {
  const index = new PrefixIndex<string>([{ prefix: { network: 0x0a000000, length: 24 }, value: 'a' }]);
  assert.equal(index.remove({ network: 0x0a000000, length: 24 }, 'b'), false);
  assert.equal(index.remove({ network: 0x0a000000, length: 25 }, 'a'), false);
  assert.equal(index.size, 1);
  assert.equal(index.overlaps({ network: 0x0a000080, length: 25 }), true);
});
