// Opens the store the rest of FastRoute uses: SQLite in <dataDir>/fastroute.db, or in memory.
// Migrations run here so a store handed out is always at the latest schema.
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
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const file = opts.inMemory === true ? MEMORY : path.resolve(opts.dataDir ?? DEFAULT_DATA_DIR, DB_FILE);
  const store = opts.worker === true ? new WorkerStore(file) : new SqlStore(sqliteDialect(file));
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
