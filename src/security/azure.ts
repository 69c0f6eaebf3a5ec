// Azure network security groups (interconnect-facts §6.2): user rules (priority 100–4096) then the
// six default rules (65000/65001/65500), lowest priority first, first match wins; stateful. A NIC can
// sit behind two NSGs (its own and its subnet's); both must allow.
//
// Rules are compiled once into numeric matchers (WeakMap-cached per rule object and per NSG, as stored
// entities are immutable), so an evaluation is a walk over a pre-sorted array.
import type { NetworkSecurityGroup, SecurityRule, SecurityRuleProperties } from '../model/azure/network.ts';
import type { ArmChild } from '../model/azure/common.ts';
import { ipToInt, parseCidr } from '../model/cidr.ts';
import type { Packet, SecurityDecision } from './types.ts';
import { PROTOCOL_NUMBER, maskOfLength, sameElements } from './packet.ts';

export type AzureDirection = 'Inbound' | 'Outbound';

export interface AzureNsgContext {
  /**
   * The `VirtualNetwork` service tag as seen from the NSG's VNet: its address space, peered VNets and
   * prefixes learned over ExpressRoute (so OCI VCN prefixes fall inside it). The caller supplies it.
   */
  virtualNetwork: (ip: number) => boolean;
}

/** An NSG with its user rules (ARM stores rules as child resources, hence the separate array). */
export interface AzureNsgRules {
  nsg: NetworkSecurityGroup;
  rules: readonly SecurityRule[];
}

/** Azure's load balancer / health probe source (the `AzureLoadBalancer` tag), 168.63.129.16. */
export const AZURE_LOAD_BALANCER_IP = 0xa83f8110;

// ── compiled form ────────────────────────────────────────────────────────────────────────────────

const TAG_ANY = 1;
const TAG_VNET = 2;
const TAG_INTERNET = 4;
const TAG_ALB = 8;

/** A list of address prefixes and service tags: matches if any entry does. */
interface AddressMatcher {
  readonly tags: number;
  /** Pairs (net, mask) as int32; an address matches when `(ip & mask) === net`. */
  readonly prefixes: Int32Array;
}

/** A list of port ranges; `any` when unrestricted. A packet without that port only matches `any`. */
interface PortMatcher {
  readonly any: boolean;
  /** Pairs (lo, hi), inclusive. */
  readonly ranges: Int32Array;
}

interface RuleMatcher {
  /** 0 = any protocol, -1 = never (Esp/Ah), else the IANA number. */
  readonly proto: number;
  readonly src: AddressMatcher;
  readonly dst: AddressMatcher;
  readonly srcPorts: PortMatcher;
  readonly dstPorts: PortMatcher;
  readonly allow: boolean;
  readonly priority: number;
  readonly direction: AzureDirection;
}

interface CompiledRule {
  readonly m: RuleMatcher;
  readonly name: string;
  readonly isDefault: boolean;
}

interface CompiledNsg {
  readonly Inbound: readonly CompiledRule[];
  readonly Outbound: readonly CompiledRule[];
}

/** "a", "a" plus list, or just the list: ARM allows the singular field, the plural one, or both. */
function specs(single: string | undefined, list: readonly string[]): string[] {
  return single === undefined || single === '' ? [...list] : [single, ...list];
}

function compileAddresses(entries: readonly string[]): AddressMatcher {
  let tags = 0;
  const prefixes: number[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    const tag = entry.toLowerCase(); // service tags are case-insensitive in ARM
    if (entry === '*') tags |= TAG_ANY;
    else if (tag === 'virtualnetwork') tags |= TAG_VNET;
    else if (tag === 'internet') tags |= TAG_INTERNET;
    else if (tag === 'azureloadbalancer') tags |= TAG_ALB;
    else if (entry.includes('/')) {
      const parsed = parseCidr(entry, false);
      if (parsed.ok) {
        const mask = maskOfLength(parsed.prefix.length);
        prefixes.push(parsed.prefix.network & mask, mask);
      }
    } else {
      const ip = ipToInt(entry);
      if (ip !== undefined) prefixes.push(ip | 0, -1);
    }
    // Anything else (an unknown service tag) matches nothing: we do not know its addresses.
  }
  return { tags, prefixes: Int32Array.from(prefixes) };
}

