// Azure NSGs: hand-worked cases for priority order, service tags, port lists and the subnet/NIC
// order, then property tests against a deliberately naive reference (a plain sort of the raw rules,
// string splitting for ports, CIDRs compared as bit-strings) on the whole decision, deciding rule included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  AZURE_LOAD_BALANCER_IP, azureReplyAllowed, evaluateAzureNsg, evaluateAzurePath, evaluateAzurePathSteps,
  type AzureDirection, type AzureNsgContext, type AzureNsgRules, type AzurePathNsgs,
} from '../../src/security/azure.ts';
import type { Packet, SecurityDecision } from '../../src/security/types.ts';
import type { NetworkSecurityGroup, SecurityRule, SecurityRuleProperties } from '../../src/model/azure/network.ts';
import type { ArmChild } from '../../src/model/azure/common.ts';
import { containsAddress, cidr, ipToInt } from '../../src/model/cidr.ts';

const ip = (s: string): number => {
  const v = ipToInt(s);
  assert.ok(v !== undefined, s);
  return v;
};

const RG_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups';
const META = { subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroup: 'rg' };

type RuleSpec = Partial<SecurityRuleProperties> & Pick<SecurityRuleProperties, 'access' | 'priority' | 'direction'>;

function child(nsgId: string, kind: 'securityRules' | 'defaultSecurityRules', name: string, spec: RuleSpec): ArmChild<SecurityRuleProperties> {
  return {
    id: `${nsgId}/${kind}/${name}`, name, type: `Microsoft.Network/networkSecurityGroups/${kind}`, etag: 'W/"1"',
    properties: {
      protocol: '*', sourcePortRanges: [], destinationPortRanges: [], sourceAddressPrefixes: [], destinationAddressPrefixes: [],
      provisioningState: 'Succeeded', ...spec,
    },
    fr: { ...META, parentId: nsgId },
  };
}

/** Azure's six default rules (interconnect-facts §6.2), as the lifecycle creates them. */
const DEFAULTS: [string, AzureDirection, number, string, string, 'Allow' | 'Deny'][] = [
  ['AllowVnetInBound', 'Inbound', 65000, 'VirtualNetwork', 'VirtualNetwork', 'Allow'],
  ['AllowAzureLoadBalancerInBound', 'Inbound', 65001, 'AzureLoadBalancer', '*', 'Allow'],
  ['DenyAllInBound', 'Inbound', 65500, '*', '*', 'Deny'],
  ['AllowVnetOutBound', 'Outbound', 65000, 'VirtualNetwork', 'VirtualNetwork', 'Allow'],
  ['AllowInternetOutBound', 'Outbound', 65001, '*', 'Internet', 'Allow'],
  ['DenyAllOutBound', 'Outbound', 65500, '*', '*', 'Deny'],
];

function makeNsg(name: string, rules: (RuleSpec & { name: string })[] = []): AzureNsgRules {
  const id = `${RG_ID}/${name}`;
  const nsg: NetworkSecurityGroup = {
    id, name, type: 'Microsoft.Network/networkSecurityGroups', location: 'eastus', tags: {}, etag: 'W/"1"',
    properties: {
      defaultSecurityRules: DEFAULTS.map(([n, direction, priority, src, dst, access]) => child(id, 'defaultSecurityRules', n, {
        direction, priority, access, sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: src, destinationAddressPrefix: dst,
      })),
      resourceGuid: '11111111-1111-1111-1111-111111111111', provisioningState: 'Succeeded',
    },
    fr: META,
  };
  return { nsg, rules: rules.map(({ name: n, ...spec }) => child(id, 'securityRules', n, spec)) };
}

// The VNet (10.20.0.0/16) plus the OCI VCN prefix learned over ExpressRoute (10.0.0.0/16).
const VNET_SPACE = [cidr('10.20.0.0/16'), cidr('10.0.0.0/16')];
const ctx: AzureNsgContext = { virtualNetwork: (addr) => VNET_SPACE.some((p) => containsAddress(p, addr)) };

