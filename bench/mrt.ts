// An MRT TABLE_DUMP_V2 file (RFC 6396) of N IPv4 prefixes for `gobgp mrt inject global`, the
// reference's bulk load (reference/dataplane.md §7, mkmrt.py): one PEER_INDEX_TABLE, then one
// RIB_IPV4_UNICAST record per prefix with ORIGIN, a varied AS_PATH (1-4 ASNs, so GoBGP needs tens of
// thousands of UPDATEs as a real table does) and MED; GoBGP prepends the site's own ASN when it sends.
// The CLI exits before flushing its last batch (the final few hundred routes never arrive), so the
// file ends with `pad` copies of the last record, which change nothing.

const PEER = [192, 0, 2, 1];
/** ASNs for the paths: none is Microsoft's (12076: the MSEE would drop the route as a loop). */
const TRANSIT = [3356, 174, 1299, 6453, 2914];

function record(ts: number, subtype: number, body: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt32BE(ts, 0);
  head.writeUInt16BE(13, 4);
  head.writeUInt16BE(subtype, 6);
  head.writeUInt32BE(body.length, 8);
  return Buffer.concat([head, body]);
}

function attributes(i: number): Buffer {
  const path = Array.from({ length: 1 + (i % 4) }, (_, k) => (k === 0 ? 64512 + (i % 500) : (TRANSIT[(i + k) % TRANSIT.length] ?? 174)));
  const asPath = Buffer.alloc(2 + 4 * path.length);
  asPath.writeUInt8(2, 0);
  asPath.writeUInt8(path.length, 1);
  path.forEach((asn, k) => asPath.writeUInt32BE(asn, 2 + 4 * k));
  const med = Buffer.alloc(4);
  med.writeUInt32BE(i % 100, 0);
  return Buffer.concat([
    Buffer.from([0x40, 1, 1, 0]),
    Buffer.from([0x40, 2, asPath.length]), asPath,
    Buffer.from([0x40, 3, 4, ...PEER]),
    Buffer.from([0x80, 4, 4]), med,
  ]);
}

/** N prefixes of length `length` carved in order from `base` (an IPv4 address as a number). */
export function mrtTable(count: number, base: number, length: number, pad = 1024): Buffer {
  const ts = Math.floor(Date.now() / 1000);
  const peer = Buffer.concat([Buffer.from([...PEER, 0, 0, 0, 1, 0x02, ...PEER, ...PEER]), Buffer.from([0, 0, 0xfd, 0xe8])]);
  const parts: Buffer[] = [record(ts, 1, peer)];
  const bytes = Math.ceil(length / 8);
  let last: Buffer | undefined;
  for (let i = 0; i < count; i++) {
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE((base + i * 2 ** (32 - length)) >>> 0, 0);
    const attrs = attributes(i);
    const entry = Buffer.alloc(8);
    entry.writeUInt16BE(0, 0);
    entry.writeUInt32BE(ts, 2);
    entry.writeUInt16BE(attrs.length, 6);
    const seq = Buffer.alloc(5);
    seq.writeUInt32BE(i, 0);
    seq.writeUInt8(length, 4);
    last = record(ts, 2, Buffer.concat([seq, prefix.subarray(0, bytes), Buffer.from([0, 1]), entry, attrs]));
    parts.push(last);
  }
  for (let i = 0; i < pad && last !== undefined; i++) parts.push(last);
  return Buffer.concat(parts);
}
