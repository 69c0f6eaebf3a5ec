// OCI VNIC security: the union of the subnet's security lists and the VNIC's NSGs (interconnect-facts
// §4.1). A packet is allowed when any rule matches; when both a stateful and a stateless rule match,
// the stateless one decides (OCI's documented rule), so its reply needs a rule of its own.
//
// Rules are compiled once into numeric matchers and cached in WeakMaps: stored entities are immutable,
// so an entity (or rule array) object identifies its contents. Callers that list NSG rules into a fresh
// array per call still hit the cache (see compileNsg).
import type { EgressSecurityRule, IngressSecurityRule, NsgSecurityRule, PortOptions } from '../model/oci/security.ts';
import { parseCidr } from '../model/cidr.ts';
import type { Direction, Packet, SecurityDecision } from './types.ts';
import { PROTOCOL_NUMBER, maskOfLength, oppositeDirection, portIn, replyPacket, sameElements } from './packet.ts';

/** A subnet's security list as the evaluator needs it (a stored `SecurityList` fits). */
export interface OciSecurityListRules {
  id: string;
  displayName: string;
  ingressSecurityRules: readonly IngressSecurityRule[];
  egressSecurityRules: readonly EgressSecurityRule[];
}

/** An NSG with its rules (OCI keeps NSG rules as a sub-collection, hence the separate array). */
export interface OciNsgRules {
  id: string;
  displayName: string;
  rules: readonly NsgSecurityRule[];
}

/** Whether an address belongs to a VNIC that is a member of the given NSG. */
export type NsgMembership = (nsgId: string) => (ip: number) => boolean;

/** Everything that filters traffic at one VNIC. */
export interface OciVnicSecurity {
  securityLists: readonly OciSecurityListRules[];
  nsgs: readonly OciNsgRules[];
  /** Resolves NSG-to-NSG rules; without it such rules never match. */
  nsgMembership?: NsgMembership;
}

// ── compiled form ────────────────────────────────────────────────────────────────────────────────

const ALL = -1;
const NEVER = -2;
const ANY = -1;

/** One rule in numeric form. Port bounds of -1 mean "no restriction"; icmp type/code -1 mean "any". */
interface Matcher {
  /** ALL, NEVER (invalid / unsupported address) or an IANA protocol number. */
  readonly proto: number;
  /** Peer address test: `(peer & mask) === net`, unless `nsg` names a peer NSG. */
  readonly net: number;
  readonly mask: number;
  readonly nsg: string | undefined;
  readonly dstLo: number;
  readonly dstHi: number;
  readonly srcLo: number;
  readonly srcHi: number;
  readonly icmpType: number;
  readonly icmpCode: number;
  readonly stateless: boolean;
}

interface IndexedMatcher {
  readonly m: Matcher;
  /** Position among the rules of its direction: the "[i]" of "<name> ingress[i]". */
  readonly index: number;
}

interface CompiledNsg {
  readonly ingress: readonly IndexedMatcher[];
  readonly egress: readonly IndexedMatcher[];
}

const NEVER_MATCHER: Matcher = {
  proto: NEVER, net: 0, mask: 0, nsg: undefined, dstLo: ANY, dstHi: ANY, srcLo: ANY, srcHi: ANY, icmpType: ANY, icmpCode: ANY, stateless: false,
};

function parseProtocol(protocol: string): number {
  if (protocol === 'all') return ALL;
  return /^\d{1,3}$/.test(protocol) ? Number(protocol) : NEVER;
}

/**
 * Builds a matcher. `address` is the CIDR (or NSG OCID) the peer must be in; options only count for
 * the rule's own protocol (the API rejects mismatched options; we ignore them rather than guess).
 */
