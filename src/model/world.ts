// The world: every resource of both clouds, keyed by kind and id, plus a copy-on-write
// transaction (Tx) that records writes in an overlay. Committing a Tx yields a ChangeSet the store
// persists in one SQL transaction; only then is it merged into the World, so a failed request or a
// failed write leaves both memory and disk untouched.
import { armKey } from './ids.ts';
import type { KindMap } from './kinds.ts';
import { AZURE_KINDS, parentOf } from './kinds.ts';
import { SortedIndex } from './sorted-index.ts';

export type Kind = keyof KindMap;
export type Entity<K extends Kind> = KindMap[K];

export const DELETED = Symbol('deleted');
type Slot = unknown;

export function keyOf(kind: Kind, id: string): string {
  return AZURE_KINDS.has(kind) ? armKey(id) : id;
}

export interface ReadView {
  get<K extends Kind>(kind: K, id: string): Entity<K> | undefined;
  list<K extends Kind>(kind: K): Entity<K>[];
  /** Entities of `kind` whose parent (see kinds.ts) is `parentId`. */
  children<K extends Kind>(kind: K, parentId: string): Entity<K>[];
}

export interface ChangeEntry {
  kind: Kind;
  key: string;
  before: unknown;
  after: unknown; // undefined = deleted
}

/**
 * How `get` finds a kind's entities: by key, and for Azure kinds also by the id exactly as stored, so
 * the usual lookup (an id copied from another entity) needs no case folding. Same rows as `tables`.
 */
interface Lookup { byKey: Map<string, Slot>; byId: Map<string, Slot> | undefined }

const idOf = (entity: unknown): unknown => (entity as { id?: unknown }).id;

export class World implements ReadView {
  private readonly tables = new Map<Kind, Map<string, Slot>>();
  private readonly lookups = new Map<Kind, Lookup>();
  private readonly parentIndex = new Map<Kind, Map<string, Set<string>>>();
  /** Sorted indexes asked for (by lists), per kind and field; kept up to date by apply(). */
  private readonly sortedIndexes = new Map<Kind, Map<string, SortedIndex>>();

  table(kind: Kind): Map<string, Slot> {
    let t = this.tables.get(kind);
    if (!t) {
      this.tables.set(kind, (t = new Map<string, Slot>()));
      this.lookups.set(kind, { byKey: t, byId: AZURE_KINDS.has(kind) ? new Map<string, Slot>() : undefined });
    }
    return t;
  }

  get<K extends Kind>(kind: K, id: string): Entity<K> | undefined {
    const l = this.lookups.get(kind);
    if (l === undefined) return undefined;
    if (l.byId === undefined) return l.byKey.get(id) as Entity<K> | undefined; // keyOf(kind, id) is the id itself
    return (l.byId.get(id) ?? l.byKey.get(armKey(id))) as Entity<K> | undefined;
  }

  list<K extends Kind>(kind: K): Entity<K>[] {
    return [...(this.tables.get(kind)?.values() ?? [])] as Entity<K>[];
  }

  children<K extends Kind>(kind: K, parentId: string): Entity<K>[] {
    const keys = this.parentIndex.get(kind)?.get(keyOf(kind, parentId));
    if (!keys) return [];
    const t = this.table(kind);
    return [...keys].map((k) => t.get(k) as Entity<K>);
  }

  childKeys(kind: Kind, parentId: string): ReadonlySet<string> | undefined {
    return this.parentIndex.get(kind)?.get(keyOf(kind, parentId));
  }

  /**
   * The entities of `kind` sorted by a string field (then id), per compartment. Built on first use
   * (O(N log N)), then maintained by every commit, so a list page costs a binary search and a walk.
   */
  sortedIndex(kind: Kind, field: 'timeCreated' | 'displayName'): SortedIndex {
    let byField = this.sortedIndexes.get(kind);
    if (!byField) this.sortedIndexes.set(kind, (byField = new Map<string, SortedIndex>()));
    let index = byField.get(field);
    if (!index) {
      const built = new SortedIndex((e) => {
        const v = (e as Record<string, unknown>)[field];
        return typeof v === 'string' ? v : '';
      });
      for (const [key, entity] of this.table(kind)) built.add(entity, key);
      byField.set(field, (index = built));
    }
    return index;
  }

