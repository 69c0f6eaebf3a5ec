// The only view of persistence the rest of FastRoute has. One SQL implementation (store/sql)
// serves SQLite today and PostgreSQL later through a Kysely dialect, without touching callers.
import type { StepRunner } from '../model/steps.ts';
import type { ChangeEntry, Kind } from '../model/world.ts';
import type { WorldEvent } from '../model/event.ts';
import type { SnapshotStore } from './snapshot-port.ts';

export interface StoredRow {
  kind: Kind;
  key: string;
  body: unknown;
}

export interface EventQuery {
  /** Only events with seq greater than this. */
  afterSeq?: number;
  resourceId?: string;
  kind?: Kind;
  /** Newest first when true; default oldest first. */
  newestFirst?: boolean;
  limit?: number;
}

export interface Store extends SnapshotStore {
  /** Applies pending numbered migrations. Idempotent. */
  migrate(): Promise<void>;
  loadAll(): Promise<StoredRow[]>;
  /**
   * Persists one unit of work atomically: entity upserts/deletes, its events and meta values.
   * Either everything is written or nothing is (the promise rejects and the database is unchanged).
   * Resolves with the seq numbers assigned to the events, in order. With `run`, a store may write
   * in slices that `run` spreads over several turns of the event loop (still all or nothing).
   */
  commit(changes: readonly ChangeEntry[], events: readonly WorldEvent[], meta?: Readonly<Record<string, string>>, run?: StepRunner): Promise<number[]>;
  events(query: EventQuery): Promise<WorldEvent[]>;
  getMeta(key: string): Promise<string | undefined>;
  /** Deletes all but the newest `keep` events (one DELETE by seq). Resolves with how many went. */
  pruneEvents(keep: number): Promise<number>;
  /** Deletes every entity, event and meta value (schema stays). */
  reset(): Promise<void>;
  close(): Promise<void>;
  /** Where the data lives, for humans ("/path/fastroute.db" or ":memory:"). */
  readonly location: string;
}
