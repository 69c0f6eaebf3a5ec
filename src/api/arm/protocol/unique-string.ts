// uniqueString() and guid(): ARM's deterministic hashes of their string arguments, joined by '-'.
// Neither is published as code by Microsoft; both are described in public reimplementations that
// reproduce Azure's output (sources and known input/output pairs: docs/template-functions.md):
// - uniqueString: a 64-bit MurmurHash variant (two 32-bit lanes over 8-byte blocks of the UTF-8
//   text, seed 0), whose top 65 bits are written as 13 characters of RFC 4648 base32, lowercase.
// - guid: an RFC 4122 version-5 (SHA-1, name-based) UUID in the namespace
//   11fb06fb-712d-4ddd-98c7-e71bbd588830, as Microsoft's Bicep documentation describes guid().
import { createHash } from 'node:crypto';

const C1 = 0xab0e9789;
const C2 = 0x239b961b;
const FMIX1 = 0x85ebca6b;
const FMIX2 = 0xc2b2ae35;

const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
const mul = (a: number, b: number): number => Math.imul(a, b) >>> 0;

function fmix(h: number): number {
  let x = mul(h ^ (h >>> 16), FMIX1);
  x = mul(x ^ (x >>> 13), FMIX2);
  return (x ^ (x >>> 16)) >>> 0;
}

function lane1(k: number): number {
  return mul(rotl(mul(k, C2), 15), C1);
}

function lane2(k: number): number {
  return mul(rotl(mul(k, C1), 17), C2);
}

/** Little-endian bytes from `at`, at most `count` of them (a short tail reads fewer). */
function word(bytes: Uint8Array, at: number, count: number): number {
  let k = 0;
  for (let i = Math.min(count, bytes.length - at) - 1; i >= 0; i--) k = ((k << 8) | (bytes[at + i] ?? 0)) >>> 0;
  return k;
}

/** The 64-bit hash, as [high, low] 32-bit halves. */
function murmur64(bytes: Uint8Array): [number, number] {
  let h1 = 0;
  let h2 = 0;
  let at = 0;
  for (; at + 8 <= bytes.length; at += 8) {
    h1 = (rotl((h1 ^ lane1(word(bytes, at, 4))) >>> 0, 19) + h2) >>> 0;
    h1 = (mul(h1, 5) + 0x561ccd1b) >>> 0;
    h2 = (rotl((h2 ^ lane2(word(bytes, at + 4, 4))) >>> 0, 13) + h1) >>> 0;
    h2 = (mul(h2, 5) + 0x0bcaa747) >>> 0;
  }
  const rest = bytes.length - at;
  if (rest > 0) {
    h1 = (h1 ^ lane1(word(bytes, at, 4))) >>> 0;
    if (rest > 4) h2 = (h2 ^ lane2(word(bytes, at + 4, 4))) >>> 0;
  }
  const length = bytes.length >>> 0;
  const r0 = (h2 ^ length) >>> 0;
  let r1 = (((h1 ^ length) >>> 0) + r0) >>> 0;
  let r2 = (r0 + r1) >>> 0;
  r1 = fmix(r1);
  r2 = fmix(r2);
  r1 = (r1 + r2) >>> 0;
  r2 = (r2 + r1) >>> 0;
  return [r2, r1];
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** uniqueString(a, b, ...): 13 base32 characters of the hash of "a-b-...". */
export function uniqueString(parts: readonly string[]): string {
  const [high, low] = murmur64(Buffer.from(parts.join('-'), 'utf8'));
  let h = (BigInt(high) << 32n) | BigInt(low);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out += BASE32[Number((h >> 59n) & 31n)] ?? '';
    h = (h << 5n) & 0xffffffffffffffffn;
  }
  return out;
}

const GUID_NAMESPACE = Buffer.from('11fb06fb712d4ddd98c7e71bbd588830', 'hex');

/** guid(a, b, ...): the version-5 UUID of "a-b-..." in ARM's namespace. */
export function armGuid(parts: readonly string[]): string {
  const hash = createHash('sha1').update(GUID_NAMESPACE).update(parts.join('-'), 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
