// OCI VNIC security (security lists ∪ NSGs): hand-worked cases for each rule feature, then a property
// test against a deliberately naive reference (straight loops over the raw rules, CIDRs compared as
// bit-strings) so the compiled, cached evaluator cannot drift from the plain reading of the rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluateOci, ociReplyAllowed, type NsgMembership, type OciNsgRules, type OciSecurityListRules, type OciVnicSecurity } from '../../src/security/oci.ts';
import type { Direction, Packet, SecurityDecision } from '../../src/security/types.ts';
import type { EgressSecurityRule, IngressSecurityRule, NsgSecurityRule, PortOptions } from '../../src/model/oci/security.ts';
import { defaultSecurityRules } from '../../src/lifecycle/oci/vcn.ts';
import { ipToInt } from '../../src/model/cidr.ts';

const ip = (s: string): number => {
  const v = ipToInt(s);
  assert.ok(v !== undefined, s);
  return v;
};

const VCN = '10.0.0.0/16';
const VNET_HOST = ip('10.20.1.4');
const OCI_HOST = ip('10.0.1.5');

const list = (displayName: string, ingress: IngressSecurityRule[], egress: EgressSecurityRule[] = []): OciSecurityListRules => ({
  id: `ocid1.securitylist.oc1..${displayName}`, displayName, ingressSecurityRules: ingress, egressSecurityRules: egress,
});

let ruleSeq = 0;
const nsgRule = (nsgId: string, r: Partial<NsgSecurityRule> & Pick<NsgSecurityRule, 'direction' | 'protocol'>): NsgSecurityRule => ({
  id: `R${ruleSeq++}`, isStateless: false, isValid: true, timeCreated: '2025-01-01T00:00:00Z', fr: { nsgId }, ...r,
});
const nsg = (displayName: string, rules: (id: string) => NsgSecurityRule[]): OciNsgRules => {
  const id = `ocid1.networksecuritygroup.oc1..${displayName}`;
  return { id, displayName, rules: rules(id) };
};

const tcp = (src: number, dst: number, dstPort: number, srcPort = 40000): Packet => ({ protocol: 'tcp', src, dst, srcPort, dstPort });
const icmp = (src: number, dst: number, icmpType: number, icmpCode = 0): Packet => ({ protocol: 'icmp', src, dst, icmpType, icmpCode });

// ── hand-worked cases ────────────────────────────────────────────────────────────────────────────

const defaults = defaultSecurityRules([VCN]);
const defaultList = list('Default Security List for vcn-oci', defaults.ingress, defaults.egress);
const onlyDefaults: OciVnicSecurity = { securityLists: [defaultList], nsgs: [] };

void test('OCI default security list: 0.0.0.0/0 TCP 22 admits the other cloud (stateful), other TCP ports fall to default deny', () => {
  assert.deepEqual(evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 22), onlyDefaults), {
    allowed: true, reason: 'RULE_ALLOW', rule: 'Default Security List for vcn-oci ingress[0]', resource: defaultList.id, stateless: false,
  });
  assert.deepEqual(evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 1521), onlyDefaults), { allowed: false, reason: 'DEFAULT_DENY' });
  assert.equal(evaluateOci('ingress', { protocol: 'udp', src: VNET_HOST, dst: OCI_HOST, srcPort: 5000, dstPort: 22 }, onlyDefaults).allowed, false);
  // Ping from the VNet needs a rule of its own (Oracle's interconnect example adds ICMP 8 from the VNet CIDR).
  assert.equal(evaluateOci('ingress', icmp(VNET_HOST, OCI_HOST, 8), onlyDefaults).allowed, false);
  // The broad stateful egress rule lets the VCN reach anything.
  assert.deepEqual(evaluateOci('egress', tcp(OCI_HOST, VNET_HOST, 443), onlyDefaults).rule, 'Default Security List for vcn-oci egress[0]');
});

