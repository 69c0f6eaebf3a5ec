// With the instant clock a write settles the transitions it scheduled in its own commit. The
// timeline must not lose anything for it: the request's `created`, then each lifecycle step with its
// own cause, as when the settle was a commit of its own; and a change made by a lifecycle step to a
// resource created in the same commit is still an `updated` event.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, cryptoIds } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { createVcn } from '../../src/lifecycle/oci/vcn.ts';
import { DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import { DEFAULT_REGION_PAIRS } from '../../src/model/interconnect/region-pairs.ts';
import { Tx } from '../../src/model/tx.ts';
import { World } from '../../src/model/world.ts';
import type { Vcn } from '../../src/model/oci/vcn.ts';

const scope = { tenancyId: DEFAULT_TENANCY_ID, region: 'us-ashburn-1' };

void test('an instant create is one commit whose events are the request\'s created, then the lifecycle\'s state changes', async () => {
  const engine = await Engine.open({ store: await openStore({ inMemory: true }) });
  try {
    const vcn = await engine.mutate('oci:createVcn', (tx) => createVcn(tx, scope, { compartmentId: DEFAULT_TENANCY_ID, cidrBlocks: ['10.0.0.0/16'], displayName: 'v' }));
    assert.equal(vcn.lifecycleState, 'PROVISIONING', 'the reply shows what the operation returned');
    assert.equal(engine.world.get('oci.Vcn', vcn.id)?.lifecycleState, 'AVAILABLE', 'stored settled');
    assert.equal(engine.world.list('fr.Timer').length, 0, 'no timer reached the store');
    const events = await engine.queryEvents({ resourceId: vcn.id });
    assert.deepEqual(events.map((e) => [e.change, e.field, e.before, e.after]), [
      ['created', undefined, undefined, undefined],
      ['state', 'lifecycleState', 'PROVISIONING', 'AVAILABLE'],
    ]);
    assert.equal(events[0]?.cause, 'oci:createVcn');
    assert.match(events[1]?.cause ?? '', /^lifecycle:/);
  } finally {
    await engine.close();
  }
});

function tx(cause: string): Tx {
  return new Tx(new World(), { now: Date.parse('2026-12-07T00:00:00Z'), ids: cryptoIds, delay: () => 0, cause, regionPairs: DEFAULT_REGION_PAIRS });
}

// Only what the events read: id, name and state (the rest of a VCN does not matter here).
const BASE = { id: 'ocid1.vcn.oc1.iad.x', compartmentId: DEFAULT_TENANCY_ID, displayName: 'v', lifecycleState: 'PROVISIONING' } as unknown as Vcn;
const vcn = (over: Partial<Vcn>): Vcn => ({ ...BASE, ...over });

void test('a sealed segment: a lifecycle change to a resource created before it is an updated event with the lifecycle\'s cause', () => {
  const t = tx('oci:createVcn');
  t.put('oci.Vcn', vcn({}));
  t.sealEvents();
  t.ctx.cause = 'lifecycle:assign';
  t.put('oci.Vcn', vcn({ lifecycleState: 'AVAILABLE', displayName: 'renamed' }));
  const { changes, events } = t.commit();
  assert.equal(changes.length, 1, 'one net change');
  assert.deepEqual(events.map((e) => [e.change, e.field ?? '', e.cause]), [
    ['created', '', 'oci:createVcn'],
    ['state', 'lifecycleState', 'lifecycle:assign'],
    ['updated', 'displayName', 'lifecycle:assign'],
  ]);
});

void test('a sealed segment: created by the request and deleted by the lifecycle shows both, and stores nothing', () => {
  const t = tx('oci:createVcn');
  t.put('oci.Vcn', vcn({}));
  t.sealEvents();
  t.ctx.cause = 'lifecycle:fail';
  t.remove('oci.Vcn', 'ocid1.vcn.oc1.iad.x');
  const { changes, events } = t.commit();
  assert.equal(changes.length, 0);
  assert.deepEqual(events.map((e) => [e.change, e.cause]), [['created', 'oci:createVcn'], ['deleted', 'lifecycle:fail']]);
});
