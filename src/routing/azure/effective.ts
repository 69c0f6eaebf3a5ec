// Effective routes of a subnet's NICs, as Azure computes them (interconnect-facts §6.1): system
// routes, BGP routes from the ExpressRoute gateway (unless the route table disables propagation),
// and UDRs. Longest prefix wins; for the same prefix User > VirtualNetworkGateway > Default; the
// VNet's own and peered address spaces win even over more specific BGP routes; a UDR to an
// ExpressRoute gateway is never usable.
import { cidr, containsPrefix, overlaps, type Ipv4Prefix } from '../../model/cidr.ts';
import type { VnetPeering } from '../../lifecycle/azure/vnet-peering.ts';
import { Fib } from '../fib.ts';
import type { EffectiveRoute } from '../types.ts';
import type { Routing } from '../routing.ts';
import { gatewayForVnet } from './gateway.ts';

const PRIVATE_NONE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];
const SOURCE_RANK: Record<EffectiveRoute['source'], number> = { User: 0, VirtualNetworkGateway: 1, Default: 2, Unknown: 3 };

export interface EffectiveTable {
  vnetId: string;
  routeTableId?: string;
  routes: EffectiveRoute[];
  /** Active routes by prefix. */
  fib: Fib<EffectiveRoute>;
  gatewayId?: string;
}

export function computeEffective(r: Routing, vnetId: string, routeTableId: string | undefined): EffectiveTable | undefined {
  const vnet = r.memo.get('azure.VirtualNetwork', vnetId);
  if (!vnet) return undefined;
  const table = routeTableId === undefined ? undefined : r.memo.get('azure.RouteTable', routeTableId);
  const space = vnet.properties.addressSpace.addressPrefixes.map((p) => cidr(p));
  const routes: EffectiveRoute[] = [];
  const sys = (prefix: string, nextHopType: EffectiveRoute['nextHopType'], extra: Partial<EffectiveRoute> = {}): EffectiveRoute => ({
    disableBgpRoutePropagation: table?.properties.disableBgpRoutePropagation ?? false, source: 'Default', state: 'Active',
    addressPrefix: [prefix], nextHopIpAddress: [], nextHopType, prefix: cidr(prefix), ...extra,
  });
  for (const p of vnet.properties.addressSpace.addressPrefixes) routes.push(sys(p, 'VnetLocal'));
  const peerSpace: Ipv4Prefix[] = [];
  for (const peering of vnet.properties.virtualNetworkPeerings as VnetPeering[]) {
    if (peering.properties.peeringState !== 'Connected' || !peering.properties.allowVirtualNetworkAccess) continue;
    const remote = r.memo.get('azure.VirtualNetwork', peering.properties.remoteVirtualNetwork.id);
    for (const p of remote?.properties.addressSpace.addressPrefixes ?? []) {
      routes.push(sys(p, 'VNetPeering', { remoteVnetId: peering.properties.remoteVirtualNetwork.id }));
      peerSpace.push(cidr(p));
    }
  }
  routes.push(sys('0.0.0.0/0', 'Internet'));
  for (const p of PRIVATE_NONE) if (!space.some((s) => overlaps(s, cidr(p)))) routes.push(sys(p, 'None'));
  const gatewayId = gatewayForVnet(r, vnetId);
  if (gatewayId !== undefined && !(table?.properties.disableBgpRoutePropagation ?? false)) {
    const learned = r.gatewayLearned(gatewayId);
    for (const b of learned.routes) {
      routes.push({
        disableBgpRoutePropagation: false, source: 'VirtualNetworkGateway', state: 'Active', addressPrefix: [b.prefix],
        nextHopIpAddress: b.nextHop.split(',').filter((x) => x !== ''), nextHopType: 'VirtualNetworkGateway', prefix: b.network,
      });
    }
  }
  const gwIsExpressRoute = gatewayId !== undefined;
  if (table) {
    for (const route of r.memo.children('azure.Route', table.id)) {
      const udr: EffectiveRoute = {
        name: route.name, disableBgpRoutePropagation: table.properties.disableBgpRoutePropagation, source: 'User', state: 'Active',
        addressPrefix: [route.properties.addressPrefix], nextHopIpAddress: route.properties.nextHopIpAddress ? [route.properties.nextHopIpAddress] : [],
        nextHopType: route.properties.nextHopType, prefix: cidr(route.properties.addressPrefix), routeTableId: table.id,
      };
      if (udr.nextHopType === 'VirtualNetworkGateway' && gwIsExpressRoute) {
        udr.state = 'Invalid';
        udr.invalidReason = 'an ExpressRoute gateway cannot be the next hop of a user-defined route; ExpressRoute routes must come from BGP';
      }
      routes.push(udr);
    }
  }
  // System routes for the VNet and its peers win even over more specific BGP routes.
  const systemVnet = [...space, ...peerSpace];
  for (const route of routes) {
    if (route.source === 'VirtualNetworkGateway' && systemVnet.some((s) => containsPrefix(s, route.prefix))) {
      route.state = 'Invalid';
      route.invalidReason = 'the VNet (or a peered VNet) address space covers this prefix; system routes win over BGP routes';
    }
  }
  // Same prefix: User > VirtualNetworkGateway > Default; the others are Invalid.
  const fib = new Fib<EffectiveRoute>();
  const byPrefix = new Map<string, EffectiveRoute[]>();
  for (const route of routes) {
    if (route.state !== 'Active') continue;
    const k = `${route.prefix.network}/${route.prefix.length}`;
    const list = byPrefix.get(k);
    if (list) list.push(route);
    else byPrefix.set(k, [route]);
  }
  for (const list of byPrefix.values()) {
    list.sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source]);
    const [winner, ...losers] = list;
    if (!winner) continue;
    for (const l of losers) { l.state = 'Invalid'; l.invalidReason = `overridden by a ${winner.source} route for the same prefix`; }
    fib.set(winner.prefix, winner);
  }
  return { vnetId, ...(routeTableId === undefined ? {} : { routeTableId }), routes, fib, ...(gatewayId === undefined ? {} : { gatewayId }) };
}
