// Incremental recomputation by dependency tracking. Every memoised answer records which entities
// (and which child listings) it read, and which other answers it used. A committed change drops
// the answers that read what changed and, transitively, the answers built on them; they are
// recomputed lazily on the next question. Answers never copy each other's dependencies, so a deep
// stack of answers (subnet → VNet table → gateway → interconnect → DRG) stays cheap to build.
import type { ChangeEntry, Entity, Kind, ReadView } from '../model/world.ts';
import { keyOf } from '../model/world.ts';
import { parentOf } from '../model/kinds.ts';

const entityDep = (kind: Kind, key: string) => `e|${kind}|${key}`;
const listDep = (kind: Kind) => `l|${kind}`;
const childDep = (kind: Kind, parentKey: string) => `c|${kind}|${parentKey}`;

interface Entry {
  ns: string;
  id: string;
  value: unknown;
  /** Answers that used this one (dropped with it). */
  users: Set<Entry>;
  /** World dependencies it read, so a dropped answer leaves their sets (no leak in a long run). */
  deps: string[];
  live: boolean;
}

export class Memo implements ReadView {
  /** Two levels (namespace, id): ids are entity id strings whose hashes V8 already caches. */
  private readonly entries = new Map<string, Map<string, Entry>>();
  /** World dependency → answers that read it. */
  private readonly dependents = new Map<string, Set<Entry>>();
  private readonly stack: Entry[] = [];
  private size = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly base: ReadView) {}

  private record(dep: string): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) return;
    let set = this.dependents.get(dep);
    if (!set) this.dependents.set(dep, (set = new Set()));
    if (!set.has(top)) {
      set.add(top);
      top.deps.push(dep);
    }
  }

  get<K extends Kind>(kind: K, id: string): Entity<K> | undefined {
    if (this.stack.length > 0) this.record(entityDep(kind, keyOf(kind, id)));
    return this.base.get(kind, id);
  }

  list<K extends Kind>(kind: K): Entity<K>[] {
    if (this.stack.length > 0) this.record(listDep(kind));
    return this.base.list(kind);
  }

  children<K extends Kind>(kind: K, parentId: string): Entity<K>[] {
    if (this.stack.length > 0) this.record(childDep(kind, keyOf(kind, parentId)));
    return this.base.children(kind, parentId);
  }

  /** Returns the cached value of (`ns`, `id`), computing (and tracking) it on a miss. */
  compute<T>(ns: string, id: string, fn: () => T): T {
    let byId = this.entries.get(ns);
    const top = this.stack[this.stack.length - 1];
    const hit = byId?.get(id);
    if (hit) {
      this.hits++;
      if (top) hit.users.add(top);
      return hit.value as T;
    }
    this.misses++;
    const entry: Entry = { ns, id, value: undefined, users: new Set(), deps: [], live: true };
    if (top) entry.users.add(top);
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
    const dirty = new Set<string>();
    for (const c of changes) {
      if (c.kind === 'fr.Timer') continue;
      dirty.add(entityDep(c.kind, c.key));
      dirty.add(listDep(c.kind));
      for (const e of [c.before, c.after]) {
        const p = e === undefined ? undefined : parentOf(c.kind, e);
        if (p !== undefined) dirty.add(childDep(c.kind, keyOf(c.kind, p)));
      }
    }
    let dropped = 0;
    const drop = (e: Entry) => {
      if (!e.live) return;
      e.live = false;
      const byId = this.entries.get(e.ns);
      if (byId?.get(e.id) === e) {
        byId.delete(e.id);
        this.size--;
        dropped++;
      }
      for (const d of e.deps) this.dependents.get(d)?.delete(e);
      for (const u of e.users) drop(u);
    };
    for (const d of dirty) {
      const stale = this.dependents.get(d);
      if (!stale) continue;
      this.dependents.delete(d);
      for (const e of stale) drop(e);
    }
    return dropped;
  }

  clear(): void {
    this.entries.clear();
    this.dependents.clear();
    this.size = 0;
  }

  get cached(): number {
    return this.size;
  }
}