void test('OCI ICMP options: type 3 code 4 from anywhere, type 3 any code only from the VCN', () => {
  const d34 = evaluateOci('ingress', icmp(VNET_HOST, OCI_HOST, 3, 4), onlyDefaults);
  assert.equal(d34.rule, 'Default Security List for vcn-oci ingress[1]');
  assert.equal(evaluateOci('ingress', icmp(VNET_HOST, OCI_HOST, 3, 1), onlyDefaults).allowed, false, 'code 1 from outside the VCN');
  assert.equal(evaluateOci('ingress', icmp(ip('10.0.2.9'), OCI_HOST, 3, 1), onlyDefaults).rule, 'Default Security List for vcn-oci ingress[2]');
  assert.equal(evaluateOci('ingress', icmp(ip('10.0.2.9'), OCI_HOST, 4, 4), onlyDefaults).allowed, false, 'type 4 matches neither');
  assert.equal(evaluateOci('ingress', { protocol: 'icmp', src: VNET_HOST, dst: OCI_HOST }, onlyDefaults).allowed, false, 'no type: no ICMP-typed rule matches');
});

void test('OCI port options: destination and source ranges, tcp vs udp, protocol "all" and unsupported numbers', () => {
  const sl = list('sl-ports', [
    { protocol: '6', source: '10.20.0.0/16', sourceType: 'CIDR_BLOCK', isStateless: false, tcpOptions: { destinationPortRange: { min: 1521, max: 1522 }, sourcePortRange: { min: 1024, max: 65535 } } },
    { protocol: '17', source: '10.20.0.0/16', sourceType: 'CIDR_BLOCK', isStateless: false, udpOptions: { destinationPortRange: { min: 53, max: 53 } } },
    { protocol: '58', source: '0.0.0.0/0', sourceType: 'CIDR_BLOCK', isStateless: false },
  ]);
  const v: OciVnicSecurity = { securityLists: [sl], nsgs: [] };
  assert.equal(evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 1522), v).rule, 'sl-ports ingress[0]');
  assert.equal(evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 1523), v).allowed, false);
  assert.equal(evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 1521, 80), v).allowed, false, 'source port outside 1024-65535');
  assert.equal(evaluateOci('ingress', tcp(ip('10.21.0.1'), OCI_HOST, 1521), v).allowed, false, 'source outside the CIDR');
  assert.equal(evaluateOci('ingress', { protocol: 'udp', src: VNET_HOST, dst: OCI_HOST, srcPort: 5353, dstPort: 53 }, v).rule, 'sl-ports ingress[1]');
  assert.equal(evaluateOci('ingress', { protocol: 'udp', src: VNET_HOST, dst: OCI_HOST, srcPort: 5353, dstPort: 1521 }, v).allowed, false);
  assert.equal(evaluateOci('ingress', icmp(VNET_HOST, OCI_HOST, 8), v).allowed, false, 'ICMPv6 (58) never matches IPv4 ICMP');
  const all = list('sl-all', [{ protocol: 'all', source: '10.20.1.0/24', sourceType: 'CIDR_BLOCK', isStateless: false }]);
  for (const p of [tcp(VNET_HOST, OCI_HOST, 9), icmp(VNET_HOST, OCI_HOST, 8), { protocol: 'udp' as const, src: VNET_HOST, dst: OCI_HOST }]) {
    assert.equal(evaluateOci('ingress', p, { securityLists: [all], nsgs: [] }).rule, 'sl-all ingress[0]');
  }
});

void test('OCI egress rules match on the destination, ingress rules on the source', () => {
  const sl = list('sl-dir', [{ protocol: 'all', source: '10.20.0.0/16', sourceType: 'CIDR_BLOCK', isStateless: false }],
    [{ protocol: 'all', destination: '10.30.0.0/16', destinationType: 'CIDR_BLOCK', isStateless: false }]);
  const v: OciVnicSecurity = { securityLists: [sl], nsgs: [] };
  assert.equal(evaluateOci('egress', tcp(OCI_HOST, ip('10.30.0.1'), 22), v).rule, 'sl-dir egress[0]');
  assert.equal(evaluateOci('egress', tcp(OCI_HOST, VNET_HOST, 22), v).allowed, false);
  assert.equal(evaluateOci('ingress', tcp(ip('10.30.0.1'), OCI_HOST, 22), v).allowed, false);
});

