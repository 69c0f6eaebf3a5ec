// Row shapes of the SQL tables as Kysely sees them. Bodies are JSON in TEXT columns so the same
// schema works on SQLite and PostgreSQL; columns are snake_case and mapped by hand in sql-store.ts.
import type { Generated } from 'kysely';

export interface EntitiesTable {
  kind: string;
  key: string;
  /** JSON text of the entity. */
  body: string;
}

export interface EventsTable {
  seq: Generated<number>;
  time: string;
  kind: string;
  resource_id: string;
  resource_name: string | null;
  change: string;
  field: string | null;
  /** JSON text; NULL when the event carries no value (as opposed to JSON null). */
  before: string | null;
  after: string | null;
  cause: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface SnapshotsTable {
  name: string;
  created: string;
  lab: string | null;
  schema_version: number;
  entities: number;
  events: number;
  /** JSON text of the snapshot document (the export file). */
  body: string;
}

export interface Database {
  entities: EntitiesTable;
  events: EventsTable;
  meta: MetaTable;
  snapshots: SnapshotsTable;
}
