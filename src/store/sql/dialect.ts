// What the SQL store needs to know about the database behind Kysely. Each file in dialects/
// builds one of these, so adding PostgreSQL means adding a file there, not changing callers.
import type { Dialect } from 'kysely';
import type { CommitWriter } from './commit-rows.ts';

export type SqlFlavor = 'sqlite' | 'postgres';

export interface SqlDialect {
  readonly flavor: SqlFlavor;
  readonly dialect: Dialect;
  /** Where the data lives, for humans. */
  readonly location: string;
  /** Bind parameters allowed in one statement; bulk writes are chunked to stay under it. */
  readonly maxParams: number;
  /** Writes a unit of work faster than the query builder can (cached prepared statements). */
  readonly writer?: CommitWriter;
}
