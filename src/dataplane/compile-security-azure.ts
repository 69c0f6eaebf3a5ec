// Azure NSGs as nftables chains in the VNet router, on the NIC's interface. The same inputs as the
// engine (trace/security-context.ts: the NIC's NSG and its subnet's) and the same semantics
// (security/azure.ts): user and default rules by priority, first match wins; inbound the subnet's
// NSG then the NIC's, outbound the NIC's then the subnet's; both must allow. Stateful: a reply passes
// when its flow's first packet would pass now (both NSGs, the other direction); otherwise it is
// judged as a packet of its own. Service tags as the engine resolves them: VirtualNetwork is the
// VNet's space, its connected peers' and what its ExpressRoute gateway learned (a named set);
// Internet everything else but 168.63.129.16; AzureLoadBalancer that address; unknown tags nothing.
import { armKey } from '../model/ids.ts';
import type { SecurityRule, SecurityRuleProperties } from '../model/azure/network.ts';
import type { ArmChild } from '../model/azure/common.ts';
import { AZURE_LOAD_BALANCER_IP, type AzureNsgRules } from '../security/azure.ts';
import { intToIp } from '../model/cidr.ts';
import { nicNsgs } from '../trace/security-context.ts';
import { AZURE_HOST_PREFIX, virtualNetworkTagPrefixes } from '../routing/diagnostics/nic.ts';
import type { Routing } from '../routing/routing.ts';
import { disjointPrefixes, dstAddr, dstPort, nftSet, srcAddr, srcPort, type View } from './nft-match.ts';
import type { PlanChain, PlanSet } from './plan.ts';

const ALB = intToIp(AZURE_LOAD_BALANCER_IP);
export const VNET_TAG_SET = 'vnet_tag';
/** Set on a packet whose flow the other direction's NSGs would not admit now (so it is judged afresh). */
const NOT_ADMITTED = '0x1';

const specs = (single: string | undefined, list: readonly string[] | undefined): string[] => (single === undefined || single === '' ? [...(list ?? [])] : [single, ...(list ?? [])]);
const PROTOCOLS: ReadonlyMap<string, string> = new Map([['*', ''], ['tcp', 'meta l4proto 6'], ['udp', 'meta l4proto 17'], ['icmp', 'meta l4proto 1']]);

/** The VirtualNetwork tag's prefixes as the engine counts them (without the host address 168.63.129.16). */
export function vnetTagSet(r: Routing, vnetId: string): PlanSet {
  const elements = disjointPrefixes(virtualNetworkTagPrefixes(r, vnetId).filter((p) => p !== AZURE_HOST_PREFIX));
  return { name: VNET_TAG_SET, elements, why: 'the VirtualNetwork service tag seen from this VNet: its space, connected peers, prefixes learned over ExpressRoute' };
}

/** Alternative matches of an address list (any one suffices); [] matches nothing, [''] everything. */
function addresses(entries: readonly string[], field: string): string[] {
  if (entries.some((e) => e.trim() === '*')) return [''];
  const prefixes: string[] = [];
  const out: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    const tag = entry.toLowerCase();
    if (tag === 'virtualnetwork') out.push(`${field} @${VNET_TAG_SET}`);
    else if (tag === 'internet') out.push(`${field} != @${VNET_TAG_SET} ${field} != ${ALB}`);
    else if (tag === 'azureloadbalancer') prefixes.push(ALB);
    else if (/^[\d.]+(\/\d{1,2})?$/.test(entry)) prefixes.push(entry);
  }
  const disjoint = disjointPrefixes(prefixes);
  if (disjoint.includes('0.0.0.0/0')) return [''];
  if (disjoint.length > 0) out.unshift(`${field} ${nftSet(disjoint)}`);
  return out;
}

/** A port list as a match, '' for any, undefined when no entry is a valid port or range (the rule never fires). */
function ports(entries: readonly string[], field: string): string | undefined {
  if (entries.length === 0 || entries.some((e) => e.trim() === '*')) return '';
  const ranges = entries.map((e) => e.trim()).filter((e) => /^\d{1,5}(-\d{1,5})?$/.test(e));
  return ranges.length === 0 ? undefined : `${field} ${nftSet(ranges)}`;
}

/** The nft statements of one rule with its verdict: several when its source or destination lists mix kinds. */
function ruleStatements(p: SecurityRuleProperties, view: View, verdict: string): string[] {
  const proto = PROTOCOLS.get(p.protocol.toLowerCase());
  if (proto === undefined) return [];
  const dport = ports(specs(p.destinationPortRange, p.destinationPortRanges), dstPort(view));
  const sport = ports(specs(p.sourcePortRange, p.sourcePortRanges), srcPort(view));
  if (dport === undefined || sport === undefined) return [];
  const portMatch = [dport, sport].filter((x) => x !== '');
  // A port restriction never matches a packet without ports (ICMP); `th` must not read an ICMP header as ports.
  let protoMatch = proto;
  if (portMatch.length > 0) {
    if (proto === 'meta l4proto 1') return [];
    if (proto === '') protoMatch = 'meta l4proto { 6, 17 }';
  }
  const out: string[] = [];
  for (const src of addresses(specs(p.sourceAddressPrefix, p.sourceAddressPrefixes), srcAddr(view))) {
    for (const dst of addresses(specs(p.destinationAddressPrefix, p.destinationAddressPrefixes), dstAddr(view))) {
      out.push([protoMatch, src, dst, ...portMatch, verdict].filter((x) => x !== '').join(' '));
    }
  }
  return out;
}

