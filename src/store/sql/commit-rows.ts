// One unit of work as rows: what both write paths (Kysely's portable one and SQLite's prepared
// statements) persist. Bodies are serialised lazily, inside the writer's transaction, so a value
// JSON cannot hold throws there and rolls back everything written before it.
import type { ChangeEntry } from '../../model/world.ts';
import type { WorldEvent } from '../../model/event.ts';
import type { EventsTable } from './schema.ts';
import type { StepRunner, Steps } from '../../model/steps.ts';

export type EventInsert = Omit<EventsTable, 'seq'>;

export interface CommitRows {
  /** [kind, key] of each entity to delete. */
  readonly deletes: readonly (readonly [string, string])[];
  /** The entities to insert or overwrite, as [kind, key, JSON body]; serialises as it goes. */
  upserts(): Iterable<readonly [string, string, string]>;
  /** The events in order; serialises as it goes. */
  events(): Iterable<EventInsert>;
  readonly meta: readonly (readonly [string, string])[];
}

/** A synchronous, all-or-nothing writer; resolves the seqs of the events, in order. */
export interface CommitWriter {
  commit(rows: CommitRows): number[];
  /** The same in slices (one transaction still), for a big unit of work. */
  commitInSlices?(rows: CommitRows, run: StepRunner): Promise<number[]>;
}

/**
 * Each change states the final value, so only the last one per (kind, key) matters. Collapsing also
 * keeps PostgreSQL happy: one ON CONFLICT statement may not touch the same row twice.
 */
export function commitRows(changes: readonly ChangeEntry[], events: readonly WorldEvent[], meta: Readonly<Record<string, string>>): CommitRows {
  const last = new Map<string, ChangeEntry>();
  for (const c of changes) last.set(`${c.kind}\u0000${c.key}`, c);
  const upserts: ChangeEntry[] = [];
  const deletes: [string, string][] = [];
  for (const c of last.values()) {
    if (c.after !== undefined) upserts.push(c);
    else deletes.push([c.kind, c.key]);
  }
  return {
    deletes,
    *upserts() {
      for (const c of upserts) yield [c.kind, c.key, toJson(c.after, `${c.kind} ${c.key}`)] as const;
    },
    *events() {
      for (const e of events) yield eventRow(e);
    },
    meta: Object.entries(meta),
  };
}

/** JSON.stringify, but refusing values it would silently drop (functions, symbols, undefined). */
export function toJson(value: unknown, what: string): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`cannot store ${what}: value is not JSON-serialisable`);
  return text;
}

/** A unit of work's rows, all serialised: plain data that can cross to a worker thread. */
export interface SerialisedRows {
  deletes: [string, string][];
  upserts: [string, string, string][];
  events: EventInsert[];
  meta: [string, string][];
}

/** Serialises every row now (a value JSON cannot hold throws here), a step per row. */
export function* serialiseSteps(rows: CommitRows): Steps<SerialisedRows> {
  const upserts: [string, string, string][] = [];
  for (const [kind, key, body] of rows.upserts()) {
    upserts.push([kind, key, body]);
    yield;
  }
  const events: EventInsert[] = [];
  for (const e of rows.events()) {
    events.push(e);
    yield;
  }
  return { deletes: rows.deletes.map(([kind, key]) => [kind, key]), upserts, events, meta: rows.meta.map(([key, value]) => [key, value]) };
}

/** Serialised rows seen as CommitRows again, for the writers. */
export function serialisedCommitRows(rows: SerialisedRows): CommitRows {
  return { deletes: rows.deletes, upserts: () => rows.upserts, events: () => rows.events, meta: rows.meta };
}

function optionalJson(value: unknown, what: string): string | null {
  return value === undefined ? null : toJson(value, what);
}

export function eventRow(e: WorldEvent): EventInsert {
  const what = `event ${e.kind} ${e.resourceId}`;
  return {
    time: e.time,
    kind: e.kind,
    resource_id: e.resourceId,
    resource_name: e.resourceName ?? null,
    change: e.change,
    field: e.field ?? null,
    before: optionalJson(e.before, `${what} before`),
    after: optionalJson(e.after, `${what} after`),
    cause: e.cause,
  };
}
