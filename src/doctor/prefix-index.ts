// Overlap queries over many prefixes without comparing every pair: prefixes that contain a given
// prefix are found by probing one hash map per prefix length (at most 33 probes), prefixes inside it
// by binary search over the networks sorted once.
import { sortedWithin, type Ipv4Prefix } from '../model/cidr.ts';

const MASKS = Array.from({ length: 33 }, (_, len) => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0));

export interface Tagged<T> {
  prefix: Ipv4Prefix;
  value: T;
}

export class PrefixIndex<T> {
  private readonly byLength = new Map<number, Map<number, Tagged<T>[]>>();
  private sorted: Tagged<T>[] | undefined;
  private readonly all: Tagged<T>[] = [];

  constructor(items: Iterable<Tagged<T>> = []) {
    for (const item of items) this.add(item.prefix, item.value);
  }

  get size(): number {
    return this.all.length;
  }

  add(prefix: Ipv4Prefix, value: T): void {
    const item = { prefix, value };
    this.all.push(item);
    let m = this.byLength.get(prefix.length);
    if (!m) this.byLength.set(prefix.length, (m = new Map<number, Tagged<T>[]>()));
    const list = m.get(prefix.network);
    if (list) list.push(item);
    else m.set(prefix.network, [item]);
    this.sorted = undefined;
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
    const sorted = (this.sorted ??= [...this.all].sort((a, b) => a.prefix.network - b.prefix.network || a.prefix.length - b.prefix.length));
    return sortedWithin(sorted, p, (item) => item.prefix);
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
}
