// The checks on a new OCI subnet (no overlap with a live sibling, a DNS label unique in the VCN) run
// through an index the unit of work keeps; they must refuse exactly what comparing every pair
// refuses, including after deletes and CIDR changes in the same unit of work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CloudError } from '../../src/model/errors.ts';
import { cidr, overlaps } from '../../src/model/cidr.ts';
import { createVcn } from '../../src/lifecycle/oci/vcn.ts';
import { createSubnet, deleteSubnet } from '../../src/lifecycle/oci/subnet.ts';
import { memoryEngine, ociScope } from '../helpers/interconnect.ts';

const scope = ociScope();

const subnetArb = fc.record({
  offset: fc.nat(255),
  length: fc.integer({ min: 22, max: 30 }),
  label: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', undefined),
}).map(({ offset, length, label }) => {
  const network = (0x0a000000 + offset * 4) & ((0xffffffff << (32 - length)) >>> 0);
  return { cidr: `10.0.${(network >>> 8) & 255}.${network & 255}/${length}`, label };
});

type Step = { create: { cidr: string; label: string | undefined } } | { remove: number };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: subnetArb.map((create) => ({ create })) },
  { weight: 1, arbitrary: fc.nat().map((remove) => ({ remove })) },
);

void test('createSubnet refuses exactly the overlaps and repeated DNS labels a naive scan finds (fast-check)', async () => {
  const engine = await memoryEngine();
  await fc.assert(fc.asyncProperty(fc.array(stepArb, { maxLength: 40 }), async (steps) => {
    await engine.mutate('property', (tx) => {
      const vcn = createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.0.0.0/16', dnsLabel: 'vcn' });
      const live: { id: string; cidr: string; label: string | undefined }[] = [];
      for (const step of steps) {
        if ('remove' in step) {
          const victim = live.length === 0 ? undefined : live.splice(step.remove % live.length, 1)[0];
          if (victim) deleteSubnet(tx, scope, victim.id);
          continue;
        }
        const { cidr: block, label } = step.create;
        const clash = live.some((s) => overlaps(cidr(s.cidr), cidr(block)) || (label !== undefined && s.label === label));
        try {
          const s = createSubnet(tx, scope, { vcnId: vcn.id, cidrBlock: block, ...(label === undefined ? {} : { dnsLabel: label }) });
          assert.equal(clash, false, `${block} (${label ?? '-'}) was accepted beside ${JSON.stringify(live)}`);
          live.push({ id: s.id, cidr: block, label });
        } catch (err) {
          if (!(err instanceof CloudError)) throw err;
          assert.equal(clash, true, `${block} (${label ?? '-'}) was refused: ${err.message}`);
        }
      }
    });
  }), { numRuns: 150 });
  await engine.close();
});
