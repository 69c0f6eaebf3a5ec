// The ExpressRoute gateway's view: the VNet prefixes it advertises to the circuit (its own VNet and
// the spokes that use it through peering; over 1,000, its connection is down, see bgp.ts) and the
// routes it learns from the circuits it is connected to, capped by its SKU's "routes learned" limit.
import { ER_GATEWAY_SKUS } from '../../model/azure/gateway-skus.ts';
import type { VnetPeering } from '../../lifecycle/azure/vnet-peering.ts';
import { AZURE_BGP_ASN } from '../../model/interconnect/providers.ts';
import type { BgpRoute, LinkPath } from '../types.ts';
import type { Routing } from '../routing.ts';
import { gatewayBgpAddressing, instanceAddresses } from './gateway-addressing.ts';
import { siteGatewayPath } from '../interconnect/on-premises.ts';

export function gatewayVnetId(r: Routing, gatewayId: string): string | undefined {
  const gw = r.memo.get('azure.VirtualNetworkGateway', gatewayId);
  const subnetId = gw?.properties.ipConfigurations[0]?.properties.subnet.id;
  return subnetId === undefined ? undefined : r.memo.get('azure.Subnet', subnetId)?.fr.parentId;
}

const peeringsOf = (r: Routing, vnetId: string) => (r.memo.get('azure.VirtualNetwork', vnetId)?.properties.virtualNetworkPeerings ?? []) as VnetPeering[];

/** VNets that reach the circuit through this VNet's gateway (spokes with useRemoteGateways). */
export function spokesUsingGateway(r: Routing, hubVnetId: string): string[] {
  // Memoised per hub: every spoke asks about its hub, and the answer reads all the hub's peerings.
  return r.memo.compute('spokes', hubVnetId, () => peeringsOf(r, hubVnetId)
    .filter((p) => p.properties.peeringState === 'Connected' && p.properties.allowGatewayTransit)
    .map((p) => p.properties.remoteVirtualNetwork.id)
    .filter((spokeId) => peeringsOf(r, spokeId).some((b) => b.properties.remoteVirtualNetwork.id.toLowerCase() === hubVnetId.toLowerCase() && b.properties.useRemoteGateways && b.properties.peeringState === 'Connected')));
}

export function computeGatewayAdvertised(r: Routing, gatewayId: string): string[] {
  const vnetId = gatewayVnetId(r, gatewayId);
  if (vnetId === undefined) return [];
  const out: string[] = [];
  for (const id of [vnetId, ...spokesUsingGateway(r, vnetId)]) out.push(...(r.memo.get('azure.VirtualNetwork', id)?.properties.addressSpace.addressPrefixes ?? []));
  return [...new Set(out)];
}

export interface GatewayLearned {
  routes: BgpRoute[];
  /** Prefixes over the SKU's limit, dropped by the gateway. */
  dropped: number;
  limit: number;
}

export function computeGatewayLearned(r: Routing, gatewayId: string): GatewayLearned {
  const gw = r.memo.get('azure.VirtualNetworkGateway', gatewayId);
  const limit = gw ? ER_GATEWAY_SKUS[gw.properties.sku.name].routesLearned : 0;
  if (!gw || gw.properties.provisioningState !== 'Succeeded') return { routes: [], dropped: 0, limit };
  const byPrefix = new Map<string, BgpRoute>();
  // Next hop of a learned route: the gateway's own addresses on the links that carry it (what its
  // learned routes name as the source peers), never Oracle's peering addresses behind the MSEEs.
  const addressing = gatewayBgpAddressing(r, gatewayId);
  const nextHops = new Map<string, string>();
  const nextHopOf = (paths: readonly LinkPath[]) => {
    const key = paths.join(',');
    let text = nextHops.get(key);
    if (text === undefined) nextHops.set(key, (text = instanceAddresses(addressing, paths).join(',')));
    return text;
  };
  // The sessions share one AS path among their routes; so do the learned routes built from them.
  const asPaths = new Map<number[], number[]>();
  const asPathOf = (received: number[]) => {
    let path = asPaths.get(received);
    if (path === undefined) asPaths.set(received, (path = [AZURE_BGP_ASN, ...received]));
    return path;
  };
  for (const vc of r.memo.list('oci.VirtualCircuit')) {
    const ic = r.interconnect(vc.id);
    if (!ic.gatewayIds.some((g) => g.toLowerCase() === gatewayId.toLowerCase())) continue;
    for (const [prefix, best] of ic.bestToAzure) {
      const first = best.routes[0];
      if (!first) continue;
      const route: BgpRoute = { prefix, network: first.network, asPath: asPathOf(first.asPath), nextHop: nextHopOf(best.paths), best: true, reason: best.reason };
      const prev = byPrefix.get(prefix);
      if (!prev || route.asPath.length < prev.asPath.length) byPrefix.set(prefix, route);
    }
  }
  // On-premises sites on the circuits the gateway is connected to: path "12076 <site ASN>", over the
  // sessions that are up; a prefix OCI also announces keeps OCI's route (first learned, equal length).
  const id = gatewayId.toLowerCase();
  for (const site of r.memo.list('fr.OnPremisesSite')) {
    const sr = r.onPremises(site.id);
    if (!sr || sr.down !== undefined || !sr.gatewayIds.some((g) => g.toLowerCase() === id)) continue;
    const paths = sr.sessions.filter((x) => x.up).map((x) => x.path);
    if (paths.length === 0) continue;
    const asPath = siteGatewayPath(site);
    const reason = paths.length > 1 ? 'ecmp' : 'only-path';
    for (const route of sr.sessions.find((x) => x.up)?.fromSite ?? []) {
      const prev = byPrefix.get(route.prefix);
      if (prev && prev.asPath.length <= asPath.length) continue;
      byPrefix.set(route.prefix, { prefix: route.prefix, network: route.network, asPath, nextHop: nextHopOf(paths), best: true, reason });
    }
  }
  const all = [...byPrefix.values()].sort((a, b) => a.network.network - b.network.network || a.network.length - b.network.length);
  return { routes: all.slice(0, limit), dropped: Math.max(0, all.length - limit), limit };
}

/** The ER gateway a VNet's subnets get BGP routes from: its own, or the hub's through peering. */
export function gatewayForVnet(r: Routing, vnetId: string): string | undefined {
  const id = vnetId.toLowerCase();
  const own = r.memo.list('azure.VirtualNetworkGateway').find((g) => g.properties.gatewayType === 'ExpressRoute' && gatewayVnetId(r, g.id)?.toLowerCase() === id);
  if (own) return own.id;
  for (const p of peeringsOf(r, vnetId)) {
    if (!p.properties.useRemoteGateways || p.properties.peeringState !== 'Connected') continue;
    const hub = p.properties.remoteVirtualNetwork.id;
    const spokes = r.memo.compute('spokeSet', hub, () => new Set(spokesUsingGateway(r, hub).map((s) => s.toLowerCase())));
    if (!spokes.has(id)) continue;
    const hubGw = r.memo.list('azure.VirtualNetworkGateway').find((g) => gatewayVnetId(r, g.id)?.toLowerCase() === hub.toLowerCase());
    if (hubGw) return hubGw.id;
  }
  return undefined;
}