void test('OCI stateless wins over stateful wherever each sits (list or NSG, earlier or later)', () => {
  const stateful = list('sl-stateful', [{ protocol: '6', source: '0.0.0.0/0', sourceType: 'CIDR_BLOCK', isStateless: false }]);
  const stateless = nsg('nsg-fast', (id) => [
    nsgRule(id, { direction: 'EGRESS', protocol: 'all', destination: '0.0.0.0/0', destinationType: 'CIDR_BLOCK' }),
    nsgRule(id, { direction: 'INGRESS', protocol: '6', source: '10.20.0.0/16', sourceType: 'CIDR_BLOCK', isStateless: true, tcpOptions: { destinationPortRange: { min: 22, max: 22 } } }),
  ]);
  const v: OciVnicSecurity = { securityLists: [stateful], nsgs: [stateless] };
  assert.deepEqual(evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 22), v), {
    allowed: true, reason: 'RULE_ALLOW', rule: 'nsg-fast ingress[0]', resource: stateless.id, stateless: true,
  });
  // Port 80 only matches the stateful list rule.
  assert.deepEqual(evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 80), v).stateless, false);
  // Two lists: a later stateless rule still beats an earlier stateful one.
  const later = list('sl-later', [{ protocol: 'all', source: '10.20.1.0/24', sourceType: 'CIDR_BLOCK', isStateless: true }]);
  assert.equal(evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 80), { securityLists: [stateful, later], nsgs: [] }).rule, 'sl-later ingress[0]');
});

void test('OCI NSG-to-NSG rules match when the peer belongs to the named NSG; isValid false never matches', () => {
  const db = nsg('nsg-db', () => []);
  const app = nsg('nsg-app', (id) => [
    nsgRule(id, { direction: 'EGRESS', protocol: '6', destination: db.id, destinationType: 'NETWORK_SECURITY_GROUP', tcpOptions: { destinationPortRange: { min: 1521, max: 1521 } } }),
    nsgRule(id, { direction: 'INGRESS', protocol: '6', source: db.id, destinationType: undefined, sourceType: 'NETWORK_SECURITY_GROUP' }),
    nsgRule(id, { direction: 'INGRESS', protocol: 'all', source: '0.0.0.0/0', sourceType: 'CIDR_BLOCK', isValid: false }),
  ]);
  const dbHost = ip('10.0.2.7');
  const membership: NsgMembership = (nsgId) => (addr) => nsgId === db.id && addr === dbHost;
  const v: OciVnicSecurity = { securityLists: [], nsgs: [app], nsgMembership: membership };
  assert.deepEqual(evaluateOci('egress', tcp(OCI_HOST, dbHost, 1521), v), {
    allowed: true, reason: 'RULE_ALLOW', rule: 'nsg-app egress[0]', resource: app.id, stateless: false,
  });
  assert.equal(evaluateOci('egress', tcp(OCI_HOST, ip('10.0.2.8'), 1521), v).allowed, false, 'not a member of nsg-db');
  assert.equal(evaluateOci('ingress', tcp(dbHost, OCI_HOST, 5000), v).rule, 'nsg-app ingress[0]');
  assert.equal(evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 5000), v).allowed, false, 'the invalid 0.0.0.0/0 rule does not apply');
  assert.equal(evaluateOci('egress', tcp(OCI_HOST, dbHost, 1521), { securityLists: [], nsgs: [app] }).allowed, false, 'no membership resolver');
});

void test('OCI rules without a match: default deny, with nothing attached at all', () => {
  assert.deepEqual(evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 22), { securityLists: [], nsgs: [] }), { allowed: false, reason: 'DEFAULT_DENY' });
  assert.deepEqual(evaluateOci('egress', tcp(OCI_HOST, VNET_HOST, 22), { securityLists: [list('empty', [])], nsgs: [] }), { allowed: false, reason: 'DEFAULT_DENY' });
});

