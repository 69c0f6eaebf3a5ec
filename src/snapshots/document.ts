// The snapshot document: what the snapshots table holds and what export writes to a file
// (docs/snapshots.md). Versioned twice: `version` is this document's layout, `schemaVersion` the
// store's migration count when it was made. Import checks both, then every entity and event, before
// anything is stored: a file from a newer FastRoute is refused by name, a malformed one with the
// field that is wrong.
import { z } from 'zod';
import { ALL_KINDS } from '../model/kinds.ts';
import { keyOf, type Kind } from '../model/world.ts';
import type { WorldEvent } from '../model/event.ts';
import { fastroute } from '../model/errors.ts';
import { SCHEMA_VERSION } from '../store/sql/migrations/index.ts';

export const SNAPSHOT_FORMAT = 'fastroute-snapshot';
export const SNAPSHOT_VERSION = 1;

export const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface SnapshotEntity {
  kind: Kind;
  key: string;
  body: { id: string } & Record<string, unknown>;
}

export interface SnapshotDocument {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  schemaVersion: number;
  name: string;
  created: string;
  /** The lab whose resources it holds; null: the whole world (with clock, timers and events). */
  lab: string | null;
  /** The store's meta values (the clock); empty for a lab. */
  meta: Record<string, string>;
  entities: SnapshotEntity[];
  events: WorldEvent[];
}

const header = z.object({
  format: z.literal(SNAPSHOT_FORMAT, { message: `not a FastRoute snapshot (format must be "${SNAPSHOT_FORMAT}")` }),
  version: z.number().int().min(1),
  schemaVersion: z.number().int().min(1),
});

const entity = z.strictObject({
  kind: z.enum(ALL_KINDS),
  key: z.string().min(1),
  body: z.looseObject({ id: z.string().min(1) }),
});

const event = z.strictObject({
  seq: z.number().int().optional(),
  time: z.string().min(1),
  kind: z.enum(ALL_KINDS),
  resourceId: z.string(),
  resourceName: z.string().optional(),
  change: z.enum(['created', 'updated', 'deleted', 'state']),
  field: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  cause: z.string(),
});

const document = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.number().int(),
  schemaVersion: z.number().int(),
  name: z.string().regex(SNAPSHOT_NAME, 'letters, digits, ".", "_" or "-", at most 128'),
  created: z.iso.datetime(),
  lab: z.string().min(1).nullable(),
  meta: z.record(z.string(), z.string()),
  entities: z.array(entity),
  events: z.array(event),
});

function invalid(message: string): Error {
  return fastroute.invalid('InvalidSnapshot', message);
}

/** Reads an imported file: a 400 naming what is wrong, or a document this FastRoute can restore. */
export function parseSnapshotDocument(text: string): SnapshotDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid(`the snapshot file is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const head = header.safeParse(value);
  if (!head.success) throw invalid(`the snapshot file has no valid header: ${issues(head.error)}`);
  if (head.data.version > SNAPSHOT_VERSION || head.data.schemaVersion > SCHEMA_VERSION) {
    throw fastroute.invalid('SnapshotVersionUnsupported', `the snapshot was made by a newer FastRoute (format version ${head.data.version}, schema version ${head.data.schemaVersion}); this one reads format version ${SNAPSHOT_VERSION} and schema versions up to ${SCHEMA_VERSION}: upgrade FastRoute to import it`);
  }
  const doc = document.safeParse(value);
  if (!doc.success) throw invalid(`the snapshot file is malformed: ${issues(doc.error)}`);
  for (const [i, e] of doc.data.entities.entries()) {
    if (e.key !== keyOf(e.kind, e.body.id)) throw invalid(`the snapshot file is malformed: entities.${i}: key "${e.key}" does not match the ${e.kind}'s id "${e.body.id}"`);
  }
  return doc.data;
}

function issues(error: z.ZodError): string {
  return error.issues.slice(0, 5).map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : 'file'}: ${i.message}`).join('; ');
}