function compilePorts(entries: readonly string[]): PortMatcher {
  // No port field at all is treated as "*" (ARM's portal default) rather than a rule that never fires.
  if (entries.length === 0) return { any: true, ranges: new Int32Array(0) };
  const ranges: number[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '*') return { any: true, ranges: new Int32Array(0) };
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(entry);
    if (match === null) continue;
    const lo = Number(match[1]);
    ranges.push(lo, match[2] === undefined ? lo : Number(match[2]));
  }
  return { any: false, ranges: Int32Array.from(ranges) };
}

/** 0 = any protocol; Esp and Ah (absent here) never match the tcp/udp/icmp packets we model. */
const PROTOCOLS: ReadonlyMap<string, number> = new Map([['*', 0], ['tcp', 6], ['udp', 17], ['icmp', 1]]);

const ruleCache = new WeakMap<ArmChild<SecurityRuleProperties>, RuleMatcher>();

function compileRule(rule: ArmChild<SecurityRuleProperties>): RuleMatcher {
  let m = ruleCache.get(rule);
  if (m === undefined) {
    const p = rule.properties;
    m = {
      // ARM compares protocol names case-insensitively; the stored form is normalised anyway.
      proto: PROTOCOLS.get(p.protocol.toLowerCase()) ?? -1,
      src: compileAddresses(specs(p.sourceAddressPrefix, p.sourceAddressPrefixes)),
      dst: compileAddresses(specs(p.destinationAddressPrefix, p.destinationAddressPrefixes)),
      srcPorts: compilePorts(specs(p.sourcePortRange, p.sourcePortRanges)),
      dstPorts: compilePorts(specs(p.destinationPortRange, p.destinationPortRanges)),
      allow: p.access === 'Allow',
      priority: p.priority,
      direction: p.direction,
    };
    ruleCache.set(rule, m);
  }
  return m;
}

/**
 * Keyed by the NSG entity; the user rules are checked by identity, element by element, so a caller
 * that lists the rules into a fresh array on every call (a child listing) still hits the cache.
 */
const nsgCache = new WeakMap<NetworkSecurityGroup, { rules: readonly SecurityRule[]; compiled: CompiledNsg }>();

function compileNsg(nsg: NetworkSecurityGroup, rules: readonly SecurityRule[]): CompiledNsg {
  const cached = nsgCache.get(nsg);
  if (cached !== undefined && sameElements(cached.rules, rules)) return cached.compiled;
  const all: CompiledRule[] = [
    ...rules.map((r) => ({ m: compileRule(r), name: `${nsg.name}/${r.name}`, isDefault: false })),
    ...nsg.properties.defaultSecurityRules.map((r) => ({ m: compileRule(r), name: `${nsg.name}/${r.name}`, isDefault: true })),
  ];
  // Stable sort: user rules precede defaults of equal priority (valid data never has such ties).
  all.sort((a, b) => a.m.priority - b.m.priority);
  const compiled: CompiledNsg = { Inbound: all.filter((r) => r.m.direction === 'Inbound'), Outbound: all.filter((r) => r.m.direction === 'Outbound') };
  nsgCache.set(nsg, { rules: rules.slice(), compiled });
  return compiled;
}

// ── evaluation ───────────────────────────────────────────────────────────────────────────────────

function addressMatches(a: AddressMatcher, ip: number, ctx: AzureNsgContext): boolean {
  const tags = a.tags;
  if ((tags & TAG_ANY) !== 0) return true;
  const prefixes = a.prefixes;
  for (let i = 0; i < prefixes.length; i += 2) {
    if ((ip & (prefixes[i + 1] ?? 0)) === prefixes[i]) return true;
  }
  if (tags === 0) return false;
  if ((tags & TAG_ALB) !== 0 && ip === AZURE_LOAD_BALANCER_IP) return true;
  if ((tags & (TAG_VNET | TAG_INTERNET)) === 0) return false;
  const inVnet = ctx.virtualNetwork(ip);
  if ((tags & TAG_VNET) !== 0 && inVnet) return true;
  // Internet: everything outside VirtualNetwork, except the platform's own load balancer address.
  return (tags & TAG_INTERNET) !== 0 && !inVnet && ip !== AZURE_LOAD_BALANCER_IP;
}

function portMatches(ports: PortMatcher, port: number | undefined): boolean {
  if (ports.any) return true;
  if (port === undefined) return false;
  const ranges = ports.ranges;
  for (let i = 0; i < ranges.length; i += 2) {
    if (port >= (ranges[i] ?? 1) && port <= (ranges[i + 1] ?? 0)) return true;
  }
  return false;
}

