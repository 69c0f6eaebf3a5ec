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

interface Entry { value: unknown; deps: Set<string> }

export class Memo implements ReadView {
  private readonly entries = new Map<string, Entry>();
  private readonly dependents = new Map<string, Set<string>>();
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

  /** Returns the cached value of `key`, computing (and tracking) it on a miss. */
  compute<T>(key: string, fn: () => T): T {
    const hit = this.entries.get(key);
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
    this.entries.set(key, { value, deps });
    for (const d of deps) {
      let set = this.dependents.get(d);
      if (!set) this.dependents.set(d, (set = new Set()));
      set.add(key);
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
      const keys = this.dependents.get(d);
      if (!keys) continue;
      for (const k of keys) {
        if (this.entries.delete(k)) dropped++;
      }
      this.dependents.delete(d);
    }
    return dropped;
  }

  clear(): void {
    this.entries.clear();
    this.dependents.clear();
  }

  get cached(): number {
    return this.entries.size;
  }
}
