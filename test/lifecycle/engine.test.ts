// The engine's guarantees: clock modes, all-or-nothing units of work, persistence across restarts,
// tenant isolation, and events for every change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, PRUNE_EVERY_COMMITS } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/port.ts';
import { CloudError } from '../../src/model/errors.ts';
import { MAX_TIME_MS } from '../../src/model/timer.ts';
import { createVcn, updateVcn } from '../../src/lifecycle/oci/vcn.ts';
import { createSubnet } from '../../src/lifecycle/oci/subnet.ts';
import { interconnectStatus } from '../../src/lifecycle/interconnect/status.ts';
import { buildAzure, buildOci, connect, memoryEngine, ociScope } from '../helpers/interconnect.ts';
import { STORE_DIALECTS, withStorePlace } from '../helpers/store-dialects.ts';

const scope = ociScope();

void test('instant clock: a create answers PROVISIONING and the next read shows AVAILABLE', async () => {
  const engine = await memoryEngine({ clock: 'instant' });
  const vcn = await engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.0.0.0/16' }));
  assert.equal(vcn.lifecycleState, 'PROVISIONING');
  assert.equal(await engine.read((v) => v.get('oci.Vcn', vcn.id)?.lifecycleState), 'AVAILABLE');
});

void test('manual clock: nothing moves until advanced, then each step happens at its own time', async () => {
  const engine = await memoryEngine({ clock: 'manual', scale: 1 });
  const azure = await buildAzure(engine);
  const oci = await buildOci(engine, azure.serviceKey);
  const t0 = Date.parse(engine.clockStatus().now);
  assert.equal(await engine.read((v) => v.get('oci.VirtualCircuit', oci.vcId)?.lifecycleState), 'PENDING_PROVIDER');
  await engine.advance(59);
  assert.equal(engine.world.get('oci.VirtualCircuit', oci.vcId)?.lifecycleState, 'PENDING_PROVIDER');
  await engine.advance(1000);
  assert.equal(engine.world.get('oci.VirtualCircuit', oci.vcId)?.lifecycleState, 'PROVISIONED');
  const steps = (await engine.queryEvents({ resourceId: oci.vcId })).filter((e) => e.field === 'lifecycleState');
  assert.deepEqual(steps.map((e) => (Date.parse(e.time) - t0) / 1000), [60, 240], 'provider accepts at 60 s, provisions 180 s later');
  await assert.rejects(engine.setClock('instant').then(() => engine.advance(1)), /manual/);
});