const VM = ip('10.20.1.4');
const OCI_HOST = ip('10.0.1.5');
const INTERNET_HOST = ip('203.0.113.9');
const tcp = (src: number, dst: number, dstPort: number, srcPort = 40000): Packet => ({ protocol: 'tcp', src, dst, srcPort, dstPort });
const ping = (src: number, dst: number): Packet => ({ protocol: 'icmp', src, dst, icmpType: 8, icmpCode: 0 });

const evalNsg = (direction: AzureDirection, p: Packet, n: AzureNsgRules): SecurityDecision => evaluateAzureNsg(direction, p, n.nsg, n.rules, ctx);

// ── hand-worked cases ────────────────────────────────────────────────────────────────────────────

void test('Azure defaults: the VirtualNetwork tag covers an ER-learned OCI prefix (AllowVnetInBound), Internet hits DenyAllInBound', () => {
  const n = makeNsg('nsg-vm');
  assert.deepEqual(evalNsg('Inbound', tcp(OCI_HOST, VM, 22), n), {
    allowed: true, reason: 'DEFAULT_RULE', rule: 'nsg-vm/AllowVnetInBound', resource: n.nsg.id,
  });
  assert.deepEqual(evalNsg('Inbound', tcp(INTERNET_HOST, VM, 22), n), {
    allowed: false, reason: 'DEFAULT_RULE', rule: 'nsg-vm/DenyAllInBound', resource: n.nsg.id,
  });
  assert.equal(evalNsg('Inbound', tcp(AZURE_LOAD_BALANCER_IP, VM, 80), n).rule, 'nsg-vm/AllowAzureLoadBalancerInBound');
  assert.equal(evalNsg('Outbound', ping(VM, OCI_HOST), n).rule, 'nsg-vm/AllowVnetOutBound');
  assert.equal(evalNsg('Outbound', tcp(VM, INTERNET_HOST, 443), n).rule, 'nsg-vm/AllowInternetOutBound');
  // 168.63.129.16 is neither VirtualNetwork nor Internet.
  assert.equal(evalNsg('Outbound', tcp(VM, AZURE_LOAD_BALANCER_IP, 80), n).rule, 'nsg-vm/DenyAllOutBound');
});

void test('Azure priority: a deny at 100 beats an allow at 200, whatever the order of the rules array', () => {
  const n = makeNsg('nsg-app', [
    { name: 'allow-all-200', priority: 200, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '*' },
    { name: 'deny-ssh-oci-100', priority: 100, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '10.0.0.0/16', destinationAddressPrefix: '*', destinationPortRange: '22' },
  ]);
  assert.deepEqual(evalNsg('Inbound', tcp(OCI_HOST, VM, 22), n), { allowed: false, reason: 'RULE_DENY', rule: 'nsg-app/deny-ssh-oci-100', resource: n.nsg.id });
  assert.deepEqual(evalNsg('Inbound', tcp(OCI_HOST, VM, 443), n), { allowed: true, reason: 'RULE_ALLOW', rule: 'nsg-app/allow-all-200', resource: n.nsg.id });
  // User rules come before the defaults: the allow at 200 even admits the Internet.
  assert.equal(evalNsg('Inbound', tcp(INTERNET_HOST, VM, 22), n).rule, 'nsg-app/allow-all-200');
  // A custom deny before AllowVnetInBound is the only way to stop VNet↔VCN traffic.
  const deny = makeNsg('nsg-deny', [{ name: 'deny-vcn', priority: 4096, direction: 'Inbound', access: 'Deny', sourceAddressPrefix: '10.0.0.0/16', destinationAddressPrefix: 'VirtualNetwork' }]);
  assert.equal(evalNsg('Inbound', ping(OCI_HOST, VM), deny).rule, 'nsg-deny/deny-vcn');
  assert.equal(evalNsg('Inbound', ping(ip('10.20.2.2'), VM), deny).rule, 'nsg-deny/AllowVnetInBound');
});

