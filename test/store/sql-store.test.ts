// Behaviour of the SQL store through the Store port: on in-memory SQLite through both write paths,
// and on PostgreSQL (a fresh database per test; "skipped: why" without PostgreSQL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/open.ts';
import { MEMORY, sqliteDialect } from '../../src/store/sql/dialects/sqlite.ts';
import { SqlStore } from '../../src/store/sql/sql-store.ts';
import type { Store } from '../../src/store/port.ts';
import type { ChangeEntry } from '../../src/model/world.ts';
import type { WorldEvent } from '../../src/model/event.ts';
import { SUBNET, VCN, del, event, put, vcn } from './fixtures.ts';
import { STORE_DIALECTS, type StoreDialectName } from '../helpers/store-dialects.ts';
import { withTestDatabase } from '../helpers/postgres.ts';

/**
 * SQLite's prepared-statement writer, the portable query-builder path PostgreSQL will use, and the
 * server's store (the same writer on a worker thread, rows serialised before they cross).
 */
async function openSqliteStores(): Promise<Store[]> {
  const portable = new SqlStore({ ...sqliteDialect(MEMORY), writer: undefined });
  await portable.migrate();
  return [await openStore({ inMemory: true }), portable, await openStore({ inMemory: true, worker: true })];
}

type WithStore = (fn: (s: Store) => Promise<void>) => Promise<void>;

async function withSqliteStores(fn: (s: Store) => Promise<void>): Promise<void> {
  for (const s of await openSqliteStores()) {
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  }
}

async function withPostgresStore(fn: (s: Store) => Promise<void>): Promise<void> {
  await withTestDatabase(async (db) => {
    const s = await openStore({ url: db.url });
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  });
}

const WITH_STORE: Record<StoreDialectName, WithStore> = { sqlite: withSqliteStores, postgres: withPostgresStore };

/** One test per dialect, named "sqlite: …" and "postgres: …"; `body` gets that dialect's withStore. */
function storeTest(name: string, body: (withStore: WithStore) => Promise<void>): void {
  for (const d of STORE_DIALECTS) void test(`${d.name}: ${name}`, { skip: d.skip }, () => body(WITH_STORE[d.name]));
}

async function snapshot(s: Store): Promise<unknown> {
  return { rows: await s.loadAll(), events: await s.events({}), meta: await s.getMeta('clock') };
}

void test('in-memory store reports :memory: as its location', async () => {
  await withSqliteStores((s) => {
    assert.equal(s.location, ':memory:');
    return Promise.resolve();
  });
});

storeTest('entities, events and meta round-trip', async (withStore) => {
  await withStore(async (s) => {
    const sub = { id: 's1', vcnId: 'v1', cidrBlock: '10.0.1.0/24', dns: null, tags: { a: 'b' }, n: 1.5 };
    const events: WorldEvent[] = [
      event(VCN, 'v1', 'created', { resourceName: 'vcn v1', after: vcn('v1') }),
      event(SUBNET, 's1', 'state', { field: 'lifecycleState', before: 'PROVISIONING', after: 'AVAILABLE' }),
      event(VCN, 'v2', 'updated', { before: null, after: [1, 'two', { three: 3 }] }),
    ];
    const seqs = await s.commit([put(VCN, 'v1', vcn('v1')), put(VCN, 'v2', vcn('v2')), put(SUBNET, 's1', sub)], events, {
      clock: '{"mode":"manual"}',
    });

    assert.equal(seqs.length, 3);
    assert.ok(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!, `seqs ascend: ${seqs.join(',')}`);
    assert.deepEqual(await s.loadAll(), [
      { kind: SUBNET, key: 's1', body: sub },
      { kind: VCN, key: 'v1', body: vcn('v1') },
      { kind: VCN, key: 'v2', body: vcn('v2') },
    ]);
    // Stored events equal the committed ones plus their seq; JSON null stays null, absent stays absent.
    assert.deepEqual(await s.events({}), events.map((e, i) => ({ ...e, seq: seqs[i] })));
    assert.equal(await s.getMeta('clock'), '{"mode":"manual"}');
    assert.equal(await s.getMeta('missing'), undefined);
  });
});

storeTest('updates overwrite, deletes remove, and meta upserts', async (withStore) => {
  await withStore(async (s) => {
    await s.commit([put(VCN, 'v1', vcn('v1')), put(VCN, 'v2', vcn('v2'))], [], { clock: 'a' });
    await s.commit([put(VCN, 'v1', vcn('v1', { displayName: 'renamed' })), del(VCN, 'v2'), del(VCN, 'never-existed')], [], {
      clock: 'b',
    });
    assert.deepEqual(await s.loadAll(), [{ kind: VCN, key: 'v1', body: vcn('v1', { displayName: 'renamed' }) }]);
    assert.equal(await s.getMeta('clock'), 'b');
  });
});