void test('realistic clock: transitions happen on their own with scaled delays', async () => {
  const engine = await memoryEngine({ clock: 'realistic', scale: 0.001 });
  engine.startTicker(20);
  const azure = await buildAzure(engine);
  const oci = await buildOci(engine, azure.serviceKey);
  assert.equal(engine.world.get('oci.VirtualCircuit', oci.vcId)?.lifecycleState, 'PENDING_PROVIDER');
  const deadline = Date.now() + 5000;
  while (engine.world.get('oci.VirtualCircuit', oci.vcId)?.lifecycleState !== 'PROVISIONED' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(engine.world.get('oci.VirtualCircuit', oci.vcId)?.lifecycleState, 'PROVISIONED', 'the ticker settled without any read');
  await engine.close();
});

void test('a rejected operation changes nothing, even after earlier writes in the same unit of work', async () => {
  const engine = await memoryEngine();
  const before = engine.world.count();
  await assert.rejects(engine.mutate('t', (tx) => {
    const vcn = createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.0.0.0/16' });
    createSubnet(tx, scope, { vcnId: vcn.id, cidrBlock: '10.1.0.0/24' }); // outside the VCN
  }), (e: unknown) => e instanceof CloudError && e.code === 'InvalidParameter');
  assert.equal(engine.world.count(), before);
  assert.equal((await engine.queryEvents({ kind: 'oci.Vcn' })).length, 0);
});

for (const d of STORE_DIALECTS) {
  void test(`${d.name}: a failed store write leaves memory and the database unchanged (crash safety)`, { skip: d.skip }, () => withStorePlace(d.name, async (place) => {
    const real = await openStore(place);
    let failNext = false;
    const flaky: Store = {
      ...real, location: real.location,
      migrate: () => real.migrate(), loadAll: () => real.loadAll(), events: (q) => real.events(q), getMeta: (k) => real.getMeta(k), reset: () => real.reset(), close: () => real.close(),
      commit: (changes, events, meta) => (failNext ? Promise.reject(new Error('disk full')) : real.commit(changes, events, meta)),
    };
    const engine = await Engine.open({ store: flaky });
    const vcn = await engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.0.0.0/16', displayName: 'kept' }));
    await engine.settle();
    const count = engine.world.count();
    failNext = true;
    await assert.rejects(engine.mutate('t', (tx) => {
      updateVcn(tx, scope, vcn.id, { displayName: 'lost' });
      createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.1.0.0/16' });
    }), /disk full/);
    assert.equal(engine.world.count(), count);
    assert.equal(engine.world.get('oci.Vcn', vcn.id)?.displayName, 'kept');
    failNext = false;
    await engine.close();
    const reopened = await Engine.open({ store: await openStore(place) });
    assert.equal(reopened.world.get('oci.Vcn', vcn.id)?.displayName, 'kept');
    assert.equal(reopened.world.list('oci.Vcn').length, 1);
    await reopened.close();
  }));
}

void test('state survives a restart, including pending transitions and the manual clock', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fastroute-engine-'));
  try {
    let engine = await Engine.open({ store: await openStore({ dataDir: dir }) });
    const azure = await buildAzure(engine);
    await buildOci(engine, azure.serviceKey);
    await connect(engine, azure);
    const before = await engine.read((v) => interconnectStatus(v));
    await engine.close();
    engine = await Engine.open({ store: await openStore({ dataDir: dir }) });
    assert.deepEqual(await engine.read((v) => interconnectStatus(v)), before);
    assert.equal(before[0]?.connections[0]?.connectionStatus, 'Connected');
    // A transition pending at shutdown still fires after the restart.
    await engine.setClock('manual', 1);
    const vcn = await engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.50.0.0/16' }));
    const frozen = engine.clockStatus().now;
    await engine.close();
    engine = await Engine.open({ store: await openStore({ dataDir: dir }), clock: 'manual', scale: 1 });
    assert.equal(engine.clockStatus().now, frozen, 'manual time is persisted');
    assert.equal(engine.world.get('oci.Vcn', vcn.id)?.lifecycleState, 'PROVISIONING');
    await engine.advance(5);
    assert.equal(engine.world.get('oci.Vcn', vcn.id)?.lifecycleState, 'AVAILABLE');
    await engine.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('one tenancy cannot see or touch another tenancy\'s resources', async () => {
  const engine = await memoryEngine();
  const vcn = await engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.0.0.0/16' }));
  const other = { tenancyId: 'ocid1.tenancy.oc1..aaaaaaaaother', region: 'us-ashburn-1' };
  await assert.rejects(engine.mutate('t', (tx) => updateVcn(tx, other, vcn.id, { displayName: 'x' })), (e: unknown) => e instanceof CloudError && e.status === 404 && e.code === 'NotAuthorizedOrNotFound');
  await assert.rejects(engine.mutate('t', (tx) => createSubnet(tx, other, { compartmentId: other.tenancyId, vcnId: vcn.id, cidrBlock: '10.0.1.0/24' })), (e: unknown) => e instanceof CloudError && e.code === 'RelatedResourceNotAuthorizedOrNotFound');
});

void test('reset empties everything and restores the default tenancy and subscription', async () => {
  const engine = await memoryEngine();
  const azure = await buildAzure(engine);
  await buildOci(engine, azure.serviceKey);
  await engine.reset();
  assert.equal(engine.world.list('oci.Vcn').length, 0);
  assert.equal(engine.world.list('azure.ExpressRouteCircuit').length, 0);
  assert.equal(engine.world.list('oci.Tenancy').length, 1);
  assert.equal(engine.world.list('azure.Subscription').length, 1);
  assert.equal((await engine.queryEvents({ kind: 'oci.Vcn' })).length, 0);
});

void test('a transition that would fall due after the last time a Date holds is refused and nothing is stored', async () => {
  const engine = await memoryEngine({ clock: 'realistic', scale: 1, realNow: () => MAX_TIME_MS - 1000 });
  const before = engine.world.count();
  await assert.rejects(
    engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.0.0.0/16' })),
    /is not a valid time/,
  );
  assert.equal(engine.world.count(), before);
  assert.deepEqual((await engine.store.loadAll()).filter((r) => r.kind === 'fr.Timer'), [], 'no timer reached the store');
  assert.equal(engine.clockStatus().pendingTransitions, 0);
  await engine.close();
});

void test('event retention: every PRUNE_EVERY_COMMITS commits the store keeps only the newest events', async () => {
  const engine = await memoryEngine({ eventRetention: 50 });
  const before = (await engine.store.events({})).length;
  let last = '';
  for (let i = before > 0 ? 1 : 0; i < PRUNE_EVERY_COMMITS; i++) {
    last = (await engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.0.0.0/16', displayName: `v${i}` }))).id;
  }
  const kept = await engine.store.events({});
  assert.equal(kept.length, 50, 'the newest 50 events are kept');
  assert.ok(kept.some((e) => e.resourceId === last), 'the latest VCN\'s events are among them');
  await engine.close();
});