void test('Azure protocols: Tcp/Udp/Icmp match their packets, * matches all, Esp and Ah match none of ours', () => {
  const rules = (['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah'] as const).map((protocol, i) => ({
    name: `deny-${protocol}`, priority: 100 + i, direction: 'Inbound' as const, access: 'Deny' as const, protocol, sourceAddressPrefix: '*', destinationAddressPrefix: '*',
  }));
  const n = makeNsg('nsg-proto', rules);
  assert.equal(evalNsg('Inbound', tcp(OCI_HOST, VM, 22), n).rule, 'nsg-proto/deny-Tcp');
  assert.equal(evalNsg('Inbound', { protocol: 'udp', src: OCI_HOST, dst: VM, srcPort: 1, dstPort: 53 }, n).rule, 'nsg-proto/deny-Udp');
  assert.equal(evalNsg('Inbound', ping(OCI_HOST, VM), n).rule, 'nsg-proto/deny-Icmp');
  const ipsec = makeNsg('nsg-esp', rules.slice(3));
  assert.equal(evalNsg('Inbound', tcp(OCI_HOST, VM, 22), ipsec).rule, 'nsg-esp/AllowVnetInBound');
});

void test('Azure ports and addresses: port lists and ranges on both ends, address lists and single IPs', () => {
  const n = makeNsg('nsg-lists', [
    {
      name: 'allow-db', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
      sourceAddressPrefixes: ['10.0.1.0/24', '192.0.2.7'], destinationAddressPrefix: '*', destinationPortRanges: ['22', '1521-1522'], sourcePortRange: '*',
    },
    {
      name: 'allow-hi-src', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Udp',
      sourceAddressPrefix: 'Internet', destinationAddressPrefixes: ['10.20.1.4'], sourcePortRanges: ['1024-65535'], destinationPortRange: '*',
    },
  ]);
  assert.equal(evalNsg('Inbound', tcp(INTERNET_HOST, VM, 1522), n).rule, 'nsg-lists/DenyAllInBound', 'source not in the list');
  assert.equal(evalNsg('Inbound', tcp(ip('192.0.2.7'), VM, 1522), n).rule, 'nsg-lists/allow-db');
  assert.equal(evalNsg('Inbound', tcp(ip('192.0.2.7'), VM, 1523), n).rule, 'nsg-lists/DenyAllInBound');
  assert.equal(evalNsg('Inbound', tcp(ip('192.0.2.7'), VM, 22), n).rule, 'nsg-lists/allow-db');
  assert.equal(evalNsg('Inbound', tcp(ip('192.0.2.8'), VM, 22), n).rule, 'nsg-lists/DenyAllInBound');
  assert.equal(evalNsg('Inbound', { protocol: 'udp', src: INTERNET_HOST, dst: VM, srcPort: 5000, dstPort: 53 }, n).rule, 'nsg-lists/allow-hi-src');
  assert.equal(evalNsg('Inbound', { protocol: 'udp', src: INTERNET_HOST, dst: VM, srcPort: 53, dstPort: 53 }, n).rule, 'nsg-lists/DenyAllInBound');
  assert.equal(evalNsg('Inbound', { protocol: 'udp', src: INTERNET_HOST, dst: ip('10.20.1.5'), srcPort: 5000, dstPort: 53 }, n).rule, 'nsg-lists/DenyAllInBound');
  // A port-restricted rule never matches a packet without ports (ICMP).
  const anyProto = makeNsg('nsg-icmp', [{ name: 'deny-22', priority: 100, direction: 'Inbound', access: 'Deny', sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '22' }]);
  assert.equal(evalNsg('Inbound', ping(OCI_HOST, VM), anyProto).rule, 'nsg-icmp/AllowVnetInBound');
  assert.equal(evalNsg('Inbound', tcp(OCI_HOST, VM, 22), anyProto).rule, 'nsg-icmp/deny-22');
});

