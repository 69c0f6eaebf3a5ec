// Small pieces of nftables match expressions shared by the security compilers: address sets made of
// disjoint prefixes (nft refuses overlapping interval elements), port ranges, and the two ways a rule
// is read: on the packet itself, or on a reply packet to ask what the rule said about its flow's
// first packet (addresses and ports swapped, an ICMP reply type mapped back to its query).
import { containsPrefix, formatPrefix, parseCidr, type Ipv4Prefix } from '../model/cidr.ts';
import { ICMP_REPLY_TYPE } from '../security/packet.ts';

/** The prefixes of `texts` that no other one contains, in address order; unparsable entries are dropped. */
export function disjointPrefixes(texts: readonly string[]): string[] {
  const parsed: Ipv4Prefix[] = [];
  for (const t of texts) {
    const p = parseCidr(t.includes('/') ? t : `${t}/32`, false);
    if (p.ok) parsed.push({ network: mask(p.prefix), length: p.prefix.length });
  }
  parsed.sort((a, b) => a.network - b.network || a.length - b.length);
  const out: Ipv4Prefix[] = [];
  for (const p of parsed) {
    const last = out[out.length - 1];
    if (last && containsPrefix(last, p)) continue;
    out.push(p);
  }
  return out.map(formatPrefix);
}

const mask = (p: Ipv4Prefix): number => (p.length === 0 ? 0 : (p.network & (~0 << (32 - p.length))) >>> 0);

/** `{ a, b }` for nft, or the single element as it is. */
export function nftSet(elements: readonly string[]): string {
  return elements.length === 1 ? (elements[0] ?? '') : `{ ${elements.join(', ')} }`;
}

/** A port range as nft writes it ("22", "1024-65535"). */
export const portRange = (lo: number, hi: number): string => (lo === hi ? String(lo) : `${lo}-${hi}`);

/**
 * Which fields a rule reads. `packet`: the packet as it is. `flow`: a reply packet, read as the first
 * packet of its flow (what the rule saw when the flow began): source and destination swapped, ports
 * swapped, an ICMP reply type read as its query.
 */
export type View = 'packet' | 'flow';

export const srcAddr = (view: View): string => (view === 'packet' ? 'ip saddr' : 'ip daddr');
export const dstAddr = (view: View): string => (view === 'packet' ? 'ip daddr' : 'ip saddr');
export const dstPort = (view: View): string => (view === 'packet' ? 'th dport' : 'th sport');
export const srcPort = (view: View): string => (view === 'packet' ? 'th sport' : 'th dport');

/** The ICMP type (paired as the engine pairs them) a packet of this view carries when the flow's first packet had `type`. */
export const icmpTypeIn = (view: View, type: number): number => (view === 'packet' ? type : ICMP_REPLY_TYPE.get(type) ?? type);
