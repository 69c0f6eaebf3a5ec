// Incremental recomputation by dependency tracking. Every memoised result records which entities
// (and which child listings) it read; a committed change drops exactly the results that read what
// changed, and they are recomputed lazily on the next question. Nested results pass their
// dependencies up, so a DRG table that used an interconnect's routes is invalidated with them.
import type { ChangeEntry, Entity, Kind, ReadView } from '../model/world.ts';
import { keyOf } from '../model/world.ts';
import { parentOf } from '../model/kinds.ts';

const entityDep = (kind: Kind, key: string) => `e|${kind}|${key}`;
const listDep = (kind: Kind) => `l|${kind}`;
const childDep = (kind: Kind, parentKey: string) => `c|${kind}|${parentKey}`;

interface Entry { ns: string; id: string; value: unknown; deps: Set<string> }

export class Memo implements ReadView {
  /** Two levels (namespace, id): ids are entity id strings whose hashes V8 already caches. */
  private readonly entries = new Map<string, Map<string, Entry>>();
  private readonly dependents = new Map<string, Set<Entry>>();
  private size = 0;
  private readonly stack: Set<string>[] = [];
  hits = 0;
  misses = 0;

  constructor(private readonly base: ReadView) {}

  private record(dep: string): void {
    this.stack[this.stack.length - 1]?.add(dep);
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
    const hit = byId?.get(id);
    if (hit) {
      this.hits++;
      const top = this.stack[this.stack.length - 1];
      if (top) for (const d of hit.deps) top.add(d);
      return hit.value as T;
    }
    this.misses++;
    const deps = new Set<string>();
    this.stack.push(deps);
    let value: T;
    try {
      value = fn();
    } finally {
      this.stack.pop();
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent) for (const d of deps) parent.add(d);
    const entry: Entry = { ns, id, value, deps };
    if (!byId) this.entries.set(ns, (byId = new Map<string, Entry>()));
    if (!byId.has(id)) this.size++;
    byId.set(id, entry);
    for (const d of deps) {
      let set = this.dependents.get(d);
      if (!set) this.dependents.set(d, (set = new Set()));
      set.add(entry);
    }
    return value;
  }

  /** Drops every result that read something these changes touched. Returns how many were dropped. */
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
    for (const d of dirty) {
      const stale = this.dependents.get(d);
      if (!stale) continue;
      for (const e of stale) {
        const byId = this.entries.get(e.ns);
        if (byId?.get(e.id) === e) {
          byId.delete(e.id);
          this.size--;
          dropped++;
        }
      }
      this.dependents.delete(d);
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
