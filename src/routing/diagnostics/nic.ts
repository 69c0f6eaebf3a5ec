// A NIC's effective routes and effective NSGs in ARM's wire shapes (interconnect-facts §6.1–6.2,
// api-shapes §2.4): `POST …/networkInterfaces/{nic}/effectiveRouteTable` and
// `…/effectiveNetworkSecurityGroups`.
import { intToIp, parseCidr, type Ipv4Prefix } from '../../model/cidr.ts';
import type { VnetPeering } from '../../lifecycle/azure/vnet-peering.ts';
import type { NetworkInterface, SecurityRuleProperties } from '../../model/azure/network.ts';
import type { ArmChild } from '../../model/azure/common.ts';
import type { AzureNsgRules } from '../../security/azure.ts';
import { nicNsgs } from '../../trace/security-context.ts';
import type { EffectiveRoute } from '../types.ts';
import type { Routing } from '../routing.ts';
import { nicById, primaryIpConfig } from './resolve.ts';
import type {
  EffectiveNetworkSecurityGroup, EffectiveNetworkSecurityGroupListResult, EffectiveNetworkSecurityRule, EffectiveRouteListResult, EffectiveRouteWire,
} from './types.ts';

/** The platform's host address (DNS, health probes): part of VirtualNetwork and the AzureLoadBalancer tag. */
export const AZURE_HOST_PREFIX = '168.63.129.16/32';

// ── effective routes ───────────────────────────────────────────────────────────────────────────

/** ARM's EffectiveRoute: FastRoute's explanation fields (invalidReason, routeTableId, prefix, remoteVnetId) left out. */
export function effectiveRouteToWire(route: EffectiveRoute): EffectiveRouteWire {
  return {
    ...(route.name === undefined ? {} : { name: route.name }),
    disableBgpRoutePropagation: route.disableBgpRoutePropagation,
    source: route.source,
    state: route.state,
    addressPrefix: [...route.addressPrefix],
    nextHopIpAddress: [...route.nextHopIpAddress],
    nextHopType: route.nextHopType,
  };
}

/** The subnet of the NIC's primary IP configuration. */
function nicSubnetId(nic: NetworkInterface): string | undefined {
  return primaryIpConfig(nic)?.properties.subnet.id;
}

/**
 * Effective routes of a NIC: its subnet's routes (system, BGP from the ExpressRoute gateway, UDRs),
 * Active and Invalid, in the order routing lists them. Peering routes keep next hop type
 * "VNetPeering" ([U]: ARM's enum does not list it; other tools show that string).
 */
export function nicEffectiveRoutes(r: Routing, nicId: string): EffectiveRouteListResult {
  const nic = nicById(r, nicId);
  const subnetId = nicSubnetId(nic);
  const table = subnetId === undefined ? undefined : r.subnetEffective(subnetId);
  return { value: (table?.routes ?? []).map(effectiveRouteToWire) };
}

// ── service tags ───────────────────────────────────────────────────────────────────────────────

function sortPrefixes(prefixes: Iterable<string>): string[] {
  const parsed = [...new Set(prefixes)].map((p) => ({ p, c: parseCidr(p, false) }));
  return parsed
    .sort((a, b) => (a.c.ok && b.c.ok ? a.c.prefix.network - b.c.prefix.network || a.c.prefix.length - b.c.prefix.length : a.p.localeCompare(b.p)))
    .map((x) => x.p);
}

/**
 * The prefixes of the VirtualNetwork service tag seen from a VNet, as the NSG evaluator counts them
 * (trace/security-context.ts): the VNet's space, Connected peers' spaces and the prefixes its
 * ExpressRoute gateway learned, plus the host address 168.63.129.16/32 as Azure lists it.
 */
export function virtualNetworkTagPrefixes(r: Routing, vnetId: string): string[] {
  const vnet = r.memo.get('azure.VirtualNetwork', vnetId);
  const out: string[] = [...(vnet?.properties.addressSpace.addressPrefixes ?? [])];
  for (const peering of (vnet?.properties.virtualNetworkPeerings ?? []) as VnetPeering[]) {
    if (peering.properties.peeringState !== 'Connected') continue;
    out.push(...(r.memo.get('azure.VirtualNetwork', peering.properties.remoteVirtualNetwork.id)?.properties.addressSpace.addressPrefixes ?? []));
  }
  const gatewayId = r.effective(vnetId, undefined)?.gatewayId;
  if (gatewayId !== undefined) for (const b of r.gatewayLearned(gatewayId).routes) out.push(b.prefix);
  out.push(AZURE_HOST_PREFIX);
  return sortPrefixes(out);
}

/** The smallest set of CIDR blocks covering [lo, hi] (inclusive, as plain numbers). */
function rangeToCidrs(lo: number, hi: number): string[] {
  const out: string[] = [];
  let start = lo;
  while (start <= hi) {
    let size = 1;
    let length = 32;
    while (length > 0 && start % (size * 2) === 0 && start + size * 2 - 1 <= hi) {
      size *= 2;
      length--;
    }
    out.push(`${intToIp(start)}/${length}`);
    start += size;
  }
  return out;
}

/** Everything outside the given prefixes, as CIDR blocks. */
export function complementOf(prefixes: readonly Ipv4Prefix[]): string[] {
  const ranges = prefixes.map((p) => [p.network, p.network + 2 ** (32 - p.length) - 1] as const).sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push(...rangeToCidrs(next, lo - 1));
    next = Math.max(next, hi + 1);
  }
  if (next <= 0xffffffff) out.push(...rangeToCidrs(next, 0xffffffff));
  return out;
}

interface TagExpansion { VirtualNetwork: string[]; AzureLoadBalancer: string[]; Internet: string[] }

