// OCI VNIC security as nftables chains in the VCN router, on the VNIC's interface (the VM cannot
// change them, as in OCI). The same inputs as the engine (trace/security-context.ts: the subnet's
// security lists ∪ the VNIC's NSGs) and the same semantics (security/oci.ts): a packet passes when
// any rule allows it; a reply passes by connection tracking only when the flow's first packet was
// allowed statefully, i.e. by no stateless rule (the stateless one wins); otherwise it needs a rule
// of its own. Every first-direction packet is judged by the current rules (the engine has no memory
// of flows), so a removed rule stops a running ping at once.
import { addressIndex } from '../trace/endpoints.ts';
import { vnicSecurity } from '../trace/security-context.ts';
import type { EgressSecurityRule, IngressSecurityRule, NsgSecurityRule } from '../model/oci/security.ts';
import type { Routing } from '../routing/routing.ts';
import type { OciVnicSecurity } from '../security/oci.ts';
import { disjointPrefixes, dstAddr, dstPort, icmpTypeIn, nftSet, portRange, srcAddr, srcPort, type View } from './nft-match.ts';
import type { PlanChain } from './plan.ts';

type Direction = 'ingress' | 'egress';
type AnyRule = IngressSecurityRule | EgressSecurityRule | NsgSecurityRule;

interface Rule {
  rule: AnyRule;
  direction: Direction;
  peer: string | undefined;
  peerType: string | undefined;
}

/** Every rule of a VNIC, security lists first, as the engine scans them. NSG rules whose peer NSG was deleted never apply. */
function rulesOf(sec: OciVnicSecurity): Rule[] {
  const out: Rule[] = [];
  for (const list of sec.securityLists) {
    for (const rule of list.ingressSecurityRules) out.push({ rule, direction: 'ingress', peer: rule.source, peerType: rule.sourceType });
    for (const rule of list.egressSecurityRules) out.push({ rule, direction: 'egress', peer: rule.destination, peerType: rule.destinationType });
  }
  for (const group of sec.nsgs) {
    for (const rule of group.rules) {
      if (!rule.isValid) continue;
      const ingress = rule.direction === 'INGRESS';
      out.push({ rule, direction: ingress ? 'ingress' : 'egress', peer: ingress ? rule.source : rule.destination, peerType: (ingress ? rule.sourceType : rule.destinationType) ?? 'CIDR_BLOCK' });
    }
  }
  return out;
}

/** The primary addresses of the VNICs in each NSG (how the engine resolves NSG-to-NSG rules). */
export function nsgMembers(r: Routing): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const vnics of addressIndex(r).oci.values()) {
    for (const v of vnics) for (const nsg of v.nsgIds) members.set(nsg, [...(members.get(nsg) ?? []), v.privateIp]);
  }
  return members;
}

/**
 * The nft match of one rule, or undefined when it can match nothing (an unknown protocol, the
 * Oracle Services Network, an empty peer NSG). Options count only for the rule's own protocol.
 */
function ociMatch(x: Rule, view: View, members: ReadonlyMap<string, readonly string[]>): string | undefined {
  const { rule } = x;
  const parts: string[] = [];
  if (rule.protocol !== 'all') {
    if (!/^\d{1,3}$/.test(rule.protocol)) return undefined;
    parts.push(`meta l4proto ${rule.protocol}`);
  }
  const field = x.direction === 'ingress' ? srcAddr(view) : dstAddr(view);
  if (x.peer === undefined) return undefined;
  if (x.peerType === 'NETWORK_SECURITY_GROUP') {
    const ips = members.get(x.peer) ?? [];
    if (ips.length === 0) return undefined;
    parts.push(`${field} ${nftSet([...new Set(ips)].sort())}`);
  } else if (x.peerType === undefined || x.peerType === 'CIDR_BLOCK') {
    // Lenient, as the engine: a stored rule is valid; host bits, if any, are masked off.
    const prefix = disjointPrefixes([x.peer])[0];
    if (prefix === undefined) return undefined;
    if (prefix !== '0.0.0.0/0') parts.push(`${field} ${prefix}`);
  } else {
    return undefined;
  }
  const ports = rule.protocol === '6' ? rule.tcpOptions : rule.protocol === '17' ? rule.udpOptions : undefined;
  if (ports?.destinationPortRange) parts.push(`${dstPort(view)} ${portRange(ports.destinationPortRange.min, ports.destinationPortRange.max)}`);
  if (ports?.sourcePortRange) parts.push(`${srcPort(view)} ${portRange(ports.sourcePortRange.min, ports.sourcePortRange.max)}`);
  const icmp = rule.protocol === '1' ? rule.icmpOptions : undefined;
  if (icmp) {
    parts.push(`icmp type ${icmpTypeIn(view, icmp.type)}`);
    if (icmp.code !== undefined) parts.push(`icmp code ${icmp.code}`);
  }
  return parts.join(' ');
}

const statement = (match: string, verdict: string): string => (match === '' ? verdict : `${match} ${verdict}`);

/**
 * The chains guarding one VNIC on router interface `dev`, and the base-chain lines that send its
 * packets there: `<dev>_in` for packets to the VM (ingress), `<dev>_out` for packets from it (egress).
 */
export function ociVnicChains(r: Routing, vnicId: string, dev: string, name: string, members: ReadonlyMap<string, readonly string[]>): { chains: PlanChain[]; dispatch: string[] } | undefined {
  const vnic = r.memo.get('oci.Vnic', vnicId);
  if (!vnic) return undefined;
  const rules = rulesOf(vnicSecurity(r, vnic));
  const chains: PlanChain[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const base = `${dev}_${direction === 'ingress' ? 'in' : 'out'}`;
    const opposite = direction === 'ingress' ? 'egress' : 'ingress';
    const flow: string[] = [];
    for (const x of rules.filter((y) => y.direction === opposite && y.rule.isStateless)) {
      const m = ociMatch(x, 'flow', members);
      if (m !== undefined) flow.push(statement(m, `goto ${base}_rules`));
    }
    for (const x of rules.filter((y) => y.direction === opposite && !y.rule.isStateless)) {
      const m = ociMatch(x, 'flow', members);
      if (m !== undefined) flow.push(statement(m, 'return'));
    }
    const own: string[] = [];
    for (const x of rules.filter((y) => y.direction === direction)) {
      const m = ociMatch(x, 'packet', members);
      if (m !== undefined) own.push(statement(m, 'return'));
    }
    chains.push(
      { name: base, rules: ['ct direction reply goto ' + `${base}_flow`, `goto ${base}_rules`], why: `${direction} at VNIC ${vnic.privateIp} (${name})` },
      { name: `${base}_flow`, rules: [...flow, `goto ${base}_rules`], why: `a reply passes by connection tracking when its flow began under a stateful ${opposite} rule and no stateless one` },
      { name: `${base}_rules`, rules: [...own, 'drop'], why: `the ${direction} rules of the security lists and NSGs; nothing matching is OCI's default deny` },
    );
  }
  return { chains, dispatch: [`iifname "${dev}" jump ${dev}_out`, `oifname "${dev}" jump ${dev}_in`] };
}
