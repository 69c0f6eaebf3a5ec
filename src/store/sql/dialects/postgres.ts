// PostgreSQL through node-postgres (`pg`), for a team server: the same SqlStore and migrations as
// SQLite, written through Kysely's portable path (every unit of work one transaction on one pooled
// connection; a throw anywhere in it rolls it back). Commits are durable as the server is configured
// (synchronous_commit on, PostgreSQL's default: a commit is flushed to its WAL before COMMIT returns).
// The pool is exposed so later parts (an advisory lock held by one session, snapshots) can take a
// dedicated connection without a second pool.
import pg from 'pg';
import { PostgresDialect } from 'kysely';
import type { SqlDialect } from '../dialect.ts';

/** PostgreSQL's limit on bind parameters in one statement (a 16-bit count in the protocol). */
const MAX_PARAMS = 65_535;
/** The engine writes one transaction at a time; the rest serve reads (events, meta) meanwhile. */
const POOL_SIZE = 4;
const INT8_OID = 20;

export interface PostgresStoreDialect extends SqlDialect {
  readonly pool: pg.Pool;
}

/** True when `store` names a PostgreSQL database (postgres:// or postgresql:// URL). */
export function isPostgresUrl(store: string): boolean {
  return /^postgres(ql)?:\/\//i.test(store);
}

/** The URL without its password, for logs and `status` (user@host/db is what a human needs). */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '';
    return u.toString().replace(/:@/, '@');
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1@');
  }
}

export function postgresDialect(url: string): PostgresStoreDialect {
  // seq is a bigint (int8): node-postgres returns those as strings unless told otherwise. Seqs stay
  // far below 2^53, so a JavaScript number holds them exactly, as on SQLite.
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, types, application_name: 'fastroute' });
  // An idle pooled connection the server drops (restart, admin kill) emits 'error' on the pool;
  // unhandled, that would end the process. The pool discards it and the next query reconnects.
  pool.on('error', () => undefined);
  return { flavor: 'postgres', dialect: new PostgresDialect({ pool }), location: redactedUrl(url), maxParams: MAX_PARAMS, pool };
}