void test('OCI replies: stateful forward is tracked; stateless forward needs a reply rule in the other direction', () => {
  const fwd = tcp(VNET_HOST, OCI_HOST, 22, 50000);
  const forward = evaluateOci('ingress', fwd, onlyDefaults);
  assert.deepEqual(ociReplyAllowed('ingress', fwd, forward, onlyDefaults), {
    allowed: true, reason: 'RULE_ALLOW', rule: 'connection tracking (Default Security List for vcn-oci ingress[0])', resource: defaultList.id, stateless: false,
  });

  const inOnly = list('sl-stateless', [{ protocol: '6', source: '10.20.0.0/16', sourceType: 'CIDR_BLOCK', isStateless: true, tcpOptions: { destinationPortRange: { min: 22, max: 22 } } }]);
  const v1: OciVnicSecurity = { securityLists: [inOnly], nsgs: [] };
  const f1 = evaluateOci('ingress', fwd, v1);
  assert.equal(f1.stateless, true);
  assert.deepEqual(ociReplyAllowed('ingress', fwd, f1, v1), { allowed: false, reason: 'DEFAULT_DENY' }, 'no egress rule: the reply is dropped');

  const mirrored = list('sl-mirror', inOnly.ingressSecurityRules.slice(), [
    { protocol: '6', destination: '10.20.0.0/16', destinationType: 'CIDR_BLOCK', isStateless: true, tcpOptions: { sourcePortRange: { min: 22, max: 22 } } },
  ]);
  const v2: OciVnicSecurity = { securityLists: [mirrored], nsgs: [] };
  assert.deepEqual(ociReplyAllowed('ingress', fwd, evaluateOci('ingress', fwd, v2), v2), {
    allowed: true, reason: 'RULE_ALLOW', rule: 'sl-mirror egress[0]', resource: mirrored.id, stateless: true,
  });

  // ICMP echo: the reply is type 0, so a stateless egress rule for type 0 covers it.
  const ping = list('sl-ping', [{ protocol: '1', source: '10.20.0.0/16', sourceType: 'CIDR_BLOCK', isStateless: true, icmpOptions: { type: 8 } }],
    [{ protocol: '1', destination: '10.20.0.0/16', destinationType: 'CIDR_BLOCK', isStateless: true, icmpOptions: { type: 0 } }]);
  const v3: OciVnicSecurity = { securityLists: [ping], nsgs: [] };
  const echo = icmp(VNET_HOST, OCI_HOST, 8);
  assert.equal(ociReplyAllowed('ingress', echo, evaluateOci('ingress', echo, v3), v3).rule, 'sl-ping egress[0]');

  const denied = evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 80), v1);
  assert.equal(ociReplyAllowed('ingress', tcp(VNET_HOST, OCI_HOST, 80), denied, v1), denied, 'no flow, no reply');
});

void test('OCI compiled rules are cached per object, and fresh copies of the same rules give the same answers', () => {
  const packets = [tcp(VNET_HOST, OCI_HOST, 22), icmp(VNET_HOST, OCI_HOST, 3, 4), tcp(VNET_HOST, OCI_HOST, 80)];
  const copy = structuredClone(defaultList);
  for (const p of packets) {
    assert.deepEqual(evaluateOci('ingress', p, { securityLists: [copy], nsgs: [] }), evaluateOci('ingress', p, onlyDefaults));
  }
  // NSG rules are listed into fresh arrays; arrays sharing a first rule must not share a compiled form.
  const g = nsg('nsg-x', (id) => [
    nsgRule(id, { direction: 'INGRESS', protocol: '6', source: '10.20.0.0/16', sourceType: 'CIDR_BLOCK', tcpOptions: { destinationPortRange: { min: 22, max: 22 } } }),
    nsgRule(id, { direction: 'INGRESS', protocol: '6', source: '10.20.0.0/16', sourceType: 'CIDR_BLOCK' }),
  ]);
  const at = (rules: NsgSecurityRule[]) => evaluateOci('ingress', tcp(VNET_HOST, OCI_HOST, 80), { securityLists: [], nsgs: [{ ...g, rules }] });
  assert.equal(at([...g.rules]).rule, 'nsg-x ingress[1]');
  assert.equal(at(g.rules.slice(0, 1)).allowed, false);
  assert.equal(at([...g.rules]).rule, 'nsg-x ingress[1]');
});

// ── naive reference ──────────────────────────────────────────────────────────────────────────────