function buildMatcher(rule: IngressSecurityRule | EgressSecurityRule | NsgSecurityRule, address: string | undefined, type: string | undefined): Matcher {
  const proto = parseProtocol(rule.protocol);
  if (proto === NEVER || address === undefined) return NEVER_MATCHER;
  let net = 0;
  let mask = 0;
  let nsg: string | undefined;
  if (type === 'NETWORK_SECURITY_GROUP') {
    nsg = address;
  } else if (type === undefined || type === 'CIDR_BLOCK') {
    // Lenient parse: a stored rule is already validated; host bits, if any, are masked off.
    const parsed = parseCidr(address, false);
    if (!parsed.ok) return NEVER_MATCHER;
    mask = maskOfLength(parsed.prefix.length);
    net = parsed.prefix.network & mask;
  } else {
    // SERVICE_CIDR_BLOCK: the Oracle Services Network is not modelled, so such a rule matches nothing.
    return NEVER_MATCHER;
  }
  const ports: PortOptions | undefined = proto === 6 ? rule.tcpOptions : proto === 17 ? rule.udpOptions : undefined;
  const icmp = proto === 1 ? rule.icmpOptions : undefined;
  return {
    proto, net, mask, nsg,
    dstLo: ports?.destinationPortRange?.min ?? ANY, dstHi: ports?.destinationPortRange?.max ?? ANY,
    srcLo: ports?.sourcePortRange?.min ?? ANY, srcHi: ports?.sourcePortRange?.max ?? ANY,
    icmpType: icmp?.type ?? ANY, icmpCode: icmp?.code ?? ANY,
    stateless: rule.isStateless,
  };
}

const ruleCache = new WeakMap<object, Matcher>();

function compileListRule(rule: IngressSecurityRule | EgressSecurityRule): Matcher {
  let m = ruleCache.get(rule);
  if (m === undefined) {
    m = 'source' in rule ? buildMatcher(rule, rule.source, rule.sourceType) : buildMatcher(rule, rule.destination, rule.destinationType);
    ruleCache.set(rule, m);
  }
  return m;
}

function compileNsgRule(rule: NsgSecurityRule): Matcher {
  let m = ruleCache.get(rule);
  if (m === undefined) {
    // isValid false: a referenced NSG was deleted; OCI keeps the rule but it no longer applies.
    if (!rule.isValid) m = NEVER_MATCHER;
    else if (rule.direction === 'INGRESS') m = buildMatcher(rule, rule.source, rule.sourceType ?? 'CIDR_BLOCK');
    else m = buildMatcher(rule, rule.destination, rule.destinationType ?? 'CIDR_BLOCK');
    ruleCache.set(rule, m);
  }
  return m;
}

const listCache = new WeakMap<readonly (IngressSecurityRule | EgressSecurityRule)[], readonly Matcher[]>();

function compileList(rules: readonly (IngressSecurityRule | EgressSecurityRule)[]): readonly Matcher[] {
  let compiled = listCache.get(rules);
  if (compiled === undefined) {
    compiled = rules.map(compileListRule);
    listCache.set(rules, compiled);
  }
  return compiled;
}

const EMPTY_NSG: CompiledNsg = { ingress: [], egress: [] };

/**
 * NSG rules come from a child listing, so neither the array nor its holder is a stable key; the
 * first rule object is. The cached array is checked element by element (identity) before reuse.
 */
const nsgCache = new WeakMap<NsgSecurityRule, { rules: readonly NsgSecurityRule[]; compiled: CompiledNsg }>();

function compileNsg(rules: readonly NsgSecurityRule[]): CompiledNsg {
  const first = rules[0];
  if (first === undefined) return EMPTY_NSG;
  const cached = nsgCache.get(first);
  if (cached !== undefined && sameElements(cached.rules, rules)) return cached.compiled;
  const ingress: IndexedMatcher[] = [];
  const egress: IndexedMatcher[] = [];
  for (const rule of rules) {
    const bucket = rule.direction === 'INGRESS' ? ingress : egress;
    bucket.push({ m: compileNsgRule(rule), index: bucket.length });
  }
  const compiled: CompiledNsg = { ingress, egress };
  nsgCache.set(first, { rules: rules.slice(), compiled });
  return compiled;
}

