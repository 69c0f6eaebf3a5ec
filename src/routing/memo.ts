// Incremental recomputation by dependency tracking. Every memoised answer records which entities
// (and which child listings) it read, and which other answers it used. A committed change drops
// the answers that read what changed and, transitively, the answers built on them; they are
// recomputed lazily on the next question. Answers never copy each other's dependencies, so a deep
// stack of answers (subnet → VNet table → gateway → interconnect → DRG) stays cheap to build.
// Only reads through the memo are recorded: a memoised function takes ids and reads its entities
// inside its computation, never fields of an entity object its caller passed (those reads would be
// the caller's, and the answer would outlive a change to them).
import type { ChangeEntry, Entity, Kind, ReadView } from '../model/world.ts';
import { keyOf } from '../model/world.ts';
import { parentOf } from '../model/kinds.ts';

/** Answers that read something, by kind then key (nested maps: no key string built per read). */
type DependentsByKey = Map<string, Set<Entry>>;

interface Entry {
  ns: string;
  id: string;
  value: unknown;
  /** Answers that used this one (dropped with it); created on the first such use. */
  users: Set<Entry> | undefined;
  /** The dependent sets it is in, so a dropped answer leaves them (no leak in a long run). */
  deps: Set<Entry>[];
  live: boolean;
}

export class Memo implements ReadView {
  /** Two levels (namespace, id): ids are entity id strings whose hashes V8 already caches. */
  private readonly entries = new Map<string, Map<string, Entry>>();
  /** World dependencies → answers that read them: an entity, a kind's listing, a parent's children. */
  private readonly entityDependents = new Map<Kind, DependentsByKey>();
  private readonly listDependents = new Map<Kind, Set<Entry>>();
  private readonly childDependents = new Map<Kind, DependentsByKey>();
  private readonly stack: Entry[] = [];
  private size = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly base: ReadView) {}

  private recordIn(set: Set<Entry>, top: Entry): void {
    if (!set.has(top)) {
      set.add(top);
      top.deps.push(set);
    }
  }

  private recordKeyed(index: Map<Kind, DependentsByKey>, kind: Kind, key: string, top: Entry): void {
    let byKey = index.get(kind);
    if (!byKey) index.set(kind, (byKey = new Map<string, Set<Entry>>()));
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    this.recordIn(set, top);
  }

  get<K extends Kind>(kind: K, id: string): Entity<K> | undefined {
    const top = this.stack[this.stack.length - 1];
    if (top) this.recordKeyed(this.entityDependents, kind, keyOf(kind, id), top);
    return this.base.get(kind, id);
  }

  list<K extends Kind>(kind: K): Entity<K>[] {
    const top = this.stack[this.stack.length - 1];
    if (top) {
      let set = this.listDependents.get(kind);
      if (!set) this.listDependents.set(kind, (set = new Set()));
      this.recordIn(set, top);
    }
    return this.base.list(kind);
  }

  children<K extends Kind>(kind: K, parentId: string): Entity<K>[] {
    const top = this.stack[this.stack.length - 1];
    if (top) this.recordKeyed(this.childDependents, kind, keyOf(kind, parentId), top);
    return this.base.children(kind, parentId);
  }

  /** Returns the cached value of (`ns`, `id`), computing (and tracking) it on a miss. */
  compute<T>(ns: string, id: string, fn: () => T): T {
    let byId = this.entries.get(ns);
    const top = this.stack[this.stack.length - 1];
    const hit = byId?.get(id);
    if (hit) {
      this.hits++;
      if (top) (hit.users ??= new Set()).add(top);
      return hit.value as T;
    }
    this.misses++;
    const entry: Entry = { ns, id, value: undefined, users: top ? new Set([top]) : undefined, deps: [], live: true };
    this.stack.push(entry);
    try {
      entry.value = fn();
    } finally {
      this.stack.pop();
    }
    if (!entry.live) return entry.value as T; // invalidated while computing: do not cache
    if (!byId) this.entries.set(ns, (byId = new Map<string, Entry>()));
    if (!byId.has(id)) this.size++;
    byId.set(id, entry);
    return entry.value as T;
  }

  /** Drops every answer that read something these changes touched, and the answers built on them. */
  invalidate(changes: readonly ChangeEntry[]): number {
    const stale: Set<Entry>[] = [];
    const take = (byKey: DependentsByKey | undefined, key: string) => {
      const set = byKey?.get(key);
      if (set) { byKey?.delete(key); stale.push(set); }
    };
    for (const c of changes) {
      if (c.kind === 'fr.Timer') continue;
      take(this.entityDependents.get(c.kind), c.key);
      const listed = this.listDependents.get(c.kind);
      if (listed) { this.listDependents.delete(c.kind); stale.push(listed); }
      for (const e of [c.before, c.after]) {
        const p = e === undefined ? undefined : parentOf(c.kind, e);
        if (p !== undefined) take(this.childDependents.get(c.kind), keyOf(c.kind, p));
      }
    }
    let dropped = 0;
    for (const set of stale) for (const e of [...set]) dropped += this.drop(e);
    return dropped;
  }

  /** Drops an answer and the answers built on it; returns how many were cached. */
  private drop(e: Entry): number {
    if (!e.live) return 0;
    e.live = false;
    let dropped = 0;
    const byId = this.entries.get(e.ns);
    if (byId?.get(e.id) === e) {
      byId.delete(e.id);
      this.size--;
      dropped++;
    }
    for (const d of e.deps) d.delete(e);
    if (e.users) for (const u of e.users) dropped += this.drop(u);
    return dropped;
  }

  /**
   * Drops one answer that went stale for a reason outside the world (its caller's inputs, e.g. the
   * declared flows or the minute), keeping every answer it read: they are still right.
   */
  forget(ns: string, id: string): void {
    const e = this.entries.get(ns)?.get(id);
    if (e) this.drop(e);
  }

  clear(): void {
    this.entries.clear();
    this.entityDependents.clear();
    this.listDependents.clear();
    this.childDependents.clear();
    this.size = 0;
  }

  get cached(): number {
    return this.size;
  }
}