storeTest('within one commit the last change to a key wins', async (withStore) => {
  await withStore(async (s) => {
    await s.commit(
      [put(VCN, 'gone', vcn('gone')), del(VCN, 'gone'), del(VCN, 'back'), put(VCN, 'back', vcn('back', { n: 2 })), put(VCN, 'twice', { v: 1 }), put(VCN, 'twice', { v: 2 })],
      [],
    );
    assert.deepEqual(await s.loadAll(), [
      { kind: VCN, key: 'back', body: vcn('back', { n: 2 }) },
      { kind: VCN, key: 'twice', body: { v: 2 } },
    ]);
  });
});

storeTest('the same key under two kinds is two rows', async (withStore) => {
  await withStore(async (s) => {
    await s.commit([put(VCN, 'x', { k: 'vcn' }), put(SUBNET, 'x', { k: 'subnet' })], []);
    await s.commit([del(VCN, 'x')], []);
    assert.deepEqual(await s.loadAll(), [{ kind: SUBNET, key: 'x', body: { k: 'subnet' } }]);
  });
});

storeTest('an empty commit writes nothing and returns no seqs', async (withStore) => {
  await withStore(async (s) => {
    assert.deepEqual(await s.commit([], []), []);
    assert.deepEqual(await snapshot(s), { rows: [], events: [], meta: undefined });
  });
});

// Seed rows the failing commits below try (and fail) to change.
async function seed(s: Store): Promise<unknown> {
  await s.commit([put(VCN, 'v1', vcn('v1')), put(VCN, 'v2', vcn('v2'))], [event(VCN, 'v1', 'created'), event(VCN, 'v2', 'created')], {
    clock: 'before',
  });
  const before = await snapshot(s);
  assert.equal((before as { rows: unknown[] }).rows.length, 2);
  return before;
}

storeTest('a commit whose third change has a BigInt body rolls back entirely', async (withStore) => {
  await withStore(async (s) => {
    const before = await seed(s);
    const batch: ChangeEntry[] = [
      put(VCN, 'v1', vcn('v1', { displayName: 'changed' })),
      put(VCN, 'v3', vcn('v3')),
      put(VCN, 'v4', vcn('v4', { size: 10n })),
      del(VCN, 'v2'),
    ];
    await assert.rejects(s.commit(batch, [event(VCN, 'v3', 'created')], { clock: 'after' }), /BigInt/);
    assert.deepEqual(await snapshot(s), before);
  });
});

storeTest('a BigInt body in a later chunk rolls back the chunks already written', async (withStore) => {
  await withStore(async (s) => {
    const before = await seed(s);
    // 999 bind parameters / 3 columns = 333 rows per statement: index 2000 sits in the 7th chunk.
    const batch = Array.from({ length: 2500 }, (_, i) => put(VCN, `bulk-${i}`, i === 2000 ? { n: 1n } : vcn(`bulk-${i}`)));
    batch.unshift(put(VCN, 'v1', vcn('v1', { displayName: 'changed' })), del(VCN, 'v2'));
    await assert.rejects(s.commit(batch, []), /BigInt/);
    assert.deepEqual(await snapshot(s), before);
  });
});

storeTest('an unserialisable event rolls back the entity writes before it', async (withStore) => {
  await withStore(async (s) => {
    const before = await seed(s);
    const events = [event(VCN, 'v3', 'created'), event(VCN, 'v3', 'updated', { after: { big: 2n } })];
    await assert.rejects(s.commit([put(VCN, 'v3', vcn('v3')), del(VCN, 'v1')], events, { clock: 'after' }), /BigInt/);
    assert.deepEqual(await snapshot(s), before);
  });
});

storeTest('a database constraint failure rolls back too, and the store stays usable', async (withStore) => {
  await withStore(async (s) => {
    const before = await seed(s);
    const bad = { ...event(VCN, 'v3', 'created'), cause: null as unknown as string };
    await assert.rejects(s.commit([put(VCN, 'v3', vcn('v3'))], [event(VCN, 'v3', 'created'), bad], { clock: 'after' }));
    assert.deepEqual(await snapshot(s), before);

    // A transaction left open would make this fail or leak the rolled-back rows.
    const seqs = await s.commit([put(VCN, 'v5', vcn('v5'))], [event(VCN, 'v5', 'created')]);
    assert.equal(seqs.length, 1);
    assert.deepEqual((await s.loadAll()).map((r) => r.key), ['v1', 'v2', 'v5']);
  });
});

storeTest('a body JSON cannot represent is refused rather than stored as nothing', async (withStore) => {
  await withStore(async (s) => {
    await assert.rejects(s.commit([put(VCN, 'f', () => 1)], []), /not JSON-serialisable/);
    assert.deepEqual(await s.loadAll(), []);
  });
});