/** An NSG's rules of one direction, user rules before defaults of equal priority (as the engine sorts). */
function ordered(held: AzureNsgRules, direction: 'Inbound' | 'Outbound'): ArmChild<SecurityRuleProperties>[] {
  const all: ArmChild<SecurityRuleProperties>[] = [...held.rules as SecurityRule[], ...held.nsg.properties.defaultSecurityRules];
  return all.filter((x) => x.properties.direction === direction).sort((a, b) => a.properties.priority - b.properties.priority);
}

/** The chains of one NSG in one namespace: judging packets, and asking whether a reply's flow would be admitted. */
function nsgChains(held: AzureNsgRules, chain: string): PlanChain[] {
  const out: PlanChain[] = [];
  for (const direction of ['Inbound', 'Outbound'] as const) {
    const name = `${chain}_${direction === 'Inbound' ? 'in' : 'out'}`;
    const rules = ordered(held, direction);
    out.push({
      name, rules: [...rules.flatMap((x) => ruleStatements(x.properties, 'packet', x.properties.access === 'Allow' ? 'return' : 'drop')), 'drop'],
      why: `${held.nsg.name} ${direction}: by priority, first match wins`,
    }, {
      name: `${name}_flow`,
      rules: [...rules.flatMap((x) => ruleStatements(x.properties, 'flow', x.properties.access === 'Allow' ? 'return' : `meta mark set ${NOT_ADMITTED} return`)), `meta mark set ${NOT_ADMITTED} return`],
      why: `${held.nsg.name} ${direction}, read for a reply: would its flow's first packet pass?`,
    });
  }
  return out;
}

/** Builds the NSG part of a VNet router's firewall, NIC by NIC; NSG chains are shared by the NICs behind them. */
export class AzureNsgChains {
  readonly chains: PlanChain[] = [];
  readonly dispatch: string[] = [];
  private readonly nsgNames = new Map<string, string>();

  constructor(private readonly r: Routing) {}

  private chainOf(held: AzureNsgRules): string {
    const key = armKey(held.nsg.id);
    let name = this.nsgNames.get(key);
    if (name === undefined) {
      name = `nsg${this.nsgNames.size}`;
      this.nsgNames.set(key, name);
      this.chains.push(...nsgChains(held, name));
    }
    return name;
  }

  /** The NIC on router interface `dev`; nothing when neither it nor its subnet has an NSG. */
  nic(nicId: string, dev: string): void {
    const nic = this.r.memo.get('azure.NetworkInterface', nicId);
    const subnetId = nic?.properties.ipConfigurations[0]?.properties.subnet.id;
    if (!nic || subnetId === undefined) return;
    const held = nicNsgs(this.r, nic, subnetId);
    const subnet = held.subnetNsg ? this.chainOf(held.subnetNsg) : undefined;
    const own = held.nicNsg ? this.chainOf(held.nicNsg) : undefined;
    if (subnet === undefined && own === undefined) return;
    const inbound = [subnet, own].filter((x) => x !== undefined);
    const outbound = [own, subnet].filter((x) => x !== undefined);
    const ip = nic.properties.ipConfigurations[0]?.properties.privateIPAddress ?? '';
    for (const [dir, judged, flowOf] of [['in', inbound, outbound], ['out', outbound, inbound]] as const) {
      const base = `${dev}_${dir}`;
      const flowDir = dir === 'in' ? 'out' : 'in';
      this.chains.push(
        { name: base, rules: [`ct direction reply goto ${base}_flow`, `goto ${base}_rules`], why: `${dir === 'in' ? 'Inbound' : 'Outbound'} at NIC ${ip} (${nic.name})` },
        {
          name: `${base}_flow`,
          rules: [`meta mark set 0x0`, ...flowOf.flatMap((c) => [`jump ${c}_${flowDir}_flow`, `meta mark ${NOT_ADMITTED} goto ${base}_rules`]), 'return'],
          why: 'NSGs are stateful: a reply passes when its flow would be admitted now',
        },
        { name: `${base}_rules`, rules: [...judged.map((c) => `jump ${c}_${dir}`), 'return'], why: dir === 'in' ? 'the subnet\'s NSG, then the NIC\'s' : 'the NIC\'s NSG, then the subnet\'s' },
      );
    }
    this.dispatch.push(`iifname "${dev}" jump ${dev}_out`, `oifname "${dev}" jump ${dev}_in`);
  }
}
