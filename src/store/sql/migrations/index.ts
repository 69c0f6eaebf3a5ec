// Every migration, listed statically (no folder scan, so bundling or a changed cwd cannot lose
// one). Kysely runs them in name order: keep the four-digit prefix.
import type { Migration, MigrationProvider } from 'kysely';
import type { SqlFlavor } from '../dialect.ts';
import { init } from './0001-init.ts';
import { snapshots } from './0002-snapshots.ts';

/** The schema version a snapshot file records: the number of migrations (docs/snapshots.md). */
export const SCHEMA_VERSION = 2;

export function migrationProvider(flavor: SqlFlavor): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-init': init(flavor),
    '0002-snapshots': snapshots(),
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}
