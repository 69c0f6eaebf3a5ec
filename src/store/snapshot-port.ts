// What the store keeps for snapshots (docs/snapshots.md): named documents, and the one write that
// replaces the stored world wholesale. Kept apart from port.ts so the Store interface grows by a line.
import type { WorldEvent } from '../model/event.ts';

/** A snapshot as listed: everything but its document. */
export interface SnapshotInfo {
  name: string;
  created: string;
  /** The lab it holds, or null for the whole world. */
  lab: string | null;
  schemaVersion: number;
  entities: number;
  events: number;
}

export interface SnapshotRecord extends SnapshotInfo {
  /** The snapshot document as JSON text (what export writes to a file). */
  body: string;
}

/** The stored world as a restore writes it: entity bodies as JSON text, events in order, meta values. */
export interface WorldImage {
  entities: readonly (readonly [kind: string, key: string, body: string])[];
  events: readonly WorldEvent[];
  meta: Readonly<Record<string, string>>;
}

export interface SnapshotStore {
  /** Inserts or overwrites the snapshot of that name. */
  saveSnapshot(record: SnapshotRecord): Promise<void>;
  listSnapshots(): Promise<SnapshotInfo[]>;
  getSnapshot(name: string): Promise<SnapshotRecord | undefined>;
  /** Resolves whether there was one. */
  deleteSnapshot(name: string): Promise<boolean>;
  /**
   * Replaces every entity, event and meta value with the image's, in one transaction: all or nothing.
   * Events get new seqs (after every seq ever given), so a client tailing by seq sees them as new.
   */
  replaceWorld(image: WorldImage): Promise<void>;
}