  kinds(): Kind[] {
    return [...this.tables.keys()];
  }

  count(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.size;
    return n;
  }

  /** Merges committed changes. Only the engine calls this, after the store accepted them. */
  apply(changes: readonly ChangeEntry[]): void {
    for (const c of changes) {
      const t = this.table(c.kind);
      const byId = this.lookups.get(c.kind)?.byId;
      const sorted = this.sortedIndexes.get(c.kind);
      // The change's `before` is what the table held when the unit of work began; the table's
      // current value is what the indexes hold (they are the same unless one commit changes a key twice).
      const held = t.get(c.key);
      if (held !== undefined) {
        this.unindex(c.kind, c.key, held);
        if (sorted) for (const index of sorted.values()) index.remove(held);
        const id = idOf(held);
        if (byId && typeof id === 'string') byId.delete(id);
      }
      if (c.after === undefined) t.delete(c.key);
      else {
        t.set(c.key, c.after);
        this.index(c.kind, c.key, c.after);
        if (sorted) for (const index of sorted.values()) index.add(c.after, c.key);
        const id = idOf(c.after);
        if (byId && typeof id === 'string') byId.set(id, c.after);
      }
    }
  }

  clear(): void {
    this.tables.clear();
    this.lookups.clear();
    this.parentIndex.clear();
    this.sortedIndexes.clear();
  }

  private index(kind: Kind, key: string, entity: unknown): void {
    const parent = parentOf(kind, entity);
    if (parent === undefined) return;
    let byParent = this.parentIndex.get(kind);
    if (!byParent) this.parentIndex.set(kind, (byParent = new Map<string, Set<string>>()));
    const pk = keyOf(kind, parent);
    let set = byParent.get(pk);
    if (!set) byParent.set(pk, (set = new Set()));
    set.add(key);
  }

  private unindex(kind: Kind, key: string, entity: unknown): void {
    const parent = parentOf(kind, entity);
    if (parent === undefined) return;
    this.parentIndex.get(kind)?.get(keyOf(kind, parent))?.delete(key);
  }
}

/**
 * Something derived from the children of one parent (e.g. the prefixes of a VCN's subnets), for
 * checks a unit of work repeats on every write: built once from the children, then told of each
 * child written after, so N creates under one parent cost N updates instead of N scans.
 */
export interface ChildIndex {
  add(entity: unknown): void;
  remove(entity: unknown): void;
}

/** A write overlay on a World. Reads see the overlay first. */
export class Overlay implements ReadView {
  private readonly writes = new Map<Kind, Map<string, Slot>>();
  /** Written keys by (kind, parent key), so children() stays linear in the answer, not in the writes. */
  private readonly writtenChildren = new Map<Kind, Map<string, Set<string>>>();
  /** Child indexes asked for in this overlay, by kind, parent key and name. */
  private readonly childIndexes = new Map<Kind, Map<string, Map<string, ChildIndex>>>();

  constructor(private readonly base: World) {}

  get<K extends Kind>(kind: K, id: string): Entity<K> | undefined {
    const key = keyOf(kind, id);
    const w = this.writes.get(kind);
    if (w?.has(key)) {
      const v = w.get(key);
      return v === DELETED ? undefined : (v as Entity<K>);
    }
    return this.base.table(kind).get(key) as Entity<K> | undefined;
  }

  list<K extends Kind>(kind: K): Entity<K>[] {
    const w = this.writes.get(kind);
    const out: Entity<K>[] = [];
    for (const [key, v] of this.base.table(kind)) if (!w?.has(key)) out.push(v as Entity<K>);
    if (w) for (const v of w.values()) if (v !== DELETED) out.push(v as Entity<K>);
    return out;
  }

