// IPv4 prefixes as (network, length) integer pairs: parsing and validation go through ipaddr.js;
// the integer form keeps containment and overlap checks cheap for enterprise-sized worlds.
import ipaddr from 'ipaddr.js';

export interface Ipv4Prefix {
  readonly network: number; // unsigned 32-bit network address
  readonly length: number; // 0..32
}

export type CidrProblem = 'syntax' | 'not-ipv4' | 'host-bits-set';

export type CidrParse = { ok: true; prefix: Ipv4Prefix } | { ok: false; problem: CidrProblem };

const maskOf = (length: number): number => (length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0);

/**
 * Strict dotted-quad parse ("10.0.0.1"; no leading zeros, each part 0–255). Hand-written because it
 * runs several times per trace hop; ipaddr.js's general parser was a third of trace time.
 */
export function ipToInt(ip: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= ip.length; i++) {
    const c = i === ip.length ? 46 : ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || parts === 4) return undefined;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return undefined; // leading zero
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255) return undefined;
    } else {
      return undefined;
    }
  }
  return parts === 4 ? value >>> 0 : undefined;
}

export function intToIp(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Parses "a.b.c.d/n". With `strict`, host bits must be zero (as both clouds require for CIDR blocks). */
export function parseCidr(text: string, strict = true): CidrParse {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return { ok: false, problem: ipaddr.isValidCIDR(text) ? 'not-ipv4' : 'syntax' };
  const address = ipToInt(match[1] ?? '');
  const length = Number(match[2]);
  if (address === undefined || length > 32) return { ok: false, problem: 'syntax' };
  const network = (address & maskOf(length)) >>> 0;
  if (strict && network !== address) return { ok: false, problem: 'host-bits-set' };
  return { ok: true, prefix: { network, length } };
}

/** Parses an address with an optional mask ("10.0.0.1/30"), keeping the host part. */
export function parseInterfaceAddress(text: string): { address: number; length: number } | undefined {
  const [ip, len] = text.split('/');
  const address = ipToInt(ip ?? '');
  const length = len === undefined ? 32 : Number(len);
  if (address === undefined || !Number.isInteger(length) || length < 0 || length > 32) return undefined;
  return { address, length };
}

export function prefixOf(address: number, length: number): Ipv4Prefix {
  return { network: (address & maskOf(length)) >>> 0, length };
}

export function formatPrefix(p: Ipv4Prefix): string {
  return `${intToIp(p.network)}/${p.length}`;
}

export function sizeOf(p: Ipv4Prefix): number {
  return 2 ** (32 - p.length);
}

export function lastAddress(p: Ipv4Prefix): number {
  return (p.network + sizeOf(p) - 1) >>> 0;
}

export function containsAddress(p: Ipv4Prefix, address: number): boolean {
  return ((address & maskOf(p.length)) >>> 0) === p.network;
}

/** True when `inner` lies entirely inside `outer`. */
export function containsPrefix(outer: Ipv4Prefix, inner: Ipv4Prefix): boolean {
  return inner.length >= outer.length && containsAddress(outer, inner.network);
}

/**
 * The items whose prefix lies inside `outer`, from items sorted by network address: a binary search
 * to the first network at or above `outer`'s, then a scan to its last address. Keeps their order.
 */
export function sortedWithin<T>(sorted: readonly T[], outer: Ipv4Prefix, prefixOf: (item: T) => Ipv4Prefix): T[] {
  const end = lastAddress(outer);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = sorted[mid];
    if (item !== undefined && prefixOf(item).network < outer.network) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < sorted.length; i++) {
    const item = sorted[i];
    if (item === undefined || prefixOf(item).network > end) break;
    if (containsPrefix(outer, prefixOf(item))) out.push(item);
  }
  return out;
}

export function overlaps(a: Ipv4Prefix, b: Ipv4Prefix): boolean {
  return containsPrefix(a, b) || containsPrefix(b, a);
}

/** The n-th address of a prefix (0 = network address). */
export function nthAddress(p: Ipv4Prefix, n: number): number {
  return (p.network + n) >>> 0;
}

/** Convenience for code that already validated its input. Throws on bad input. */
export function cidr(text: string): Ipv4Prefix {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`invalid CIDR ${text}: ${parsed.problem}`);
  return parsed.prefix;
}
