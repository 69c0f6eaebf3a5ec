// The initial schema: entities keyed by (kind, key), the append-only event log, and meta values.
import { sql, type Kysely, type Migration } from 'kysely';
import type { SqlFlavor } from '../dialect.ts';

export function init(flavor: SqlFlavor): Migration {
  // On PostgreSQL, kinds and keys compare byte by byte (collation "C"), as SQLite's text does: the
  // same (kind, key) order on both, whatever locale the database was created with.
  const name = flavor === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('entities')
        .addColumn('kind', name, (c) => c.notNull())
        .addColumn('key', name, (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('entities_pk', ['kind', 'key'])
        .execute();

      // AUTOINCREMENT (SQLite) and identity columns (PostgreSQL) never reuse a seq, even after
      // reset(), so a client tailing with afterSeq cannot miss events. SQLite's integer is 64-bit;
      // PostgreSQL's is 32, so it gets bigint.
      await db.schema
        .createTable('events')
        .addColumn('seq', flavor === 'postgres' ? 'bigint' : 'integer', (c) =>
          flavor === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
        )
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('resource_name', 'text')
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('field', 'text')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('cause', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_resource_id').on('events').column('resource_id').execute();

      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('meta').execute();
      await db.schema.dropTable('events').execute();
      await db.schema.dropTable('entities').execute();
    },
  };
}
