// What every doctor rule needs to know about the interconnects of the world, computed once per
// world version (memoised with routing, so a change to an unrelated resource keeps it) and shared by
// the rules: each Azure virtual circuit with its circuit, DRG attachments, connections, the VNets
// behind the connected gateways, and what crossed in each direction.
import type { Routing } from '../routing/routing.ts';
import type { InterconnectRouting } from '../routing/types.ts';
import type { VirtualCircuit } from '../model/oci/virtual-circuit.ts';
import type { DrgAttachment } from '../model/oci/drg.ts';
import type { Connection, ExpressRouteCircuit } from '../model/azure/expressroute.ts';
import { cidr, formatPrefix, ipToInt, type Ipv4Prefix } from '../model/cidr.ts';
import { AZURE_PROVIDER_NAME } from '../model/interconnect/providers.ts';
import { connectionsOf, findCircuitByServiceKey } from '../lifecycle/interconnect/handshake.ts';
import { gatewayVnetId, spokesUsingGateway } from '../routing/azure/gateway.ts';
import { isLive } from '../routing/oci/drg-table.ts';
import { FINDINGS, type FindingCode } from './catalogue.ts';
import { PrefixIndex } from '../model/prefix-index.ts';
import type { Finding } from './types.ts';

export interface InterconnectView {
  vc: VirtualCircuit;
  circuit: ExpressRouteCircuit | undefined;
  drgId: string | undefined;
  /** The VC's attachment on its DRG (any lifecycle state). */
  vcAttachment: DrgAttachment | undefined;
  routing: InterconnectRouting;
  /** Live VCN attachments of the VC's DRG. */
  vcnAttachments: DrgAttachment[];
  /** Connections to the circuit (any status, not being deleted). */
  connections: Connection[];
  /** Gateways of those connections (connected or not). */
  linkedGatewayIds: string[];
  /** VNets behind the linked gateways: their own VNets and the spokes that use them. */
  azureVnetIds: string[];
}

const byName = <T>(name: (x: T) => string) => (a: T, b: T) => name(a).localeCompare(name(b));

/** Every interconnect (private virtual circuit to Microsoft Azure that is not terminated). */
export function interconnects(r: Routing): InterconnectView[] {
  return r.memo.compute('doctor', 'interconnects', () => {
    const out: InterconnectView[] = [];
    const vcs = r.memo.list('oci.VirtualCircuit')
      .filter((vc) => vc.providerName === AZURE_PROVIDER_NAME && vc.type === 'PRIVATE' && vc.lifecycleState !== 'TERMINATED')
      .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
    for (const vc of vcs) {
      const circuit = vc.providerServiceKeyName === undefined ? undefined : findCircuitByServiceKey(r.memo, vc.providerServiceKeyName);
      const drgId = vc.gatewayId;
      const attachments = drgId === undefined ? [] : r.memo.children('oci.DrgAttachment', drgId);
      const vcAttachment = attachments.find((a) => a.networkDetails.type === 'VIRTUAL_CIRCUIT' && a.networkDetails.id === vc.id);
      const vcnAttachments = attachments.filter((a) => a.networkDetails.type === 'VCN' && isLive(a)).sort(byName((a) => a.displayName));
      const connections = circuit ? connectionsOf(r.memo, circuit.id).sort(byName((c) => c.name)) : [];
      const linkedGatewayIds = [...new Set(connections.map((c) => c.properties.virtualNetworkGateway1.id))];
      const vnets = new Set<string>();
      for (const g of linkedGatewayIds) {
        const v = gatewayVnetId(r, g);
        if (v === undefined) continue;
        vnets.add(v);
        for (const s of spokesUsingGateway(r, v)) vnets.add(s);
      }
      out.push({ vc, circuit, drgId, vcAttachment, routing: r.interconnect(vc.id), vcnAttachments, connections, linkedGatewayIds, azureVnetIds: [...vnets] });
    }
    return out;
  });
}

/** A prefix with where it came from, for messages. */
export interface LearnedPrefix {
  prefix: string;
  network: Ipv4Prefix;
  vcName: string;
  vcId: string;
}