void test('Azure path: inbound evaluates the subnet NSG then the NIC NSG, outbound the NIC NSG then the subnet NSG', () => {
  const denyAll = (name: string) => makeNsg(name, [
    { name: 'deny-in', priority: 100, direction: 'Inbound', access: 'Deny', sourceAddressPrefix: '*', destinationAddressPrefix: '*' },
    { name: 'deny-out', priority: 100, direction: 'Outbound', access: 'Deny', sourceAddressPrefix: '*', destinationAddressPrefix: '*' },
  ]);
  const both: AzurePathNsgs = { subnetNsg: denyAll('nsg-subnet'), nicNsg: denyAll('nsg-nic') };
  assert.equal(evaluateAzurePath('Inbound', tcp(OCI_HOST, VM, 22), both, ctx).rule, 'nsg-subnet/deny-in');
  assert.equal(evaluateAzurePath('Outbound', tcp(VM, OCI_HOST, 22), both, ctx).rule, 'nsg-nic/deny-out');
  assert.deepEqual(evaluateAzurePathSteps('Inbound', tcp(OCI_HOST, VM, 22), both, ctx).map((s) => s.at), ['subnet'], 'stops at the first deny');

  const open = { subnetNsg: makeNsg('nsg-subnet'), nicNsg: makeNsg('nsg-nic') };
  assert.deepEqual(evaluateAzurePathSteps('Inbound', tcp(OCI_HOST, VM, 22), open, ctx).map((s) => [s.at, s.decision.rule]), [
    ['subnet', 'nsg-subnet/AllowVnetInBound'], ['nic', 'nsg-nic/AllowVnetInBound'],
  ]);
  assert.equal(evaluateAzurePath('Inbound', tcp(OCI_HOST, VM, 22), open, ctx).rule, 'nsg-nic/AllowVnetInBound', 'the last allow');
  assert.equal(evaluateAzurePath('Outbound', tcp(VM, OCI_HOST, 22), open, ctx).rule, 'nsg-subnet/AllowVnetOutBound', 'the last allow');

  // Subnet allows, NIC denies: inbound the NIC decides; outbound the NIC decides first.
  const mixed = { subnetNsg: makeNsg('nsg-subnet'), nicNsg: denyAll('nsg-nic') };
  assert.equal(evaluateAzurePath('Inbound', tcp(OCI_HOST, VM, 22), mixed, ctx).rule, 'nsg-nic/deny-in');
  assert.deepEqual(evaluateAzurePathSteps('Outbound', tcp(VM, OCI_HOST, 22), mixed, ctx).map((s) => s.at), ['nic']);
});

void test('Azure path: a missing NSG does not filter', () => {
  assert.deepEqual(evaluateAzurePath('Inbound', tcp(INTERNET_HOST, VM, 22), {}, ctx), { allowed: true, reason: 'NO_FILTER' });
  const onlyNic = { nicNsg: makeNsg('nsg-nic') };
  assert.deepEqual(evaluateAzurePathSteps('Inbound', tcp(OCI_HOST, VM, 22), onlyNic, ctx).map((s) => s.decision.reason), ['NO_FILTER', 'DEFAULT_RULE']);
  assert.equal(evaluateAzurePath('Inbound', tcp(OCI_HOST, VM, 22), onlyNic, ctx).rule, 'nsg-nic/AllowVnetInBound');
  assert.equal(evaluateAzurePath('Inbound', tcp(INTERNET_HOST, VM, 22), onlyNic, ctx).rule, 'nsg-nic/DenyAllInBound');
  assert.equal(evaluateAzurePath('Outbound', tcp(VM, OCI_HOST, 22), { subnetNsg: makeNsg('nsg-subnet') }, ctx).rule, 'nsg-subnet/AllowVnetOutBound');
});

