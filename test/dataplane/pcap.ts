// Reads a pcap file (libpcap format, Ethernet link type) just enough to count ICMP echo requests and
// replies: what a capture test needs to know it holds the packets it saw go by.
const ETHERTYPE_IPV4 = 0x0800;
const PROTO_ICMP = 1;

export function icmpRecords(buf: Buffer): { records: number; requests: number; replies: number } {
  if (buf.length < 24) throw new Error(`not a pcap file (${buf.length} bytes)`);
  const magic = buf.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!le && buf.readUInt32BE(0) !== 0xa1b2c3d4 && buf.readUInt32BE(0) !== 0xa1b23c4d) throw new Error(`not a pcap file (magic ${magic.toString(16)})`);
  const u32 = (o: number): number => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  if (u32(20) !== 1) throw new Error(`link type ${u32(20)}, not Ethernet`);
  let records = 0;
  let requests = 0;
  let replies = 0;
  for (let o = 24; o + 16 <= buf.length;) {
    const caplen = u32(o + 8);
    const frame = buf.subarray(o + 16, o + 16 + caplen);
    o += 16 + caplen;
    records++;
    if (frame.length < 14 + 20 || frame.readUInt16BE(12) !== ETHERTYPE_IPV4) continue;
    const ihl = ((frame[14] ?? 0) & 0x0f) * 4;
    if (frame[14 + 9] !== PROTO_ICMP) continue;
    const type = frame[14 + ihl];
    if (type === 8) requests++;
    if (type === 0) replies++;
  }
  return { records, requests, replies };
}