/** An unsigned address as 32 characters of '0'/'1'. */
const addressBits = (addr: number): string => (addr >>> 0).toString(2).padStart(32, '0');

/** "a.b.c.d/n" → does `addr` share the first n bits with a.b.c.d? Parsed octet by octet into bits. */
function naiveInCidr(addr: number, cidrText: string): boolean {
  const [dotted = '', len = ''] = cidrText.split('/');
  const bits = dotted.split('.').map((o) => parseInt(o, 10).toString(2).padStart(8, '0')).join('');
  const n = parseInt(len, 10);
  return addressBits(addr).slice(0, n) === bits.slice(0, n);
}

type AnyRule = IngressSecurityRule | EgressSecurityRule | NsgSecurityRule;

function naiveMatches(rule: AnyRule, address: string | undefined, type: string | undefined, p: Packet, peer: number, membership: NsgMembership | undefined): boolean {
  if ('isValid' in rule && !rule.isValid) return false;
  const number = p.protocol === 'icmp' ? '1' : p.protocol === 'tcp' ? '6' : '17';
  if (rule.protocol !== 'all' && rule.protocol !== number) return false;
  if (address === undefined) return false;
  if (type === 'NETWORK_SECURITY_GROUP') {
    if (membership === undefined || !membership(address)(peer)) return false;
  } else if (type === 'SERVICE_CIDR_BLOCK') {
    return false;
  } else if (!naiveInCidr(peer, address)) {
    return false;
  }
  let opts: PortOptions | undefined;
  if (rule.protocol === '6') opts = rule.tcpOptions;
  if (rule.protocol === '17') opts = rule.udpOptions;
  if (opts?.destinationPortRange) {
    const r = opts.destinationPortRange;
    if (p.dstPort === undefined || p.dstPort < r.min || p.dstPort > r.max) return false;
  }
  if (opts?.sourcePortRange) {
    const r = opts.sourcePortRange;
    if (p.srcPort === undefined || p.srcPort < r.min || p.srcPort > r.max) return false;
  }
  if (rule.protocol === '1' && rule.icmpOptions) {
    if (p.icmpType !== rule.icmpOptions.type) return false;
    if (rule.icmpOptions.code !== undefined && p.icmpCode !== rule.icmpOptions.code) return false;
  }
  return true;
}

function naiveEvaluate(direction: Direction, p: Packet, v: OciVnicSecurity): SecurityDecision {
  const peer = direction === 'ingress' ? p.src : p.dst;
  const hits: SecurityDecision[] = [];
  for (const sl of v.securityLists) {
    if (direction === 'ingress') {
      sl.ingressSecurityRules.forEach((r, i) => {
        if (naiveMatches(r, r.source, r.sourceType, p, peer, v.nsgMembership)) hits.push({ allowed: true, reason: 'RULE_ALLOW', rule: `${sl.displayName} ingress[${i}]`, resource: sl.id, stateless: r.isStateless });
      });
    } else {
      sl.egressSecurityRules.forEach((r, i) => {
        if (naiveMatches(r, r.destination, r.destinationType, p, peer, v.nsgMembership)) hits.push({ allowed: true, reason: 'RULE_ALLOW', rule: `${sl.displayName} egress[${i}]`, resource: sl.id, stateless: r.isStateless });
      });
    }
  }
  for (const g of v.nsgs) {
    const mine = g.rules.filter((r) => r.direction === (direction === 'ingress' ? 'INGRESS' : 'EGRESS'));
    mine.forEach((r, i) => {
      const [address, type] = direction === 'ingress' ? [r.source, r.sourceType ?? 'CIDR_BLOCK'] : [r.destination, r.destinationType ?? 'CIDR_BLOCK'];
      if (naiveMatches(r, address, type, p, peer, v.nsgMembership)) hits.push({ allowed: true, reason: 'RULE_ALLOW', rule: `${g.displayName} ${direction}[${i}]`, resource: g.id, stateless: r.isStateless });
    });
  }
  return hits.find((h) => h.stateless === true) ?? hits[0] ?? { allowed: false, reason: 'DEFAULT_DENY' };
}

