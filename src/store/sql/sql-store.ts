// The Store port over Kysely. Only portable SQL goes through here (query builder, TEXT JSON,
// INSERT ... ON CONFLICT, RETURNING), so SQLite and PostgreSQL share this file unchanged. A dialect
// may bring its own writer for the hot path (SQLite's prepared statements); commits then go there.
import { Kysely, Migrator } from 'kysely';
import type { Selectable } from 'kysely';
import type { ChangeEntry, Kind } from '../../model/world.ts';
import type { EventChange, WorldEvent } from '../../model/event.ts';
import type { EventQuery, Store, StoredRow } from '../port.ts';
import type { SqlDialect, SqlFlavor } from './dialect.ts';
import { migrationProvider } from './migrations/index.ts';
import { commitRows, serialisedCommitRows, type CommitRows, type CommitWriter, type SerialisedRows } from './commit-rows.ts';
import type { Database, EntitiesTable, EventsTable } from './schema.ts';
import type { StepRunner } from '../../model/steps.ts';
import type { SnapshotInfo, SnapshotRecord, WorldImage } from '../snapshot-port.ts';
import * as snapshots from './snapshot-sql.ts';

const ENTITY_COLUMNS = 3;
const EVENT_COLUMNS = 10;

export class SqlStore implements Store {
  readonly location: string;
  private readonly db: Kysely<Database>;
  private readonly flavor: SqlFlavor;
  private readonly maxParams: number;
  private readonly writer: CommitWriter | undefined;

  constructor(d: SqlDialect) {
    this.writer = d.writer;
    this.db = new Kysely<Database>({ dialect: d.dialect });
    this.location = d.location;
    this.flavor = d.flavor;
    this.maxParams = d.maxParams;
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider(this.flavor) });
    const { error } = await migrator.migrateToLatest();
    // Kysely reports failures instead of throwing; a half-migrated database must stop start-up.
    if (error !== undefined) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  }

  async loadAll(): Promise<StoredRow[]> {
    return parseStoredRows(await this.loadAllText());
  }

  /** Every entity with its body as stored (JSON text), in (kind, key) order. */
  loadAllText(): Promise<StoredText[]> {
    return this.db.selectFrom('entities').select(['kind', 'key', 'body']).orderBy('kind').orderBy('key').execute();
  }

  async commit(
    changes: readonly ChangeEntry[],
    events: readonly WorldEvent[],
    meta: Readonly<Record<string, string>> = {},
    run?: StepRunner,
  ): Promise<number[]> {
    const rows = commitRows(changes, events, meta);
    if (changes.length === 0 && events.length === 0 && rows.meta.length === 0) return [];
    if (run !== undefined && this.writer?.commitInSlices !== undefined) return this.writer.commitInSlices(rows, run);
    // A throw in the synchronous writer rejects this (async) call: the promise contract holds.
    if (this.writer !== undefined) return this.writer.commit(rows);
    return this.commitPortable(rows);
  }

  /** commit, for rows already serialised (by the thread that hands them to a store worker). */
  async commitSerialised(serialised: SerialisedRows): Promise<number[]> {
    const rows = serialisedCommitRows(serialised);
    if (this.writer !== undefined) return this.writer.commit(rows);
    return this.commitPortable(rows);
  }

  /** The portable path (any Kysely dialect), for databases without a prepared-statement writer. */
  private commitPortable(rows: CommitRows): Promise<number[]> {
    const deletes = new Map<string, string[]>();
    for (const [kind, key] of rows.deletes) {
      const keys = deletes.get(kind);
      if (keys) keys.push(key);
      else deletes.set(kind, [key]);
    }
    return this.db.transaction().execute(async (trx) => {
      for (const [kind, keys] of deletes) {
        for (const part of chunks(keys, this.maxParams - 1)) {
          await trx.deleteFrom('entities').where('kind', '=', kind).where('key', 'in', part).execute();
        }
      }

      for (const part of chunks([...rows.upserts()], Math.floor(this.maxParams / ENTITY_COLUMNS))) {
        const values: EntitiesTable[] = part.map(([kind, key, body]) => ({ kind, key, body }));
        await trx
          .insertInto('entities')
          .values(values)
          .onConflict((oc) => oc.columns(['kind', 'key']).doUpdateSet((eb) => ({ body: eb.ref('excluded.body') })))
          .execute();
      }

      const seqs: number[] = [];
      for (const part of chunks([...rows.events()], Math.floor(this.maxParams / EVENT_COLUMNS))) {
        const inserted = await trx.insertInto('events').values(part).returning('seq').execute();
        // Neither SQLite nor PostgreSQL promises RETURNING order, but seqs are assigned in VALUES
        // order within one statement of one transaction, so ascending order is insertion order.
        seqs.push(...inserted.map((r) => r.seq).sort((a, b) => a - b));
      }

      const metaRows = rows.meta.map(([key, value]) => ({ key, value }));
      for (const part of chunks(metaRows, Math.floor(this.maxParams / 2))) {
        await trx
          .insertInto('meta')
          .values(part)
          .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
          .execute();
      }
      return seqs;
    });
  }

  async pruneEvents(keep: number): Promise<number> {
    const newest = await this.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    const last = newest?.seq ?? 0;
    if (last <= keep) return 0;
    // Seqs only grow, so "older than the newest `keep`" is one range on the primary key.
    const result = await this.db.deleteFrom('events').where('seq', '<=', last - keep).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async events(query: EventQuery): Promise<WorldEvent[]> {
    let q = this.db.selectFrom('events').selectAll();
    if (query.afterSeq !== undefined) q = q.where('seq', '>', query.afterSeq);
    if (query.resourceId !== undefined) q = q.where('resource_id', '=', query.resourceId);
    if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
    q = q.orderBy('seq', query.newestFirst === true ? 'desc' : 'asc');
    if (query.limit !== undefined) q = q.limit(query.limit);
    const rows = await q.execute();
    return rows.map(worldEvent);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async reset(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('entities').execute();
      await trx.deleteFrom('events').execute();
      await trx.deleteFrom('meta').execute();
    });
  }

  saveSnapshot(record: SnapshotRecord): Promise<void> {
    return snapshots.saveSnapshot(this.db, record);
  }

  listSnapshots(): Promise<SnapshotInfo[]> {
    return snapshots.listSnapshots(this.db);
  }

  getSnapshot(name: string): Promise<SnapshotRecord | undefined> {
    return snapshots.getSnapshot(this.db, name);
  }

  deleteSnapshot(name: string): Promise<boolean> {
    return snapshots.deleteSnapshot(this.db, name);
  }

  replaceWorld(image: WorldImage): Promise<void> {
    return snapshots.replaceWorld(this.db, image, this.maxParams);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

export interface StoredText {
  kind: string;
  key: string;
  body: string;
}

export function parseStoredRows(rows: readonly StoredText[]): StoredRow[] {
  return rows.map((r) => ({ kind: r.kind as Kind, key: r.key, body: JSON.parse(r.body) as unknown }));
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

// Optional fields are left out rather than set to undefined, so stored events deep-equal the
// events that were committed.
function worldEvent(r: Selectable<EventsTable>): WorldEvent {
  const e: WorldEvent = { seq: r.seq, time: r.time, kind: r.kind as Kind, resourceId: r.resource_id, change: r.change as EventChange, cause: r.cause };
  if (r.resource_name !== null) e.resourceName = r.resource_name;
  if (r.field !== null) e.field = r.field;
  if (r.before !== null) e.before = JSON.parse(r.before) as unknown;
  if (r.after !== null) e.after = JSON.parse(r.after) as unknown;
  return e;
}
