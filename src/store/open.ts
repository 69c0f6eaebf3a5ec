// Opens the store the rest of FastRoute uses: SQLite in <dataDir>/fastroute.db, in memory, or a
// PostgreSQL database (`url`). Migrations run here so a store handed out is always at the latest schema.
import path from 'node:path';
import type { Store } from './port.ts';
import { MEMORY, sqliteDialect } from './sql/dialects/sqlite.ts';
import { SqlStore } from './sql/sql-store.ts';
import { WorkerStore } from './worker/worker-store.ts';

export const DEFAULT_DATA_DIR = '.fastroute';
export const DB_FILE = 'fastroute.db';

export interface OpenStoreOptions {
  dataDir?: string;
  inMemory?: boolean;
  /**
   * SQLite on a worker thread (the server): the same store, its writes off the event loop. Tools and
   * tests that drive an engine directly keep it on their own thread (no worker to start).
   */
  worker?: boolean;
  /** A postgres:// URL: the store is that PostgreSQL database (dataDir, inMemory and worker do not apply). */
  url?: string;
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  if (opts.url !== undefined) {
    // Loaded only when asked for: an SQLite start does not pay for pg's modules.
    const { postgresDialect, redactedUrl } = await import('./sql/dialects/postgres.ts');
    return migrated(new SqlStore(postgresDialect(opts.url)), `cannot open the PostgreSQL store ${redactedUrl(opts.url)}`);
  }
  const file = opts.inMemory === true ? MEMORY : path.resolve(opts.dataDir ?? DEFAULT_DATA_DIR, DB_FILE);
  return migrated(opts.worker === true ? new WorkerStore(file) : new SqlStore(sqliteDialect(file)));
}

async function migrated(store: Store, failure?: string): Promise<Store> {
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    // A server that cannot be reached says which one and why (ECONNREFUSED, bad password, no database).
    if (failure !== undefined) throw new Error(`${failure}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    throw err;
  }
  return store;
}