  children<K extends Kind>(kind: K, parentId: string): Entity<K>[] {
    const w = this.writes.get(kind);
    const out: Entity<K>[] = [];
    const pk = keyOf(kind, parentId);
    const baseKeys = this.base.childKeys(kind, parentId);
    const t = this.base.table(kind);
    if (baseKeys) for (const key of baseKeys) if (!w?.has(key)) out.push(t.get(key) as Entity<K>);
    const written = this.writtenChildren.get(kind)?.get(pk);
    if (w && written) {
      for (const key of written) {
        const v = w.get(key);
        if (v === undefined || v === DELETED) continue;
        const p = parentOf(kind, v);
        if (p !== undefined && keyOf(kind, p) === pk) out.push(v as Entity<K>);
      }
    }
    return out;
  }

  /**
   * The index `name` over the children of `kind` under `parentId`: built by `create` and filled from
   * the children on first use in this overlay, then kept current by every put and remove after.
   */
  childIndex<I extends ChildIndex>(kind: Kind, parentId: string, name: string, create: () => I): I {
    let byParent = this.childIndexes.get(kind);
    if (!byParent) this.childIndexes.set(kind, (byParent = new Map<string, Map<string, ChildIndex>>()));
    const pk = keyOf(kind, parentId);
    let byName = byParent.get(pk);
    if (!byName) byParent.set(pk, (byName = new Map<string, ChildIndex>()));
    const found = byName.get(name);
    if (found) return found as I;
    const index = create();
    for (const child of this.children(kind, parentId)) index.add(child);
    byName.set(name, index);
    return index;
  }

  /** Tells the child indexes of `entity`'s parent that it joins (or leaves) their children. */
  private reindex(kind: Kind, entity: unknown, change: 'add' | 'remove'): void {
    const parent = parentOf(kind, entity);
    if (parent === undefined) return;
    const indexes = this.childIndexes.get(kind)?.get(keyOf(kind, parent));
    if (indexes) for (const index of indexes.values()) index[change](entity);
  }

  put<K extends Kind>(kind: K, entity: Entity<K>): Entity<K> {
    const key = keyOf(kind, entity.id);
    if (this.childIndexes.has(kind)) {
      const held = this.get(kind, entity.id);
      if (held !== undefined) this.reindex(kind, held, 'remove');
      this.reindex(kind, entity, 'add');
    }
    this.slot(kind).set(key, entity);
    const parent = parentOf(kind, entity);
    if (parent !== undefined) {
      let byParent = this.writtenChildren.get(kind);
      if (!byParent) this.writtenChildren.set(kind, (byParent = new Map<string, Set<string>>()));
      const pk = keyOf(kind, parent);
      let set = byParent.get(pk);
      if (!set) byParent.set(pk, (set = new Set<string>()));
      set.add(key);
    }
    return entity;
  }

  remove(kind: Kind, id: string): void {
    if (this.childIndexes.has(kind)) {
      const held = this.get(kind, id);
      if (held !== undefined) this.reindex(kind, held, 'remove');
    }
    this.slot(kind).set(keyOf(kind, id), DELETED);
  }

  /** The net changes of this overlay against its base. */
  changes(): ChangeEntry[] {
    const out: ChangeEntry[] = [];
    for (const [kind, w] of this.writes) {
      const t = this.base.table(kind);
      for (const [key, v] of w) {
        const before = t.get(key);
        if (v === DELETED && before === undefined) continue;
        out.push({ kind, key, before, after: v === DELETED ? undefined : v });
      }
    }
    return out;
  }

  private slot(kind: Kind): Map<string, Slot> {
    let w = this.writes.get(kind);
    if (!w) this.writes.set(kind, (w = new Map<string, Slot>()));
    return w;
  }
}
