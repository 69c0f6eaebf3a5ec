// Longest-prefix-match table: one hash map per prefix length, probed from /32 down. At most 33
// probes per lookup whatever the table size, which keeps traces fast on enterprise route tables.
import type { Ipv4Prefix } from '../model/cidr.ts';

const MASKS = Array.from({ length: 33 }, (_, len) => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0));

/** Anything that answers a longest-prefix match (a Fib, or a layered view over several). */
export interface RouteLookup<T> {
  lookup(address: number): { length: number; value: T } | undefined;
}

export class Fib<T> implements RouteLookup<T> {
  private readonly byLength: (Map<number, T> | undefined)[] = new Array<Map<number, T> | undefined>(33).fill(undefined);
  private lengths: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds or replaces the entry for exactly this prefix. */
  set(prefix: Ipv4Prefix, value: T): void {
    let m = this.byLength[prefix.length];
    if (!m) {
      m = new Map();
      this.byLength[prefix.length] = m;
      this.lengths = [...this.lengths, prefix.length].sort((a, b) => b - a);
    }
    if (!m.has(prefix.network)) this.count++;
    m.set(prefix.network, value);
  }

  get(prefix: Ipv4Prefix): T | undefined {
    return this.byLength[prefix.length]?.get(prefix.network);
  }

  /** The entry of the longest prefix containing `address`. */
  lookup(address: number): { length: number; value: T } | undefined {
    for (const length of this.lengths) {
      const v = this.byLength[length]?.get((address & (MASKS[length] ?? 0)) >>> 0);
      if (v !== undefined) return { length, value: v };
    }
    return undefined;
  }
}
