// Test fixture, not a product speaker: a peer that misbehaves on the wire, run inside an on-premises
// site's namespace (`ip netns exec NS node --import tsx bad-bgp-peer.ts …`). It listens on the site's
// address for the MSEE's connection (the daemon connects every connect-retry), then either answers
// the daemon's OPEN with a wrong AS (`bad-as`), or opens properly and sends an UPDATE whose attribute
// list claims more octets than the message holds (`bad-update`: RFC 4271 §6.3, RFC 7606 §4: the
// session must be reset). It prints one JSON line: the
// NOTIFICATION the daemon sent back ({code, subcode}) or what went wrong. Bounded by `timeoutMs`.
//   node --import tsx bad-bgp-peer.ts LISTEN_IP ASN bad-as|bad-update TIMEOUT_MS
import net from 'node:net';

const [listenIp = '', asnText = '', mode = '', timeoutText = '10000'] = process.argv.slice(2);
const asn = Number(asnText);

const MARKER = Buffer.alloc(16, 0xff);
function message(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(3);
  head.writeUInt16BE(19 + body.length, 0);
  head.writeUInt8(type, 2);
  return Buffer.concat([MARKER, head, body]);
}

/** OPEN: version 4, a 2-octet AS, hold 90 s, a BGP identifier, no optional parameters (plain IPv4 unicast). */
function open(as: number): Buffer {
  const b = Buffer.alloc(10);
  b.writeUInt8(4, 0);
  b.writeUInt16BE(as, 1);
  b.writeUInt16BE(90, 3);
  Buffer.from(listenIp.split('.').map(Number)).copy(b, 5);
  b.writeUInt8(0, 9);
  return message(1, b);
}

const keepalive = (): Buffer => message(4, Buffer.alloc(0));

/**
 * UPDATE: no withdrawals, then a Total Path Attribute Length of 200 where the message holds 4 octets of
 * attributes (ORIGIN IGP) and 172.16.0.0/16. The attribute list overruns the message, so the NLRI cannot
 * be located: RFC 7606 §4 leaves no treat-as-withdraw, the session is reset (an attribute whose own
 * length overruns the list, with the NLRI intact, is treated as a withdraw by BIRD 2: no NOTIFICATION).
 */
function badUpdate(): Buffer {
  const attrs = Buffer.from([0x40, 1, 1, 0]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0, 0);
  head.writeUInt16BE(200, 2);
  return message(2, Buffer.concat([head, attrs, Buffer.from([16, 172, 16])]));
}

function finish(result: Record<string, unknown>): never {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

setTimeout(() => finish({ error: `no NOTIFICATION within ${timeoutText} ms` }), Number(timeoutText)).unref();

const server = net.createServer((socket) => {
  server.close();
  let buf = Buffer.alloc(0);
  let opened = false;
  socket.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 19) {
      const len = buf.readUInt16BE(16);
      if (buf.length < len) return;
      const type = buf.readUInt8(18);
      const body = buf.subarray(19, len);
      buf = buf.subarray(len);
      if (type === 3) finish({ notification: { code: body.readUInt8(0), subcode: body.readUInt8(1) } });
      if (type === 1 && !opened) {
        opened = true;
        socket.write(open(mode === 'bad-as' ? asn + 1 : asn));
        if (mode === 'bad-update') socket.write(keepalive());
      } else if (type === 4 && mode === 'bad-update') {
        // The daemon's KEEPALIVE confirms our OPEN: the session is Established on its side.
        socket.write(badUpdate());
      }
    }
  });
  socket.on('error', (err) => finish({ error: err.message }));
  socket.on('close', () => finish({ error: 'closed without a NOTIFICATION' }));
});
server.on('error', (err) => finish({ error: err.message }));
server.listen(179, listenIp);
