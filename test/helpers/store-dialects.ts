// The two dialects a persistent store has (SQLite in the data directory, PostgreSQL), for the tests
// that check what survives a close, a restart or a kill -9: each such test runs once per dialect,
// and the PostgreSQL run reports "skipped: why" on a machine without PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, postgresSkip } from './postgres.ts';

export type StoreDialectName = 'sqlite' | 'postgres';

export interface StoreDialect {
  readonly name: StoreDialectName;
  /** For node:test's `skip`: false, or why this dialect cannot run here. */
  readonly skip: string | false;
}

export const STORE_DIALECTS: readonly StoreDialect[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: postgresSkip },
];

/**
 * Where a persistent store lives: always a data directory (SQLite's file; the TLS material and the
 * admin token on either dialect), plus a fresh database on PostgreSQL. It is openStore's options as
 * is, and `flags` are the same as `fastroute start` settings.
 */
export interface StorePlace {
  readonly dataDir: string;
  readonly url?: string;
  /** startTestServer flags: a file store in dataDir, or the database. */
  readonly flags: { inMemory: false; dataDir: string; store?: string };
  /** `fastroute start` arguments beyond --data-dir: `--store URL` on PostgreSQL. */
  readonly args: readonly string[];
}

/** Runs `fn` with a fresh place for `dialect`'s store, removed (directory, database) afterwards. */
export async function withStorePlace<T>(dialect: StoreDialectName, fn: (place: StorePlace) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `fastroute-${dialect}-`));
  try {
    if (dialect === 'sqlite') return await fn({ dataDir, flags: { inMemory: false, dataDir }, args: [] });
    const db = await createTestDatabase();
    try {
      return await fn({ dataDir, url: db.url, flags: { inMemory: false, dataDir, store: db.url }, args: ['--store', db.url] });
    } finally {
      await db.drop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