// ── evaluation ───────────────────────────────────────────────────────────────────────────────────

function matches(m: Matcher, proto: number, p: Packet, peer: number, membership: NsgMembership | undefined): boolean {
  if (m.proto !== ALL && m.proto !== proto) return false; // NEVER equals no packet protocol
  if (m.nsg !== undefined) {
    if (membership === undefined || !membership(m.nsg)(peer)) return false;
  } else if ((peer & m.mask) !== m.net) {
    return false;
  }
  if (m.dstLo !== ANY && !portIn(p.dstPort, m.dstLo, m.dstHi)) return false;
  if (m.srcLo !== ANY && !portIn(p.srcPort, m.srcLo, m.srcHi)) return false;
  if (m.icmpType !== ANY && p.icmpType !== m.icmpType) return false;
  if (m.icmpCode !== ANY && p.icmpCode !== m.icmpCode) return false;
  return true;
}

function allow(holder: { id: string; displayName: string }, direction: Direction, index: number, stateless: boolean): SecurityDecision {
  return { allowed: true, reason: 'RULE_ALLOW', rule: `${holder.displayName} ${direction}[${index}]`, resource: holder.id, stateless };
}

/**
 * Evaluates one packet at a VNIC. `direction` is the VNIC's point of view: ingress checks the source
 * address against rule sources, egress the destination against rule destinations. Security lists
 * are scanned before NSGs, each in order; the first stateless match decides at once, otherwise the
 * first stateful match does; nothing matching is OCI's default deny.
 */
export function evaluateOci(direction: Direction, packet: Packet, vnic: OciVnicSecurity): SecurityDecision {
  const ingress = direction === 'ingress';
  const peer = ingress ? packet.src : packet.dst;
  const proto = PROTOCOL_NUMBER[packet.protocol];
  const membership = vnic.nsgMembership;
  let stateful: SecurityDecision | undefined;

  for (const list of vnic.securityLists) {
    const compiled = compileList(ingress ? list.ingressSecurityRules : list.egressSecurityRules);
    for (let i = 0; i < compiled.length; i++) {
      const m = compiled[i];
      if (m === undefined || !matches(m, proto, packet, peer, membership)) continue;
      if (m.stateless) return allow(list, direction, i, true);
      stateful ??= allow(list, direction, i, false);
    }
  }
  for (const group of vnic.nsgs) {
    const compiled = compileNsg(group.rules);
    for (const { m, index } of ingress ? compiled.ingress : compiled.egress) {
      if (!matches(m, proto, packet, peer, membership)) continue;
      if (m.stateless) return allow(group, direction, index, true);
      stateful ??= allow(group, direction, index, false);
    }
  }
  return stateful ?? { allowed: false, reason: 'DEFAULT_DENY' };
}

/**
 * The reply of a flow seen at the same VNIC. `direction`, `packet` and `forward` describe the forward
 * packet there. A stateful forward decision admits the reply by connection tracking; a stateless one
 * does not track, so the reply (addresses and ports swapped, the other direction) needs its own rule.
 * A denied forward packet has no flow to reply to: its decision is returned as it is.
 */
export function ociReplyAllowed(direction: Direction, packet: Packet, forward: SecurityDecision, vnic: OciVnicSecurity): SecurityDecision {
  if (!forward.allowed) return forward;
  if (forward.stateless !== true) {
    const tracked: SecurityDecision = { allowed: true, reason: 'RULE_ALLOW', rule: `connection tracking (${forward.rule ?? 'no rule'})`, stateless: false };
    if (forward.resource !== undefined) tracked.resource = forward.resource;
    return tracked;
  }
  return evaluateOci(oppositeDirection(direction), replyPacket(packet), vnic);
}
