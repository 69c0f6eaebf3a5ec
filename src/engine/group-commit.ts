// Group commit's pieces (Engine.mutate): the units of work waiting in a group, what each left
// behind, and how a group waits for the rest of its turn of the event loop.
import type { ChangeEntry } from '../model/world.ts';
import type { WorldEvent } from '../model/event.ts';
import type { Tx } from '../model/tx.ts';

/** A mutate waiting in a group: its operation, and how to answer its caller. */
export interface Unit {
  cause: string;
  op: (tx: Tx) => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * What one unit of a group did: its merged changes and events (none if it threw), and its result or
 * error for the caller. Without `unit`, it is the engine's own (due transitions fired before a unit).
 */
export type UnitOutcome = { unit?: Unit; changes: ChangeEntry[]; events: WorldEvent[] } & ({ result: unknown } | { error: unknown });

/** A group of units run back to back; it is written in one transaction with any others merged meanwhile. */
export interface Group {
  outcomes: UnitOutcome[];
}

/**
 * Resolves once the I/O callbacks of this turn of the event loop have run: requests read in the
 * same poll have called mutate by then (their bodies end on process.nextTick), so they share a group.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The changes that take `changes` back out of the world, last first. */
export function undoOf(changes: readonly ChangeEntry[]): ChangeEntry[] {
  const undo: ChangeEntry[] = [];
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i];
    if (c !== undefined) undo.push({ kind: c.kind, key: c.key, before: c.after, after: c.before });
  }
  return undo;
}