function naiveReply(direction: Direction, p: Packet, forward: SecurityDecision, v: OciVnicSecurity): SecurityDecision {
  if (!forward.allowed) return forward;
  if (forward.stateless !== true) return { allowed: true, reason: 'RULE_ALLOW', rule: `connection tracking (${forward.rule ?? 'no rule'})`, resource: forward.resource, stateless: false };
  const reply: Packet = { protocol: p.protocol, src: p.dst, dst: p.src };
  if (p.dstPort !== undefined) reply.srcPort = p.dstPort;
  if (p.srcPort !== undefined) reply.dstPort = p.srcPort;
  if (p.icmpType !== undefined) {
    switch (p.icmpType) {
      case 8: reply.icmpType = 0; break;
      case 13: reply.icmpType = 14; break;
      case 15: reply.icmpType = 16; break;
      case 17: reply.icmpType = 18; break;
      default: reply.icmpType = p.icmpType;
    }
  }
  if (p.icmpCode !== undefined) reply.icmpCode = p.icmpCode;
  return naiveEvaluate(direction === 'ingress' ? 'egress' : 'ingress', reply, v);
}

// ── generators ───────────────────────────────────────────────────────────────────────────────────

const dotted = (a: number): string => `${(a >>> 24) & 255}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;

/** Addresses cluster around a few bases so random prefixes and packets actually meet. */
const BASES = [0x0a000000, 0x0a140000, 0xc0a80100, 0xac100000];
const addressArb = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...BASES), fc.integer({ min: 0, max: 1023 })).map(([b, o]) => (b + o) >>> 0) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffffffff }) },
);
/** A CIDR with host bits cleared (as OCI stores them), of any length. */
const cidrArb = fc.tuple(addressArb, fc.oneof({ weight: 2, arbitrary: fc.integer({ min: 0, max: 22 }) }, fc.integer({ min: 23, max: 32 }))).map(([a, len]) => {
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return `${dotted((a & mask) >>> 0)}/${len}`;
});
const rangeArb = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));
const portOptionsArb: fc.Arbitrary<PortOptions> = fc.record({ destinationPortRange: rangeArb, sourcePortRange: rangeArb }, { requiredKeys: [] });
const icmpOptionsArb = fc.record({ type: fc.integer({ min: 0, max: 4 }), code: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: ['type'] });

/** Protocol and options; options may disagree with the protocol (the evaluators must ignore those). */
const bodyArb = fc.record({
  protocol: fc.constantFrom('all', '1', '6', '17', '58'),
  isStateless: fc.boolean(),
  tcpOptions: portOptionsArb,
  udpOptions: portOptionsArb,
  icmpOptions: icmpOptionsArb,
}, { requiredKeys: ['protocol', 'isStateless'] });

const ingressArb: fc.Arbitrary<IngressSecurityRule> = fc.tuple(bodyArb, cidrArb).map(([b, source]) => ({ ...b, source, sourceType: 'CIDR_BLOCK' }));
const egressArb: fc.Arbitrary<EgressSecurityRule> = fc.tuple(bodyArb, cidrArb).map(([b, destination]) => ({ ...b, destination, destinationType: 'CIDR_BLOCK' }));

const NSG_IDS = ['ocid1.nsg..a', 'ocid1.nsg..b', 'ocid1.nsg..c'];
const nsgAddressArb = fc.oneof(
  { weight: 3, arbitrary: cidrArb.map((c) => ({ address: c, type: 'CIDR_BLOCK' as const })) },
  { weight: 2, arbitrary: fc.constantFrom(...NSG_IDS).map((id) => ({ address: id, type: 'NETWORK_SECURITY_GROUP' as const })) },
  { weight: 1, arbitrary: fc.constant({ address: 'all-iad-services-in-oracle-services-network', type: 'SERVICE_CIDR_BLOCK' as const }) },
);
const nsgRuleArb = (nsgId: string): fc.Arbitrary<NsgSecurityRule> =>
  fc.tuple(bodyArb, nsgAddressArb, fc.constantFrom('INGRESS' as const, 'EGRESS' as const), fc.boolean(), fc.boolean()).map(([b, a, direction, isValid, dropValid]) => ({
    ...b, id: 'X', direction, isValid: isValid || dropValid, timeCreated: '2025-01-01T00:00:00Z', fr: { nsgId },
    ...(direction === 'INGRESS' ? { source: a.address, sourceType: a.type } : { destination: a.address, destinationType: a.type }),
  }));

const vnicArb: fc.Arbitrary<OciVnicSecurity> = fc.record({
  lists: fc.array(fc.tuple(fc.array(ingressArb, { maxLength: 6 }), fc.array(egressArb, { maxLength: 6 })), { maxLength: 3 }),
  nsgCount: fc.integer({ min: 0, max: 3 }),
  nsgRules: fc.tuple(...NSG_IDS.map((id) => fc.array(nsgRuleArb(id), { maxLength: 6 }))),
  members: fc.tuple(...NSG_IDS.map(() => fc.array(addressArb, { maxLength: 30 }))),
  resolver: fc.boolean(),
}).map(({ lists, nsgCount, nsgRules, members, resolver }) => {
  const sets = members.map((m) => new Set(m));
  const membership: NsgMembership = (id) => (addr) => sets[NSG_IDS.indexOf(id)]?.has(addr) ?? false;
  const v: OciVnicSecurity = {
    securityLists: lists.map(([ingress, egress], i) => list(`sl-${i}`, ingress, egress)),
    nsgs: NSG_IDS.slice(0, nsgCount).map((id, i) => ({ id, displayName: `nsg-${i}`, rules: nsgRules[i] ?? [] })),
  };
  if (resolver) v.nsgMembership = membership;
  return v;
});

const packetArb: fc.Arbitrary<Packet> = fc.record({
  protocol: fc.constantFrom('icmp' as const, 'tcp' as const, 'udp' as const),
  src: addressArb,
  dst: addressArb,
  srcPort: fc.integer({ min: 0, max: 40 }),
  dstPort: fc.integer({ min: 0, max: 40 }),
  icmpType: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(8)),
  icmpCode: fc.integer({ min: 0, max: 3 }),
}, { requiredKeys: ['protocol', 'src', 'dst'] });

const directionArb = fc.constantFrom('ingress' as const, 'egress' as const);

// ── properties ───────────────────────────────────────────────────────────────────────────────────

void test('property: evaluateOci agrees with the naive reference (allowed, deciding rule, stateless flag)', () => {
  fc.assert(fc.property(vnicArb, fc.array(fc.tuple(directionArb, packetArb), { minLength: 1, maxLength: 12 }), (v, packets) => {
    for (const [direction, p] of packets) {
      assert.deepEqual(evaluateOci(direction, p, v), naiveEvaluate(direction, p, v));
    }
  }), { numRuns: 300 });
});

void test('property: a packet inside a 0.0.0.0/0 stateful allow-all list is always allowed; an empty VNIC denies everything', () => {
  const open = list('open', [{ protocol: 'all', source: '0.0.0.0/0', sourceType: 'CIDR_BLOCK', isStateless: false }],
    [{ protocol: 'all', destination: '0.0.0.0/0', destinationType: 'CIDR_BLOCK', isStateless: false }]);
  fc.assert(fc.property(vnicArb, directionArb, packetArb, (v, direction, p) => {
    const withOpen = evaluateOci(direction, p, { ...v, securityLists: [...v.securityLists, open] });
    assert.equal(withOpen.allowed, true);
    assert.equal(evaluateOci(direction, p, { securityLists: [], nsgs: [] }).allowed, false);
  }), { numRuns: 300 });
});

void test('property: ociReplyAllowed agrees with the naive reference', () => {
  fc.assert(fc.property(vnicArb, fc.array(fc.tuple(directionArb, packetArb), { minLength: 1, maxLength: 12 }), (v, packets) => {
    for (const [direction, p] of packets) {
      const forward = evaluateOci(direction, p, v);
      const expected = naiveReply(direction, p, forward, v);
      if (expected.resource === undefined) delete expected.resource;
      assert.deepEqual(ociReplyAllowed(direction, p, forward, v), expected);
    }
  }), { numRuns: 300 });
});