/** The prefixes the DRG learned from Azure (over every provisioned interconnect on it). */
export function azurePrefixesOfDrg(r: Routing, drgId: string): LearnedPrefix[] {
  return r.memo.compute('doctor.drgAzure', drgId, () => {
    const out = new Map<string, LearnedPrefix>();
    for (const ic of interconnects(r)) {
      if (ic.drgId !== drgId) continue;
      for (const prefix of ic.routing.bestToOci.keys()) {
        if (!out.has(prefix)) out.set(prefix, { prefix, network: cidr(prefix), vcName: ic.vc.displayName, vcId: ic.vc.id });
      }
    }
    return [...out.values()].sort((a, b) => a.network.network - b.network.network || a.network.length - b.network.length);
  });
}

/** VCNs attached to a DRG that carries an interconnect, with that DRG. */
export function interconnectedVcns(r: Routing): Map<string, string> {
  return r.memo.compute('doctor', 'interconnectedVcns', () => {
    const out = new Map<string, string>();
    for (const ic of interconnects(r)) {
      if (ic.drgId === undefined) continue;
      for (const a of ic.vcnAttachments) if (a.networkDetails.type === 'VCN') out.set(a.networkDetails.id, ic.drgId);
    }
    return out;
  });
}

/** VNets linked to an interconnect (behind a gateway with a connection to an interconnect circuit). */
export function interconnectedVnets(r: Routing): Set<string> {
  return r.memo.compute('doctor', 'interconnectedVnets', () => new Set(interconnects(r).flatMap((ic) => ic.azureVnetIds.map((v) => v.toLowerCase()))));
}

/** DRGs that carry at least one interconnect. */
export function interconnectDrgs(r: Routing): Set<string> {
  return new Set(interconnects(r).map((ic) => ic.drgId).filter((d) => d !== undefined));
}

export function finding(code: FindingCode, resources: readonly (string | undefined)[], message: string, fix: string): Finding {
  const ids = [...new Set(resources.filter((x): x is string => x !== undefined && x !== ''))];
  return { code, severity: FINDINGS[code].severity, resources: ids, message, fix };
}

/** "a, b and c" (or "a, b or c") */
export function listOf(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1] ?? ''}`;
}

/** At most `n` items, then "… (k more)". */
export function capped(items: readonly string[], n = 8): string {
  return items.length <= n ? listOf(items) : `${items.slice(0, n).join(', ')} … (${items.length - n} more)`;
}

export const fmt = formatPrefix;

export const vcnName = (r: Routing, id: string): string => r.memo.get('oci.Vcn', id)?.displayName ?? id;
export const vnetName = (r: Routing, id: string): string => r.memo.get('azure.VirtualNetwork', id)?.name ?? id;
export const drgName = (r: Routing, id: string): string => r.memo.get('oci.Drg', id)?.displayName ?? id;
export const gatewayName = (r: Routing, id: string): string => r.memo.get('azure.VirtualNetworkGateway', id)?.name ?? id;

export interface AddressOwner { cloud: 'oci' | 'azure'; id: string; name: string; prefix: string }

/** The VCN CIDR or VNet address prefix that holds an address (the most specific one). */
export function addressOwner(r: Routing, ip: string): AddressOwner | undefined {
  const index = r.memo.compute('doctor', 'addressOwners', () => {
    const idx = new PrefixIndex<AddressOwner>();
    for (const v of r.memo.list('oci.Vcn')) for (const p of v.cidrBlocks) idx.add(cidr(p), { cloud: 'oci', id: v.id, name: v.displayName, prefix: p });
    for (const v of r.memo.list('azure.VirtualNetwork')) for (const p of v.properties.addressSpace.addressPrefixes) idx.add(cidr(p), { cloud: 'azure', id: v.id, name: v.name, prefix: p });
    return idx;
  });
  const address = ipToInt(ip);
  if (address === undefined) return undefined;
  return index.containing({ network: address, length: 32 }).sort((a, b) => b.prefix.length - a.prefix.length)[0]?.value;
}
