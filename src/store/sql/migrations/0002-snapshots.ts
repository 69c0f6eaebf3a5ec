// Named snapshots of the world (docs/snapshots.md): one row each, the document as JSON text so the
// table is the same on SQLite and PostgreSQL; the counts and scope are columns for listing cheaply.
import type { Kysely, Migration } from 'kysely';

export function snapshots(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('snapshots')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('lab', 'text')
        .addColumn('schema_version', 'integer', (c) => c.notNull())
        .addColumn('entities', 'integer', (c) => c.notNull())
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('snapshots').execute();
    },
  };
}
