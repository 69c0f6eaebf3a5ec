// Group commit (Engine.mutate): units of work queued together share a store transaction, yet each
// keeps its own outcome; a failed write takes back everything merged on top of it; reads through the
// engine never see a change the store has not committed. Real SQLite (a file store, reopened to see
// what is on disk), and the server's worker-thread store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/port.ts';
import { CloudError } from '../../src/model/errors.ts';
import { createVcn } from '../../src/lifecycle/oci/vcn.ts';
import { createSubnet } from '../../src/lifecycle/oci/subnet.ts';
import { ociScope } from '../helpers/interconnect.ts';

const scope = ociScope();

/** A store whose commits wait for `release` when held, and fail when told to: a slow or failing disk. */
function gatedStore(real: Store): { store: Store; hold: () => void; release: (fail?: Error) => void; commits: () => number } {
  let gate: { promise: Promise<void>; open: (fail?: Error) => void } | undefined;
  let commits = 0;
  const store: Store = {
    location: real.location,
    migrate: () => real.migrate(), loadAll: () => real.loadAll(), events: (q) => real.events(q), getMeta: (k) => real.getMeta(k),
    pruneEvents: (k) => real.pruneEvents(k), reset: () => real.reset(), close: () => real.close(),
    saveSnapshot: (r) => real.saveSnapshot(r), listSnapshots: () => real.listSnapshots(), getSnapshot: (n) => real.getSnapshot(n),
    deleteSnapshot: (n) => real.deleteSnapshot(n), replaceWorld: (i) => real.replaceWorld(i),
    async commit(changes, events, meta) {
      commits += 1;
      if (gate !== undefined) await gate.promise;
      return real.commit(changes, events, meta);
    },
  };
  return {
    store,
    hold() {
      let open: (fail?: Error) => void = () => undefined;
      const promise = new Promise<void>((resolve, reject) => {
        open = (fail) => {
          if (fail) reject(fail);
          else resolve();
        };
      });
      gate = { promise, open };
    },
    release(fail) {
      const g = gate;
      gate = undefined;
      g?.open(fail);
    },
    commits: () => commits,
  };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fastroute-group-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function reopenedVcnNames(dir: string): Promise<string[]> {
  const engine = await Engine.open({ store: await openStore({ dataDir: dir }) });
  const names = engine.world.list('oci.Vcn').map((v) => v.displayName).sort();
  await engine.close();
  return names;
}

void test('units queued together share one transaction, each sees the ones before it, and a refused one fails alone', async () => {
  await withDir(async (dir) => {
    const gated = gatedStore(await openStore({ dataDir: dir }));
    const engine = await Engine.open({ store: gated.store });
    const before = gated.commits();
    const first = engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.0.0.0/16', displayName: 'a' }));
    // Runs after `first` in the same group: the VCN it made is there, though not yet written.
    const second = engine.mutate('t', (tx) => {
      const vcn = tx.list('oci.Vcn').find((v) => v.displayName === 'a');
      assert.ok(vcn, 'the earlier unit of the group is visible to the later one');
      return createSubnet(tx, scope, { vcnId: vcn.id, cidrBlock: '10.0.1.0/24', displayName: 's' });
    });
    const refused = engine.mutate('t', (tx) => {
      createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.9.0.0/16', displayName: 'refused' });
      createSubnet(tx, scope, { vcnId: 'ocid1.vcn.oc1..nope', cidrBlock: '10.9.1.0/24' });
    });
    const third = engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.1.0.0/16', displayName: 'b' }));
    const [vcn, subnet, refusal, last] = await Promise.allSettled([first, second, refused, third]);
    assert.equal(vcn.status, 'fulfilled');
    assert.equal(subnet.status, 'fulfilled');
    assert.equal(last.status, 'fulfilled');
    assert.ok(refusal.status === 'rejected' && refusal.reason instanceof CloudError, 'the refused unit gets its own CloudError');
    assert.equal(gated.commits() - before, 1, 'four units, one store transaction');
    assert.deepEqual(engine.world.list('oci.Vcn').map((v) => v.displayName).sort(), ['a', 'b']);
    const created = await engine.queryEvents({ kind: 'oci.Vcn' });
    assert.deepEqual(created.filter((e) => e.change === 'created').map((e) => e.resourceName).sort(), ['a', 'b'], 'no event of the refused unit');
    await engine.close();
    assert.deepEqual(await reopenedVcnNames(dir), ['a', 'b']);
  });
});

void test('a failed write undoes its group and every group merged while it ran; reads wait for the write', async () => {
  await withDir(async (dir) => {
    const gated = gatedStore(await openStore({ dataDir: dir }));
    const engine = await Engine.open({ store: gated.store });
    await engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.0.0.0/16', displayName: 'kept' }));
    const count = engine.world.count();
    gated.hold();
    const base = gated.commits();
    const doomed = engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.1.0.0/16', displayName: 'lost-1' }));
    // Let the first group run and start its (held) write, then queue a second group on top of it.
    for (let i = 0; i < 1000 && gated.commits() === base; i++) await new Promise((r) => setImmediate(r));
    const onTop = engine.mutate('t', (tx) => {
      assert.ok(tx.list('oci.Vcn').some((v) => v.displayName === 'lost-1'), 'the second group runs on the first one\'s merged changes');
      return createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.2.0.0/16', displayName: 'lost-2' });
    });
    let readSaw: string[] | undefined;
    const read = engine.read((view) => (readSaw = view.list('oci.Vcn').map((v) => v.displayName).sort()));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.equal(readSaw, undefined, 'the read waits while merged changes are unwritten');
    gated.release(new Error('disk full'));
    await assert.rejects(doomed, /disk full/);
    await assert.rejects(onTop, /disk full/);
    await read;
    assert.deepEqual(readSaw, ['kept'], 'the read ran after the undo and saw only what is stored');
    assert.equal(engine.world.count(), count, 'memory is as before both groups');
    const after = await engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.3.0.0/16', displayName: 'after' }));
    assert.equal(after.displayName, 'after', 'the engine writes again after a failed write');
    await engine.close();
    assert.deepEqual(await reopenedVcnNames(dir), ['after', 'kept']);
  });
});

void test('the worker-thread store: many units at once are all stored, with their events in order', async () => {
  await withDir(async (dir) => {
    const engine = await Engine.open({ store: await openStore({ dataDir: dir, worker: true }) });
    const names = Array.from({ length: 40 }, (_, i) => `vcn-${String(i).padStart(2, '0')}`);
    const vcns = await Promise.all(names.map((name, i) => engine.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: `10.${i}.0.0/16`, displayName: name }))));
    const events = await engine.queryEvents({ kind: 'oci.Vcn' });
    assert.deepEqual(events.filter((e) => e.change === 'created').map((e) => e.resourceId), vcns.map((v) => v.id), 'created in the order the units were queued');
    assert.ok(events.every((e, i) => i === 0 || (e.seq ?? 0) > (events[i - 1]?.seq ?? 0)));
    await engine.close();
    assert.deepEqual(await reopenedVcnNames(dir), names);
  });
});
