// Snapshot storage over Kysely: portable SQL only (query builder, JSON as text), shared by every dialect.
import type { Kysely } from 'kysely';
import type { SnapshotInfo, SnapshotRecord, WorldImage } from '../snapshot-port.ts';
import type { Database, SnapshotsTable } from './schema.ts';
import { eventRow } from './commit-rows.ts';

const INFO_COLUMNS = ['name', 'created', 'lab', 'schema_version', 'entities', 'events'] as const;
const ENTITY_COLUMNS = 3;
const EVENT_COLUMNS = 10;

function info(r: Omit<SnapshotsTable, 'body'>): SnapshotInfo {
  return { name: r.name, created: r.created, lab: r.lab, schemaVersion: r.schema_version, entities: r.entities, events: r.events };
}

export async function saveSnapshot(db: Kysely<Database>, s: SnapshotRecord): Promise<void> {
  const row: SnapshotsTable = { name: s.name, created: s.created, lab: s.lab, schema_version: s.schemaVersion, entities: s.entities, events: s.events, body: s.body };
  const { name: _name, ...rest } = row;
  await db.insertInto('snapshots').values(row).onConflict((oc) => oc.column('name').doUpdateSet(rest)).execute();
}

export async function listSnapshots(db: Kysely<Database>): Promise<SnapshotInfo[]> {
  const rows = await db.selectFrom('snapshots').select(INFO_COLUMNS).orderBy('name').execute();
  return rows.map(info);
}

export async function getSnapshot(db: Kysely<Database>, name: string): Promise<SnapshotRecord | undefined> {
  const r = await db.selectFrom('snapshots').selectAll().where('name', '=', name).executeTakeFirst();
  return r === undefined ? undefined : { ...info(r), body: r.body };
}

export async function deleteSnapshot(db: Kysely<Database>, name: string): Promise<boolean> {
  const result = await db.deleteFrom('snapshots').where('name', '=', name).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export async function replaceWorld(db: Kysely<Database>, image: WorldImage, maxParams: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('entities').execute();
    await trx.deleteFrom('events').execute();
    await trx.deleteFrom('meta').execute();
    for (const part of chunks(image.entities, Math.floor(maxParams / ENTITY_COLUMNS))) {
      await trx.insertInto('entities').values(part.map(([kind, key, body]) => ({ kind, key, body }))).execute();
    }
    // Without seq: the database numbers them after every seq it ever gave (AUTOINCREMENT, identity).
    for (const part of chunks(image.events, Math.floor(maxParams / EVENT_COLUMNS))) {
      await trx.insertInto('events').values(part.map(eventRow)).execute();
    }
    const meta = Object.entries(image.meta).map(([key, value]) => ({ key, value }));
    if (meta.length > 0) await trx.insertInto('meta').values(meta).execute();
  });
}
