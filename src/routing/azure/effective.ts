// Effective routes of a subnet's NICs, as Azure computes them (interconnect-facts §6.1): system
// routes, BGP routes from the ExpressRoute gateway (unless the route table disables propagation),
// and UDRs. Longest prefix wins; for the same prefix User > VirtualNetworkGateway > Default; the
// VNet's own and peered address spaces win even over more specific BGP routes; a UDR to an
// ExpressRoute gateway is never usable.
//
// A table is two layers: the gateway's routes, shared by every VNet that takes them
// (gateway-layer.ts), and this VNet's own routes (system and user) plus private copies of the few
// gateway routes they touch (same prefix, or inside the VNet's or a peer's space). Lookups walk
// both; the flat list is only built when something asks for it. Cost grows with VNets + prefixes.
import { cidr, overlaps, type Ipv4Prefix } from '../../model/cidr.ts';
import type { VnetPeering } from '../../lifecycle/azure/vnet-peering.ts';
import type { RouteLookup } from '../fib.ts';
import type { EffectiveRoute } from '../types.ts';
import type { Routing } from '../routing.ts';
import { gatewayForVnet } from './gateway.ts';
import { layerRoutesWithin, type GatewayRouteLayer } from './gateway-layer.ts';
import { resolvePrecedence } from './effective-precedence.ts';

const PRIVATE_NONE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

export interface EffectiveTable {
  vnetId: string;
  routeTableId?: string;
  /** Every route (system, BGP, user; Active and Invalid) in Azure's listing order. Built on first use. */
  readonly routes: EffectiveRoute[];
  /** Number of routes in `routes`, without building it. */
  readonly routeCount: number;
  /** Longest-prefix match over the Active routes. */
  fib: RouteLookup<EffectiveRoute>;
  gatewayId?: string;
}

/** The VNet's own routes over the gateway's shared ones. */
class LayeredEffectiveTable implements EffectiveTable, RouteLookup<EffectiveRoute> {
  private flat: EffectiveRoute[] | undefined;

  constructor(
    readonly vnetId: string,
    readonly routeTableId: string | undefined,
    readonly gatewayId: string | undefined,
    /** System routes, then user routes, decided in this VNet. */
    private readonly system: readonly EffectiveRoute[],
    private readonly user: readonly EffectiveRoute[],
    /** The gateway's routes when this table takes them. */
    private readonly layer: GatewayRouteLayer | undefined,
    /** Shared gateway route → this VNet's decided copy, for those this VNet's routes touch. */
    private readonly touched: ReadonlyMap<EffectiveRoute, EffectiveRoute>,
    private readonly own: RouteLookup<EffectiveRoute>,
  ) {}

  get fib(): RouteLookup<EffectiveRoute> {
    return this;
  }

  get routeCount(): number {
    return this.system.length + (this.layer?.routes.length ?? 0) + this.user.length;
  }

  get routes(): EffectiveRoute[] {
    if (this.flat === undefined) {
      const bgp = this.layer === undefined ? [] : this.layer.routes.map((r) => this.touched.get(r) ?? r);
      this.flat = [...this.system, ...bgp, ...this.user];
    }
    return this.flat;
  }

  /**
   * The own layer's match unless a longer gateway route matches that this VNet does not touch. A
   * touched gateway route needs no second look: its own decided copy is in the own layer, and when
   * the VNet's space covers it, that space (in the own layer) is longer than any gateway route
   * still Active here.
   */
  lookup(address: number): { length: number; value: EffectiveRoute } | undefined {
    const own = this.own.lookup(address);
    if (this.layer === undefined) return own;
    const shared = this.layer.fib.lookup(address);
    if (shared === undefined || this.touched.has(shared.value)) return own;
    return own === undefined || shared.length > own.length ? shared : own;
  }
}