void test('Azure replies: allowed flows are tracked (stateful), denied flows have no reply', () => {
  const n = makeNsg('nsg-vm');
  const forward = evalNsg('Outbound', tcp(VM, OCI_HOST, 22), n);
  assert.deepEqual(azureReplyAllowed(forward), { allowed: true, reason: 'RULE_ALLOW', rule: 'connection tracking', resource: n.nsg.id });
  assert.deepEqual(azureReplyAllowed(), { allowed: true, reason: 'RULE_ALLOW', rule: 'connection tracking' });
  const denied = evalNsg('Inbound', tcp(INTERNET_HOST, VM, 22), n);
  assert.equal(azureReplyAllowed(denied), denied);
});

void test('Azure compiled NSGs are cached per object, and fresh copies of the same rules give the same answers', () => {
  const n = makeNsg('nsg-app', [
    { name: 'deny-ssh', priority: 100, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '10.0.0.0/16', destinationAddressPrefix: '*', destinationPortRange: '22' },
  ]);
  const copy = structuredClone(n);
  for (const p of [tcp(OCI_HOST, VM, 22), tcp(OCI_HOST, VM, 80), ping(INTERNET_HOST, VM)]) {
    assert.deepEqual(evalNsg('Inbound', p, copy), evalNsg('Inbound', p, n));
    assert.deepEqual(evaluateAzureNsg('Inbound', p, n.nsg, [...n.rules], ctx), evalNsg('Inbound', p, n), 'a fresh array of the same rules');
  }
  // Same NSG entity, different rule arrays: the cache must not serve one for the other.
  assert.equal(evaluateAzureNsg('Inbound', tcp(OCI_HOST, VM, 22), n.nsg, [], ctx).rule, 'nsg-app/AllowVnetInBound');
  assert.equal(evaluateAzureNsg('Inbound', tcp(OCI_HOST, VM, 22), n.nsg, n.rules, ctx).rule, 'nsg-app/deny-ssh');
});

// ── naive reference ──────────────────────────────────────────────────────────────────────────────

const addressBits = (addr: number): string => (addr >>> 0).toString(2).padStart(32, '0');
const dottedBits = (dotted: string): string => dotted.split('.').map((o) => parseInt(o, 10).toString(2).padStart(8, '0')).join('');

/** "a.b.c.d/n" or "a.b.c.d": compare the first n (or 32) bits as strings. */
function naiveInPrefix(addr: number, text: string): boolean {
  const [dotted = '', len] = text.split('/');
  const n = len === undefined ? 32 : parseInt(len, 10);
  return addressBits(addr).slice(0, n) === dottedBits(dotted).slice(0, n);
}

const LB_BITS = dottedBits('168.63.129.16');

function naiveAddress(specs: string[], addr: number, c: AzureNsgContext): boolean {
  if (specs.length === 0) return false;
  return specs.some((s) => {
    if (s === '*') return true;
    if (s === 'VirtualNetwork') return c.virtualNetwork(addr);
    if (s === 'AzureLoadBalancer') return addressBits(addr) === LB_BITS;
    if (s === 'Internet') return !c.virtualNetwork(addr) && addressBits(addr) !== LB_BITS;
    return naiveInPrefix(addr, s);
  });
}

function naivePorts(specs: string[], port: number | undefined): boolean {
  if (specs.length === 0 || specs.includes('*')) return true;
  if (port === undefined) return false;
  return specs.some((s) => {
    const [lo = '', hi] = s.split('-');
    return port >= parseInt(lo, 10) && port <= parseInt(hi ?? lo, 10);
  });
}

const both = (single: string | undefined, list: string[]): string[] => (single === undefined ? list : [single, ...list]);

