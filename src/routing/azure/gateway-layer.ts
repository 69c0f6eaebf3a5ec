// The routes an ExpressRoute gateway gives every subnet that takes its BGP routes, built once per
// gateway and shared by all their effective tables (a hub's spokes all see the same thousands of
// learned prefixes). Each table keeps only what differs in its VNet (effective.ts). The route
// objects are shared: nothing may change them.
import { containsPrefix, sortedWithin, type Ipv4Prefix } from '../../model/cidr.ts';
import { Fib } from '../fib.ts';
import type { EffectiveRoute } from '../types.ts';
import type { GatewayLearned } from './gateway.ts';

export interface GatewayRouteLayer {
  /** In the gateway's learned order (by network, then length). */
  routes: readonly EffectiveRoute[];
  fib: Fib<EffectiveRoute>;
  /** Routes whose prefix another learned route already has (the first one of each is listed too). */
  samePrefix: readonly EffectiveRoute[];
  /** Position of each route in `routes`. */
  order: ReadonlyMap<EffectiveRoute, number>;
  /** True when `routes` is ordered by network (what the range search needs). */
  byNetwork: boolean;
}

export function computeGatewayRouteLayer(learned: GatewayLearned): GatewayRouteLayer {
  const fib = new Fib<EffectiveRoute>();
  const samePrefix: EffectiveRoute[] = [];
  // Thousands of routes, a handful of distinct next hops: one array per next hop.
  const nextHops = new Map<string, string[]>();
  const nextHopsOf = (text: string) => {
    let ips = nextHops.get(text);
    if (ips === undefined) nextHops.set(text, (ips = text.split(',').filter((x) => x !== '')));
    return ips;
  };
  const routes = learned.routes.map((b): EffectiveRoute => ({
    disableBgpRoutePropagation: false, source: 'VirtualNetworkGateway', state: 'Active', addressPrefix: [b.prefix],
    nextHopIpAddress: nextHopsOf(b.nextHop), nextHopType: 'VirtualNetworkGateway', prefix: b.network,
  }));
  for (const route of routes) {
    const first = fib.get(route.prefix);
    if (first === undefined) fib.set(route.prefix, route);
    else samePrefix.push(...(samePrefix.includes(first) ? [] : [first]), route);
  }
  const byNetwork = routes.every((r, i) => i === 0 || (routes[i - 1]?.prefix.network ?? 0) <= r.prefix.network);
  return { routes, fib, samePrefix, order: new Map(routes.map((r, i) => [r, i])), byNetwork };
}

/** The layer's routes inside `space` (binary search on the learned order, then a scan of that range). */
export function layerRoutesWithin(layer: GatewayRouteLayer, space: Ipv4Prefix): EffectiveRoute[] {
  if (!layer.byNetwork) return layer.routes.filter((r) => containsPrefix(space, r.prefix));
  return sortedWithin(layer.routes, space, (r) => r.prefix);
}