function tagExpansion(r: Routing, vnetId: string | undefined): TagExpansion {
  const vnet = vnetId === undefined ? [AZURE_HOST_PREFIX] : virtualNetworkTagPrefixes(r, vnetId);
  return {
    VirtualNetwork: vnet,
    AzureLoadBalancer: [AZURE_HOST_PREFIX],
    // The evaluator's Internet: everything outside VirtualNetwork and the host address.
    Internet: complementOf(vnet.flatMap((p) => {
      const parsed = parseCidr(p, false);
      return parsed.ok ? [parsed.prefix] : [];
    })),
  };
}

// ── effective security rules ───────────────────────────────────────────────────────────────────

const specs = (single: string | undefined, list: readonly string[]): string[] => (single === undefined || single === '' ? [...list] : [single, ...list]);

/** "*" → "0-65535", "22" → "22-22", ranges as they are (Azure's effective-rule form). */
function portRanges(single: string | undefined, list: readonly string[]): string[] {
  const raw = specs(single, list).map((p) => p.trim());
  if (raw.length === 0) return ['0-65535'];
  return raw.map((p) => (p === '*' ? '0-65535' : p.includes('-') ? p : `${p}-${p}`));
}

/** "*" → "0.0.0.0/0"; service tags and prefixes as they are. */
function addressPrefixes(single: string | undefined, list: readonly string[]): string[] {
  const raw = specs(single, list).map((p) => p.trim());
  if (raw.length === 0) return ['0.0.0.0/0'];
  return raw.map((p) => (p === '*' ? '0.0.0.0/0' : p));
}

/** Service tags expanded to their prefixes; plain prefixes and "*" expand to nothing (as Azure shows them). */
function expanded(entries: readonly string[], tags: TagExpansion): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const tag = e.toLowerCase();
    if (tag === 'virtualnetwork') out.push(...tags.VirtualNetwork);
    else if (tag === 'azureloadbalancer') out.push(...tags.AzureLoadBalancer);
    else if (tag === 'internet') out.push(...tags.Internet);
  }
  return [...new Set(out)];
}

function protocolOf(p: SecurityRuleProperties['protocol']): EffectiveNetworkSecurityRule['protocol'] {
  return p === '*' ? 'All' : p;
}

function effectiveRule(rule: ArmChild<SecurityRuleProperties>, isDefault: boolean, tags: TagExpansion): EffectiveNetworkSecurityRule {
  const p = rule.properties;
  const srcPorts = portRanges(p.sourcePortRange, p.sourcePortRanges);
  const dstPorts = portRanges(p.destinationPortRange, p.destinationPortRanges);
  const src = addressPrefixes(p.sourceAddressPrefix, p.sourceAddressPrefixes);
  const dst = addressPrefixes(p.destinationAddressPrefix, p.destinationAddressPrefixes);
  const one = (list: string[]) => (list.length === 1 ? list[0] : undefined);
  const srcPort = one(srcPorts);
  const dstPort = one(dstPorts);
  const srcPrefix = one(src);
  const dstPrefix = one(dst);
  return {
    name: `${isDefault ? 'defaultSecurityRules' : 'securityRules'}/${rule.name}`,
    protocol: protocolOf(p.protocol),
    ...(srcPort === undefined ? {} : { sourcePortRange: srcPort }),
    ...(dstPort === undefined ? {} : { destinationPortRange: dstPort }),
    sourcePortRanges: srcPorts,
    destinationPortRanges: dstPorts,
    ...(srcPrefix === undefined ? {} : { sourceAddressPrefix: srcPrefix }),
    ...(dstPrefix === undefined ? {} : { destinationAddressPrefix: dstPrefix }),
    sourceAddressPrefixes: src,
    destinationAddressPrefixes: dst,
    expandedSourceAddressPrefix: expanded(src, tags),
    expandedDestinationAddressPrefix: expanded(dst, tags),
    access: p.access,
    priority: p.priority,
    direction: p.direction,
  };
}

const DIRECTION_ORDER = { Inbound: 0, Outbound: 1 } as const;

function effectiveNsg(held: AzureNsgRules, association: EffectiveNetworkSecurityGroup['association'], tags: TagExpansion): EffectiveNetworkSecurityGroup {
  const rules = [
    ...held.rules.map((x) => effectiveRule(x, false, tags)),
    ...held.nsg.properties.defaultSecurityRules.map((x) => effectiveRule(x, true, tags)),
  ].sort((a, b) => DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction] || a.priority - b.priority || a.name.localeCompare(b.name));
  return {
    networkSecurityGroup: { id: held.nsg.id },
    association,
    effectiveSecurityRules: rules,
    tagMap: JSON.stringify({ AzureLoadBalancer: tags.AzureLoadBalancer, VirtualNetwork: tags.VirtualNetwork }),
  };
}

/**
 * The NSGs in force on a NIC, one entry per association (the NIC's own NSG, then its subnet's), with
 * user and default rules in effective-rule form and service tags expanded.
 */
export function nicEffectiveNsgs(r: Routing, nicId: string): EffectiveNetworkSecurityGroupListResult {
  const nic = nicById(r, nicId);
  const subnetId = nicSubnetId(nic);
  if (subnetId === undefined) return { value: [] };
  const nsgs = nicNsgs(r, nic, subnetId);
  const vnetId = r.memo.get('azure.Subnet', subnetId)?.fr.parentId;
  const tags = tagExpansion(r, vnetId);
  const value: EffectiveNetworkSecurityGroup[] = [];
  if (nsgs.nicNsg) value.push(effectiveNsg(nsgs.nicNsg, { networkInterface: { id: nic.id } }, tags));
  if (nsgs.subnetNsg) value.push(effectiveNsg(nsgs.subnetNsg, { subnet: { id: subnetId } }, tags));
  return { value };
}