function naiveNsg(direction: AzureDirection, p: Packet, nsg: NetworkSecurityGroup, rules: readonly SecurityRule[], c: AzureNsgContext): SecurityDecision {
  const candidates = [
    ...rules.map((r) => ({ r, isDefault: false })),
    ...nsg.properties.defaultSecurityRules.map((r) => ({ r, isDefault: true })),
  ].filter(({ r }) => r.properties.direction === direction);
  candidates.sort((a, b) => a.r.properties.priority - b.r.properties.priority);
  for (const { r, isDefault } of candidates) {
    const q = r.properties;
    const protoOk = q.protocol === '*' || q.protocol.toLowerCase() === p.protocol;
    if (!protoOk) continue;
    if (!naiveAddress(both(q.sourceAddressPrefix, q.sourceAddressPrefixes), p.src, c)) continue;
    if (!naiveAddress(both(q.destinationAddressPrefix, q.destinationAddressPrefixes), p.dst, c)) continue;
    if (!naivePorts(both(q.sourcePortRange, q.sourcePortRanges), p.srcPort)) continue;
    if (!naivePorts(both(q.destinationPortRange, q.destinationPortRanges), p.dstPort)) continue;
    const allowed = q.access === 'Allow';
    return { allowed, reason: isDefault ? 'DEFAULT_RULE' : allowed ? 'RULE_ALLOW' : 'RULE_DENY', rule: `${nsg.name}/${r.name}`, resource: nsg.id };
  }
  return { allowed: false, reason: 'DEFAULT_DENY', resource: nsg.id };
}

function naivePath(direction: AzureDirection, p: Packet, nsgs: AzurePathNsgs, c: AzureNsgContext): SecurityDecision {
  const order = direction === 'Inbound' ? [nsgs.subnetNsg, nsgs.nicNsg] : [nsgs.nicNsg, nsgs.subnetNsg];
  let last: SecurityDecision = { allowed: true, reason: 'NO_FILTER' };
  for (const held of order) {
    if (held === undefined) continue;
    const d = naiveNsg(direction, p, held.nsg, held.rules, c);
    if (!d.allowed) return d;
    last = d;
  }
  return last;
}

// ── generators ───────────────────────────────────────────────────────────────────────────────────

const dotted = (a: number): string => `${(a >>> 24) & 255}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
const BASES = [0x0a000000, 0x0a140000, 0xc0a80100, 0xa83f8100];
const addressArb = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...BASES), fc.integer({ min: 0, max: 1023 })).map(([b, o]) => (b + o) >>> 0) },
  { weight: 1, arbitrary: fc.constant(AZURE_LOAD_BALANCER_IP) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffffffff }) },
);
const lengthArb = fc.oneof({ weight: 2, arbitrary: fc.integer({ min: 0, max: 22 }) }, fc.integer({ min: 23, max: 32 }));
/** CIDRs, mostly with host bits cleared; a few keep them (compiled rules must mask them off). */
const cidrArb = fc.tuple(addressArb, lengthArb, fc.boolean(), fc.boolean()).map(([a, len, clear, clear2]) => {
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return `${dotted(clear || clear2 ? (a & mask) >>> 0 : a)}/${len}`;
});
const addressSpecArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant('*') },
  fc.constantFrom('VirtualNetwork', 'Internet', 'AzureLoadBalancer'),
  { weight: 3, arbitrary: cidrArb },
  addressArb.map(dotted),
);
const portArb = fc.integer({ min: 0, max: 40 });
const portSpecArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('*') },
  { weight: 2, arbitrary: portArb.map(String) },
  { weight: 3, arbitrary: fc.tuple(portArb, portArb).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`) },
);
const ruleBodyArb = fc.record({
  protocol: fc.constantFrom<SecurityRuleProperties['protocol']>('Tcp', 'Udp', 'Icmp', '*', '*', 'Esp', 'Ah'),
  access: fc.constantFrom('Allow' as const, 'Deny' as const),
  sourceAddressPrefix: fc.option(addressSpecArb, { nil: undefined, freq: 3 }),
  sourceAddressPrefixes: fc.array(addressSpecArb, { maxLength: 3 }),
  destinationAddressPrefix: fc.option(addressSpecArb, { nil: undefined, freq: 3 }),
  destinationAddressPrefixes: fc.array(addressSpecArb, { maxLength: 3 }),
  sourcePortRange: fc.option(portSpecArb, { nil: undefined, freq: 3 }),
  sourcePortRanges: fc.array(portSpecArb, { maxLength: 3 }),
  destinationPortRange: fc.option(portSpecArb, { nil: undefined, freq: 3 }),
  destinationPortRanges: fc.array(portSpecArb, { maxLength: 3 }),
});
/** Rules of one direction with unique priorities (a narrow band, so order matters). */
const directionRulesArb = (direction: AzureDirection) => fc.uniqueArray(
  fc.record({ priority: fc.integer({ min: 100, max: 130 }), body: ruleBodyArb }), { selector: (r) => r.priority, maxLength: 7 },
).map((rs) => rs.map(({ priority, body }) => ({ priority, direction, ...body })));

