// Azure's precedence among the effective routes of one subnet (interconnect-facts §6.1): a BGP route
// inside the VNet's own or a peered address space is Invalid (system routes win over more specific
// BGP routes); for the same prefix User > VirtualNetworkGateway > Default and the others are
// Invalid; among Active routes the longest prefix wins. This is the whole-table reference: routing
// applies it to a VNet's own routes plus the few gateway routes they touch (effective.ts).
import { containsPrefix, type Ipv4Prefix } from '../../model/cidr.ts';
import { Fib } from '../fib.ts';
import type { EffectiveRoute } from '../types.ts';

export const SOURCE_RANK: Record<EffectiveRoute['source'], number> = { User: 0, VirtualNetworkGateway: 1, Default: 2, Unknown: 3 };

export const COVERED_BY_VNET = 'the VNet (or a peered VNet) address space covers this prefix; system routes win over BGP routes';

/** Marks the losers of `routes` Invalid (in place) and returns the Active winner of every prefix. */
export function resolvePrecedence(routes: readonly EffectiveRoute[], systemVnet: readonly Ipv4Prefix[]): Fib<EffectiveRoute> {
  for (const route of routes) {
    if (route.source === 'VirtualNetworkGateway' && systemVnet.some((s) => containsPrefix(s, route.prefix))) {
      route.state = 'Invalid';
      route.invalidReason = COVERED_BY_VNET;
    }
  }
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
  return fib;
}