storeTest('events() filters by afterSeq, resourceId and kind, orders, and limits', async (withStore) => {
  await withStore(async (s) => {
    const seqs = await s.commit(
      [],
      [
        event(VCN, 'v1', 'created'),
        event(SUBNET, 's1', 'created'),
        event(VCN, 'v1', 'updated', { field: 'displayName' }),
        event(VCN, 'v2', 'created'),
        event(SUBNET, 's1', 'deleted'),
        event(VCN, 'v1', 'deleted'),
      ],
    );
    const ids = async (q: Parameters<Store['events']>[0]): Promise<string[]> =>
      (await s.events(q)).map((e) => `${e.resourceId}:${e.change}`);

    assert.deepEqual(await ids({}), ['v1:created', 's1:created', 'v1:updated', 'v2:created', 's1:deleted', 'v1:deleted']);
    assert.deepEqual(await ids({ afterSeq: seqs[3] }), ['s1:deleted', 'v1:deleted']);
    assert.deepEqual(await ids({ afterSeq: seqs[5] }), []);
    assert.deepEqual(await ids({ resourceId: 'v1' }), ['v1:created', 'v1:updated', 'v1:deleted']);
    assert.deepEqual(await ids({ kind: SUBNET }), ['s1:created', 's1:deleted']);
    assert.deepEqual(await ids({ newestFirst: true }), ['v1:deleted', 's1:deleted', 'v2:created', 'v1:updated', 's1:created', 'v1:created']);
    assert.deepEqual(await ids({ limit: 2 }), ['v1:created', 's1:created']);
    // Newest-first with a limit is "the latest N", not the first N reversed.
    assert.deepEqual(await ids({ newestFirst: true, limit: 2 }), ['v1:deleted', 's1:deleted']);
    assert.deepEqual(await ids({ kind: VCN, resourceId: 'v1', afterSeq: seqs[0], newestFirst: true, limit: 1 }), ['v1:deleted']);
    assert.deepEqual((await s.events({ resourceId: 'v1', afterSeq: seqs[0], limit: 1 })).map((e) => e.seq), [seqs[2]]);
  });
});

storeTest('seqs keep ascending across commits', async (withStore) => {
  await withStore(async (s) => {
    const a = await s.commit([], [event(VCN, 'v1', 'created'), event(VCN, 'v2', 'created')]);
    const b = await s.commit([], [event(VCN, 'v3', 'created')]);
    assert.deepEqual((await s.events({})).map((e) => e.seq), [...a, ...b]);
    assert.ok(b[0]! > a[1]!);
  });
});

storeTest('many events in one commit get their seqs in order', async (withStore) => {
  await withStore(async (s) => {
    // More than one insert chunk (99 events per statement).
    const events = Array.from({ length: 250 }, (_, i) => event(VCN, `v${i}`, 'created'));
    const seqs = await s.commit([], events);
    const stored = await s.events({});
    assert.equal(stored.length, 250);
    assert.deepEqual(stored.map((e) => e.seq), seqs);
    assert.deepEqual(stored.map((e) => e.resourceId), events.map((e) => e.resourceId));
  });
});

storeTest('reset() empties entities, events and meta but keeps the schema', async (withStore) => {
  await withStore(async (s) => {
    const old = await s.commit([put(VCN, 'v1', vcn('v1')), put(SUBNET, 's1', { id: 's1' })], [event(VCN, 'v1', 'created')], { clock: 'x' });
    await s.reset();
    assert.deepEqual(await snapshot(s), { rows: [], events: [], meta: undefined });

    // Still writable afterwards; seqs are never reused, so a client tailing by afterSeq misses nothing.
    const fresh = await s.commit([put(VCN, 'v2', vcn('v2'))], [event(VCN, 'v2', 'created')], { clock: 'y' });
    assert.ok(fresh[0]! > old[0]!);
    assert.deepEqual(await s.loadAll(), [{ kind: VCN, key: 'v2', body: vcn('v2') }]);
    assert.equal(await s.getMeta('clock'), 'y');
  });
});

storeTest('pruneEvents keeps the newest events by seq and removes the rest in one go', async (withStore) => {
  await withStore(async (s) => {
    const seqs = await s.commit([], Array.from({ length: 30 }, (_, i) => event(VCN, 'v1', 'updated', { cause: `e${i}` })));
    assert.equal(await s.pruneEvents(50), 0, 'nothing to prune under the limit');
    assert.equal(await s.pruneEvents(10), 20);
    const left = await s.events({});
    assert.deepEqual(left.map((e) => e.seq), seqs.slice(20));
    assert.deepEqual(left.map((e) => e.cause), Array.from({ length: 10 }, (_, i) => `e${i + 20}`));
    const more = await s.commit([], [event(VCN, 'v1', 'updated', { cause: 'after' })]);
    assert.ok((more[0] ?? 0) > (seqs.at(-1) ?? 0), 'seqs keep growing after a prune');
  });
});
