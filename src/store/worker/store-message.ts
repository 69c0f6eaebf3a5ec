// What crosses between the server's thread and the store worker: calls in, answers out, as plain
// data (rows already serialised, errors as their name, message and SQLite code).
import type { EventQuery } from '../port.ts';

export type StoreCall =
  /** loadAllText: the bodies cross as JSON text (one copy each) and are parsed on the server's thread. */
  | { id: number; op: 'migrate' | 'loadAllText' | 'reset' | 'close' }
  /** The rows as one JSON text: a string crosses threads as one copy, nested arrays and objects cost a walk (~3× more). */
  | { id: number; op: 'commit'; rows: string }
  | { id: number; op: 'events'; query: EventQuery }
  | { id: number; op: 'getMeta'; key: string }
  | { id: number; op: 'pruneEvents'; keep: number };

export interface StoreErrorData {
  name: string;
  message: string;
  /** better-sqlite3's SqliteError code (SQLITE_FULL, SQLITE_IOERR, …), when there is one. */
  code?: string;
}

export type StoreAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: StoreErrorData };

/** Where the worker opens the database: a file path, or ':memory:'. */
export interface StoreWorkerData {
  file: string;
}
