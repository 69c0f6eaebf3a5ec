// Keys of one kind's entities kept sorted by a sort key, one sorted run per compartment, so a page
// of a list is a binary search plus a walk of the page instead of a sort of the whole collection.
// The World keeps an index up to date on every commit once someone asked for it.

/** One position: the sort key, then the id as the tie-break (the order OCI page tokens use). */
export interface SortedEntry {
  readonly sort: string;
  readonly id: string;
  /** The World's key of the entity (the id for OCI kinds). */
  readonly key: string;
}

export type SortKeyOf = (entity: unknown) => string;

interface Indexed {
  id: string;
  compartmentId?: string;
}

/** Orders (sort key, id) pairs; the same comparison the list protocol uses for its tokens. */
export function comparePositions(aSort: string, aId: string, bSort: string, bId: string): number {
  if (aSort !== bSort) return aSort < bSort ? -1 : 1;
  if (aId !== bId) return aId < bId ? -1 : 1;
  return 0;
}

/** The first index whose entry is not before (sort, id). */
export function lowerBound(run: readonly SortedEntry[], sort: string, id: string): number {
  let lo = 0;
  let hi = run.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = run[mid] as SortedEntry;
    if (comparePositions(e.sort, e.id, sort, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const NO_ENTRIES: readonly SortedEntry[] = [];

export class SortedIndex {
  private readonly runs = new Map<string, SortedEntry[]>();

  constructor(private readonly sortKeyOf: SortKeyOf) {}

  /** The entries of one compartment, ascending. Read-only: the index owns the array. */
  inCompartment(compartmentId: string): readonly SortedEntry[] {
    return this.runs.get(compartmentId) ?? NO_ENTRIES;
  }

  add(entity: unknown, key: string): void {
    const e = entity as Indexed;
    const compartment = e.compartmentId ?? '';
    let run = this.runs.get(compartment);
    if (!run) this.runs.set(compartment, (run = []));
    const sort = this.sortKeyOf(entity);
    run.splice(lowerBound(run, sort, e.id), 0, { sort, id: e.id, key });
  }

  remove(entity: unknown): void {
    const e = entity as Indexed;
    const run = this.runs.get(e.compartmentId ?? '');
    if (!run) return;
    const sort = this.sortKeyOf(entity);
    const at = lowerBound(run, sort, e.id);
    const found = run[at];
    if (found !== undefined && found.sort === sort && found.id === e.id) run.splice(at, 1);
  }
}
