// SQLite through better-sqlite3. A file database uses WAL so readers never block the writer, with
// synchronous=NORMAL: a commit is in the WAL (the OS has it) before it is acknowledged, so it
// survives the process being killed (kill -9); only an OS crash or power loss may roll back the last
// commits, never corrupt the file (docs/durability.md). In-memory databases keep their default journal.
// "In memory" is an empty database deserialised into SQLite's memdb VFS rather than ":memory:": a
// ":memory:" database's COMMIT grows with its size (a create cost 0.1 ms at 8 MB, 0.6 ms at 55 MB),
// memdb's stays flat. memdb caps a database at 1 GiB (SQLITE_MEMDB_DEFAULT_MAXSIZE): the server
// prunes events, and the JavaScript world holding the same entities outgrows Node's heap first.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import type { SqlDialect } from '../dialect.ts';
import { SqliteWriter } from '../sqlite-writer.ts';

export const MEMORY = ':memory:';
const BUSY_TIMEOUT_MS = 5000;
// The historical SQLite limit, safe on any build. Larger chunks (up to 32766) measured no faster
// for 20,000-row commits.
const MAX_PARAMS = 999;

/** An empty database opened from a Buffer: better-sqlite3 deserialises it into the resizeable memdb VFS. */
function openInMemory(): SqliteDatabase.Database {
  const empty = new SqliteDatabase(MEMORY);
  try {
    return new SqliteDatabase(empty.serialize());
  } finally {
    empty.close();
  }
}

export function sqliteDialect(file: string): SqlDialect {
  const inMemory = file === MEMORY;
  if (!inMemory) fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = inMemory ? openInMemory() : new SqliteDatabase(file);
  try {
    if (!inMemory) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    } else {
      // No other connection can open a private memdb: holding its lock for good spares every
      // transaction the lock round and the check for changes made by another connection.
      db.pragma('locking_mode = EXCLUSIVE');
    }
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (err) {
    db.close();
    throw err;
  }
  return { flavor: 'sqlite', dialect: new SqliteDialect({ database: db }), location: file, maxParams: MAX_PARAMS, writer: new SqliteWriter(db) };
}