let nsgSeq = 0;
const nsgArb: fc.Arbitrary<AzureNsgRules> = fc.tuple(directionRulesArb('Inbound'), directionRulesArb('Outbound'), fc.boolean()).map(([inbound, outbound, shuffle]) => {
  const specs = [...inbound, ...outbound].map((r, i) => {
    const spec: RuleSpec & { name: string } = { name: `rule-${i}`, priority: r.priority, direction: r.direction, access: r.access, protocol: r.protocol };
    for (const key of ['sourceAddressPrefix', 'destinationAddressPrefix', 'sourcePortRange', 'destinationPortRange'] as const) {
      const v = r[key];
      if (v !== undefined) spec[key] = v;
    }
    spec.sourceAddressPrefixes = r.sourceAddressPrefixes;
    spec.destinationAddressPrefixes = r.destinationAddressPrefixes;
    spec.sourcePortRanges = r.sourcePortRanges;
    spec.destinationPortRanges = r.destinationPortRanges;
    return spec;
  });
  return makeNsg(`nsg-${nsgSeq++}`, shuffle ? specs.reverse() : specs);
});

const ctxArb: fc.Arbitrary<AzureNsgContext> = fc.array(cidrArb, { maxLength: 4 }).map((prefixes) => ({
  virtualNetwork: (addr: number) => prefixes.some((p) => naiveInPrefix(addr, p)),
}));

const packetArb: fc.Arbitrary<Packet> = fc.record({
  protocol: fc.constantFrom('icmp' as const, 'tcp' as const, 'udp' as const),
  src: addressArb,
  dst: addressArb,
  srcPort: portArb,
  dstPort: portArb,
  icmpType: fc.integer({ min: 0, max: 8 }),
}, { requiredKeys: ['protocol', 'src', 'dst'] });

const directionArb = fc.constantFrom<AzureDirection>('Inbound', 'Outbound');

// ── properties ───────────────────────────────────────────────────────────────────────────────────

void test('property: evaluateAzureNsg agrees with the naive reference on the whole decision (first match by priority)', () => {
  fc.assert(fc.property(nsgArb, ctxArb, fc.array(fc.tuple(directionArb, packetArb), { minLength: 1, maxLength: 12 }), (n, c, packets) => {
    for (const [direction, p] of packets) {
      assert.deepEqual(evaluateAzureNsg(direction, p, n.nsg, n.rules, c), naiveNsg(direction, p, n.nsg, n.rules, c));
    }
  }), { numRuns: 300 });
});

void test('property: evaluateAzurePath agrees with the naive composition (order, first deny, last allow, missing = no filter)', () => {
  const maybeNsg = fc.option(nsgArb, { nil: undefined });
  fc.assert(fc.property(maybeNsg, maybeNsg, ctxArb, fc.array(fc.tuple(directionArb, packetArb), { minLength: 1, maxLength: 8 }), (nic, subnet, c, packets) => {
    const nsgs: AzurePathNsgs = { nicNsg: nic, subnetNsg: subnet };
    for (const [direction, p] of packets) {
      assert.deepEqual(evaluateAzurePath(direction, p, nsgs, c), naivePath(direction, p, nsgs, c));
    }
  }), { numRuns: 300 });
});
