// Overlap queries over many prefixes without comparing every pair: prefixes that contain a given
// prefix are found by probing one hash map per prefix length (at most 33 probes), prefixes inside it
// by binary search over the networks in order. The order is built once on the first query, then kept
// by inserting and removing in place, so an index that grows between queries (every subnet a lab
// creates is checked against its siblings, then joins them) costs a binary search per change, not a sort.
import { sortedWithin, type Ipv4Prefix } from './cidr.ts';

const MASKS = Array.from({ length: 33 }, (_, len) => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0));

export interface Tagged<T> {
  prefix: Ipv4Prefix;
  value: T;
}

const before = (a: Ipv4Prefix, b: Ipv4Prefix): boolean => a.network < b.network || (a.network === b.network && a.length < b.length);

/** The first position in `sorted` whose prefix is not before `p`. */
function lowerBound<T>(sorted: readonly Tagged<T>[], p: Ipv4Prefix): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = sorted[mid];
    if (item !== undefined && before(item.prefix, p)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class PrefixIndex<T> {
  private readonly byLength = new Map<number, Map<number, Tagged<T>[]>>();
  /** Every entry by (network, length); undefined until a query needs it. */
  private sorted: Tagged<T>[] | undefined;
  private count = 0;

  constructor(items: Iterable<Tagged<T>> = []) {
    for (const item of items) this.add(item.prefix, item.value);
  }

  get size(): number {
    return this.count;
  }

  add(prefix: Ipv4Prefix, value: T): void {
    const item = { prefix, value };
    this.count += 1;
    let m = this.byLength.get(prefix.length);
    if (!m) this.byLength.set(prefix.length, (m = new Map<number, Tagged<T>[]>()));
    const list = m.get(prefix.network);
    if (list) list.push(item);
    else m.set(prefix.network, [item]);
    this.sorted?.splice(lowerBound(this.sorted, prefix), 0, item);
  }

  /** Removes one entry with this prefix and value (compared with ===); false when there is none. */
  remove(prefix: Ipv4Prefix, value: T): boolean {
    const m = this.byLength.get(prefix.length);
    const list = m?.get(prefix.network);
    const at = list?.findIndex((x) => x.value === value) ?? -1;
    if (m === undefined || list === undefined || at < 0) return false;
    const [item] = list.splice(at, 1);
    if (list.length === 0) m.delete(prefix.network);
    this.count -= 1;
    if (this.sorted) {
      for (let i = lowerBound(this.sorted, prefix); i < this.sorted.length; i++) {
        if (this.sorted[i] === item) {
          this.sorted.splice(i, 1);
          break;
        }
      }
    }
    return true;
  }

  /** Entries whose prefix contains `p` (including p itself). */
  containing(p: Ipv4Prefix): Tagged<T>[] {
    const out: Tagged<T>[] = [];
    for (const [length, m] of this.byLength) {
      if (length > p.length) continue;
      const hit = m.get((p.network & (MASKS[length] ?? 0)) >>> 0);
      if (hit) out.push(...hit);
    }
    return out;
  }

  /** Entries whose prefix lies inside `p` (including p itself). */
  within(p: Ipv4Prefix): Tagged<T>[] {
    return sortedWithin(this.inOrder(), p, (item) => item.prefix);
  }

  /** Entries overlapping `p`, each once. */
  overlapping(p: Ipv4Prefix): Tagged<T>[] {
    const seen = new Set<Tagged<T>>();
    for (const x of this.containing(p)) seen.add(x);
    for (const x of this.within(p)) seen.add(x);
    return [...seen];
  }

  overlaps(p: Ipv4Prefix): boolean {
    return this.containing(p).length > 0 || this.within(p).length > 0;
  }

  private inOrder(): Tagged<T>[] {
    if (this.sorted === undefined) {
      const all: Tagged<T>[] = [];
      for (const m of this.byLength.values()) for (const list of m.values()) all.push(...list);
      this.sorted = all.sort((a, b) => a.prefix.network - b.prefix.network || a.prefix.length - b.prefix.length);
    }
    return this.sorted;
  }
}