function ruleMatches(m: RuleMatcher, proto: number, p: Packet, ctx: AzureNsgContext): boolean {
  return (m.proto === 0 || m.proto === proto)
    && portMatches(m.dstPorts, p.dstPort)
    && portMatches(m.srcPorts, p.srcPort)
    && addressMatches(m.src, p.src >>> 0, ctx)
    && addressMatches(m.dst, p.dst >>> 0, ctx);
}

/**
 * Evaluates one NSG: its user `rules` (ARM child resources) and `nsg.properties.defaultSecurityRules`,
 * by priority, first match wins. User rules decide with RULE_ALLOW/RULE_DENY, defaults with
 * DEFAULT_RULE. An NSG without default rules (never the case in Azure) denies with DEFAULT_DENY.
 */
export function evaluateAzureNsg(direction: AzureDirection, packet: Packet, nsg: NetworkSecurityGroup, rules: readonly SecurityRule[], ctx: AzureNsgContext): SecurityDecision {
  const compiled = compileNsg(nsg, rules)[direction];
  const proto = PROTOCOL_NUMBER[packet.protocol];
  for (const r of compiled) {
    if (!ruleMatches(r.m, proto, packet, ctx)) continue;
    const reason = r.isDefault ? 'DEFAULT_RULE' : r.m.allow ? 'RULE_ALLOW' : 'RULE_DENY';
    return { allowed: r.m.allow, reason, rule: r.name, resource: nsg.id };
  }
  return { allowed: false, reason: 'DEFAULT_DENY', resource: nsg.id };
}

export interface AzurePathNsgs {
  nicNsg?: AzureNsgRules | undefined;
  subnetNsg?: AzureNsgRules | undefined;
}

export interface AzurePathStep {
  /** Which NSG position this step is ("nic" or "subnet"), in evaluation order. */
  at: 'nic' | 'subnet';
  decision: SecurityDecision;
}

const NO_FILTER: SecurityDecision = { allowed: true, reason: 'NO_FILTER' };

/**
 * Both NSGs of a NIC, in Azure's order: inbound subnet then NIC, outbound NIC then subnet. A missing
 * NSG lets everything through (NO_FILTER). Evaluation stops at the first deny.
 */
export function evaluateAzurePathSteps(direction: AzureDirection, packet: Packet, nsgs: AzurePathNsgs, ctx: AzureNsgContext): AzurePathStep[] {
  const order: ('nic' | 'subnet')[] = direction === 'Inbound' ? ['subnet', 'nic'] : ['nic', 'subnet'];
  const steps: AzurePathStep[] = [];
  for (const at of order) {
    const held = at === 'nic' ? nsgs.nicNsg : nsgs.subnetNsg;
    const decision = held === undefined ? { ...NO_FILTER } : evaluateAzureNsg(direction, packet, held.nsg, held.rules, ctx);
    steps.push({ at, decision });
    if (!decision.allowed) break;
  }
  return steps;
}

/**
 * The verdict of both NSGs: the first deny, otherwise the last NSG that allowed by a rule (more useful
 * in a trace than a missing NSG's NO_FILTER); NO_FILTER only when neither NSG exists.
 */
export function evaluateAzurePath(direction: AzureDirection, packet: Packet, nsgs: AzurePathNsgs, ctx: AzureNsgContext): SecurityDecision {
  let decided: SecurityDecision | undefined;
  for (const { decision } of evaluateAzurePathSteps(direction, packet, nsgs, ctx)) {
    if (!decision.allowed) return decision;
    if (decision.reason !== 'NO_FILTER') decided = decision;
  }
  return decided ?? { ...NO_FILTER };
}

/**
 * Azure NSGs are stateful: the reply of an allowed flow is always allowed, whatever the rules of the
 * other direction say. A denied forward packet has no flow: its decision is returned as it is.
 */
export function azureReplyAllowed(forward?: SecurityDecision): SecurityDecision {
  if (forward !== undefined && !forward.allowed) return forward;
  const tracked: SecurityDecision = { allowed: true, reason: 'RULE_ALLOW', rule: 'connection tracking' };
  if (forward?.resource !== undefined) tracked.resource = forward.resource;
  return tracked;
}