export function computeEffective(r: Routing, vnetId: string, routeTableId: string | undefined): EffectiveTable | undefined {
  const vnet = r.memo.get('azure.VirtualNetwork', vnetId);
  if (!vnet) return undefined;
  const table = routeTableId === undefined ? undefined : r.memo.get('azure.RouteTable', routeTableId);
  const space = vnet.properties.addressSpace.addressPrefixes.map((p) => cidr(p));
  const system: EffectiveRoute[] = [];
  const sys = (prefix: string, nextHopType: EffectiveRoute['nextHopType'], extra: Partial<EffectiveRoute> = {}): EffectiveRoute => ({
    disableBgpRoutePropagation: table?.properties.disableBgpRoutePropagation ?? false, source: 'Default', state: 'Active',
    addressPrefix: [prefix], nextHopIpAddress: [], nextHopType, prefix: cidr(prefix), ...extra,
  });
  for (const p of vnet.properties.addressSpace.addressPrefixes) system.push(sys(p, 'VnetLocal'));
  const peerSpace: Ipv4Prefix[] = [];
  for (const peering of vnet.properties.virtualNetworkPeerings as VnetPeering[]) {
    if (peering.properties.peeringState !== 'Connected' || !peering.properties.allowVirtualNetworkAccess) continue;
    // What is peered (remoteAddressSpace), not the remote's current space: a change needs a sync first.
    if (!r.memo.get('azure.VirtualNetwork', peering.properties.remoteVirtualNetwork.id)) continue;
    for (const p of peering.properties.remoteAddressSpace.addressPrefixes) {
      system.push(sys(p, 'VNetPeering', { remoteVnetId: peering.properties.remoteVirtualNetwork.id }));
      peerSpace.push(cidr(p));
    }
  }
  system.push(sys('0.0.0.0/0', 'Internet'));
  for (const p of PRIVATE_NONE) if (!space.some((s) => overlaps(s, cidr(p)))) system.push(sys(p, 'None'));
  const gatewayId = gatewayForVnet(r, vnetId);
  const layer = gatewayId !== undefined && !(table?.properties.disableBgpRoutePropagation ?? false) ? r.gatewayRouteLayer(gatewayId) : undefined;
  const gwIsExpressRoute = gatewayId !== undefined;
  const user: EffectiveRoute[] = [];
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
      user.push(udr);
    }
  }
  return layeredEffectiveTable({ vnetId, routeTableId, gatewayId, system, user, layer, systemVnet: [...space, ...peerSpace] });
}

export interface EffectiveParts {
  vnetId: string;
  routeTableId: string | undefined;
  gatewayId: string | undefined;
  /** The VNet's system routes (VnetLocal, VNetPeering, Internet, None) and user routes, fresh objects. */
  system: EffectiveRoute[];
  user: EffectiveRoute[];
  /** The gateway's shared routes, when the table takes them. */
  layer: GatewayRouteLayer | undefined;
  /** The VNet's own and its Connected peers' address spaces. */
  systemVnet: Ipv4Prefix[];
}

/** Decides this VNet's own routes and the gateway routes they touch; the rest stays shared. */
export function layeredEffectiveTable(parts: EffectiveParts): EffectiveTable {
  const { system, user, layer, systemVnet } = parts;
  // The gateway routes this VNet's routes can change: same prefix as one of them, inside its (or a
  // peer's) space, or sharing a prefix with another gateway route. Each gets a private copy.
  const touched = new Map<EffectiveRoute, EffectiveRoute>();
  if (layer) {
    const touch = (shared: EffectiveRoute | undefined) => { if (shared && !touched.has(shared)) touched.set(shared, { ...shared }); };
    for (const own of [...system, ...user]) touch(layer.fib.get(own.prefix));
    for (const s of systemVnet) for (const shared of layerRoutesWithin(layer, s)) touch(shared);
    for (const shared of layer.samePrefix) touch(shared);
  }
  // The learned order keeps same-prefix ties as the whole table would have them.
  const copies = layer === undefined ? [] : [...touched].sort(([a], [b]) => (layer.order.get(a) ?? 0) - (layer.order.get(b) ?? 0)).map(([, copy]) => copy);
  const own = resolvePrecedence([...system, ...copies, ...user], systemVnet);
  return new LayeredEffectiveTable(parts.vnetId, parts.routeTableId, parts.gatewayId, system, user, layer, touched, own);
}
