// What crosses between the server's thread and the store worker: calls in, answers out, as plain
// data (rows already serialised, errors as their name, message and SQLite code).
import type { EventQuery } from '../port.ts';
import type { SerialisedRows } from '../sql/commit-rows.ts';
import type { SnapshotRecord, WorldImage } from '../snapshot-port.ts';

export type StoreCall =
  /** loadAllText: the bodies cross as JSON text (one copy each) and are parsed on the server's thread. */
  | { id: number; op: 'migrate' | 'loadAllText' | 'reset' | 'close' }
  /** The rows as one text (rowsText): a string crosses threads as one copy, nested arrays and objects cost a walk (~3× more). */
  | { id: number; op: 'commit'; rows: string }
  | { id: number; op: 'events'; query: EventQuery }
  | { id: number; op: 'getMeta'; key: string }
  | { id: number; op: 'pruneEvents'; keep: number }
  | { id: number; op: 'listSnapshots' }
  | { id: number; op: 'getSnapshot' | 'deleteSnapshot'; name: string }
  | { id: number; op: 'saveSnapshot'; record: SnapshotRecord }
  | { id: number; op: 'replaceWorld'; image: WorldImage };

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

/**
 * Rows as one text: a JSON header (everything but the entity bodies, whose lengths it gives), a
 * newline, then the bodies back to back. The bodies are JSON already: wrapping them in the header
 * would escape every quote in them on this side and unescape it on the other. JSON.stringify writes
 * no raw newline, so the first one ends the header.
 */
export function rowsText(rows: SerialisedRows): string {
  const header = { deletes: rows.deletes, upserts: rows.upserts.map(([kind, key, body]) => [kind, key, body.length]), events: rows.events, meta: rows.meta };
  return `${JSON.stringify(header)}\n${rows.upserts.map((u) => u[2]).join('')}`;
}

/** rowsText read back. */
export function rowsFromText(text: string): SerialisedRows {
  const end = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, end)) as Omit<SerialisedRows, 'upserts'> & { upserts: [string, string, number][] };
  let at = end + 1;
  const upserts = header.upserts.map(([kind, key, length]): [string, string, string] => {
    const body = text.slice(at, at + length);
    at += length;
    return [kind, key, body];
  });
  return { deletes: header.deletes, upserts, events: header.events, meta: header.meta };
}
