// Small numeric helpers shared by the evaluators: protocol numbers, prefix masks, port ranges and the
// reply of a packet. Everything here works on integers so the hot loops never touch strings.
import type { Direction, Packet, Protocol } from './types.ts';

/** IANA protocol numbers of the packets we model (OCI rules name protocols this way). */
export const PROTOCOL_NUMBER: Readonly<Record<Protocol, number>> = { icmp: 1, tcp: 6, udp: 17 };

/**
 * Netmask of a prefix length as a signed 32-bit integer: `(ip & mask) === net` then compares without
 * `>>> 0` on the hot path (both sides are int32 after `&`).
 */
export function maskOfLength(length: number): number {
  return length <= 0 ? 0 : length >= 32 ? -1 : (-1 << (32 - length)) | 0;
}

/** A port inside an inclusive range; a packet without that port never matches a port restriction. */
export function portIn(port: number | undefined, lo: number, hi: number): boolean {
  return port !== undefined && port >= lo && port <= hi;
}

export function oppositeDirection(direction: Direction): Direction {
  return direction === 'ingress' ? 'egress' : 'ingress';
}

/** ICMP queries and their replies (echo, timestamp, information, address mask). Errors have no reply. */
export const ICMP_REPLY_TYPE: ReadonlyMap<number, number> = new Map([[8, 0], [13, 14], [15, 16], [17, 18]]);

/**
 * The reply of a packet: addresses and ports swapped; an ICMP query becomes its reply type (8 → 0).
 * Other ICMP types keep type and code (the tracked-connection check does not look at them).
 */
export function replyPacket(p: Packet): Packet {
  const reply: Packet = { protocol: p.protocol, src: p.dst, dst: p.src };
  if (p.dstPort !== undefined) reply.srcPort = p.dstPort;
  if (p.srcPort !== undefined) reply.dstPort = p.srcPort;
  if (p.icmpType !== undefined) reply.icmpType = ICMP_REPLY_TYPE.get(p.icmpType) ?? p.icmpType;
  if (p.icmpCode !== undefined) reply.icmpCode = p.icmpCode;
  return reply;
}

/**
 * Same elements by identity, in order. Compiled rule sets cache a private copy of the rule array they
 * came from and reuse it when a caller passes a fresh array of the same (immutable) rule objects.
 */
export function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
