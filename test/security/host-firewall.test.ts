// The guest firewall a lab declares on a VM: hand-worked cases, then a property test against a
// naive reading of the entries (string splitting per packet, no compilation, no cache).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluateHostFirewall } from '../../src/security/host-firewall.ts';
import type { Packet, SecurityDecision } from '../../src/security/types.ts';
import type { HostFirewall } from '../../src/model/oci/compute.ts';

const SRC = 0x0a140104;
const DST = 0x0a000105;
const tcp = (dstPort: number): Packet => ({ protocol: 'tcp', src: SRC, dst: DST, srcPort: 40000, dstPort });
const udp = (dstPort: number): Packet => ({ protocol: 'udp', src: SRC, dst: DST, srcPort: 40000, dstPort });
const ping: Packet = { protocol: 'icmp', src: SRC, dst: DST, icmpType: 8, icmpCode: 0 };

void test('host firewall: absent means no filtering', () => {
  for (const p of [tcp(22), udp(53), ping]) assert.deepEqual(evaluateHostFirewall(p), { allowed: true, reason: 'NO_FILTER' });
});

void test('host firewall: ICMP passes iff allowIcmp or an "icmp" entry', () => {
  assert.deepEqual(evaluateHostFirewall(ping, { allowIcmp: false }), { allowed: false, reason: 'RULE_DENY', rule: 'host firewall' });
  assert.deepEqual(evaluateHostFirewall(ping, { allowIcmp: true }), { allowed: true, reason: 'RULE_ALLOW', rule: 'host firewall' });
  assert.equal(evaluateHostFirewall(ping, { allowIcmp: false, allowInbound: ['tcp/22', 'icmp'] }).allowed, true);
  assert.equal(evaluateHostFirewall(ping, { allowIcmp: false, allowInbound: ['tcp/22'] }).allowed, false);
});

void test('host firewall: without allowInbound every TCP/UDP port is open; with it only listed ports and protocols', () => {
  assert.equal(evaluateHostFirewall(tcp(8443), { allowIcmp: false }).allowed, true);
  assert.equal(evaluateHostFirewall(udp(123), { allowIcmp: false }).allowed, true);
  const fw: HostFirewall = { allowIcmp: true, allowInbound: ['tcp/22', 'udp/53', 'tcp/1521-1522'] };
  assert.equal(evaluateHostFirewall(tcp(22), fw).allowed, true);
  assert.equal(evaluateHostFirewall(udp(22), fw).allowed, false, 'tcp/22 does not open udp/22');
  assert.equal(evaluateHostFirewall(udp(53), fw).allowed, true);
  assert.equal(evaluateHostFirewall(tcp(53), fw).allowed, false);
  assert.equal(evaluateHostFirewall(tcp(1521), fw).allowed, true);
  assert.equal(evaluateHostFirewall(tcp(1522), fw).allowed, true);
  assert.equal(evaluateHostFirewall(tcp(1523), fw).allowed, false);
  assert.equal(evaluateHostFirewall({ protocol: 'tcp', src: SRC, dst: DST }, fw).allowed, false, 'no port, no match');
  assert.equal(evaluateHostFirewall(tcp(22), { allowIcmp: true, allowInbound: [] }).allowed, false, 'an empty list closes everything');
});

// ── naive reference ──────────────────────────────────────────────────────────────────────────────

function naive(p: Packet, fw?: HostFirewall): SecurityDecision {
  if (!fw) return { allowed: true, reason: 'NO_FILTER' };
  let allowed: boolean;
  if (p.protocol === 'icmp') {
    allowed = fw.allowIcmp || (fw.allowInbound ?? []).includes('icmp');
  } else if (fw.allowInbound === undefined) {
    allowed = true;
  } else {
    allowed = fw.allowInbound.some((entry) => {
      const [proto, ports] = entry.split('/');
      if (proto !== p.protocol || ports === undefined || p.dstPort === undefined) return false;
      const [lo = '', hi] = ports.split('-');
      return p.dstPort >= parseInt(lo, 10) && p.dstPort <= parseInt(hi ?? lo, 10);
    });
  }
  return { allowed, reason: allowed ? 'RULE_ALLOW' : 'RULE_DENY', rule: 'host firewall' };
}

const portArb = fc.integer({ min: 1, max: 30 });
const entryArb = fc.oneof(
  fc.constant('icmp'),
  fc.tuple(fc.constantFrom('tcp', 'udp'), portArb).map(([p, n]) => `${p}/${n}`),
  fc.tuple(fc.constantFrom('tcp', 'udp'), portArb, portArb).map(([p, a, b]) => `${p}/${Math.min(a, b)}-${Math.max(a, b)}`),
);
const fwArb: fc.Arbitrary<HostFirewall | undefined> = fc.option(
  fc.record({ allowIcmp: fc.boolean(), allowInbound: fc.array(entryArb, { maxLength: 5 }) }, { requiredKeys: ['allowIcmp'] }),
  { nil: undefined, freq: 6 },
);
const packetArb: fc.Arbitrary<Packet> = fc.record({
  protocol: fc.constantFrom('icmp' as const, 'tcp' as const, 'udp' as const),
  src: fc.constant(SRC),
  dst: fc.constant(DST),
  dstPort: portArb,
}, { requiredKeys: ['protocol', 'src', 'dst'] });

void test('property: evaluateHostFirewall agrees with the naive reading of the entries', () => {
  fc.assert(fc.property(fwArb, fc.array(packetArb, { minLength: 1, maxLength: 10 }), (fw, packets) => {
    for (const p of packets) assert.deepEqual(evaluateHostFirewall(p, fw), naive(p, fw));
  }), { numRuns: 300 });
});
