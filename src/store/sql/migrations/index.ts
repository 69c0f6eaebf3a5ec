// Every migration, listed statically (no folder scan, so bundling or a changed cwd cannot lose
// one). Kysely runs them in name order: keep the four-digit prefix.
import type { Migration, MigrationProvider } from 'kysely';
import type { SqlFlavor } from '../dialect.ts';
import { init } from './0001-init.ts';

export function migrationProvider(flavor: SqlFlavor): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-init': init(flavor),
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}
