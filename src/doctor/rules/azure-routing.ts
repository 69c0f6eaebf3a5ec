// Azure effective routes (interconnect-facts §6.1): the OCI prefixes reach Azure subnets only as BGP
// routes from the ExpressRoute gateway (unless a route table disables propagation) or through an NVA;
// a user-defined route whose next hop is the ExpressRoute gateway is never valid.
import { cidr, containsPrefix, overlaps, type Ipv4Prefix } from '../../model/cidr.ts';
import type { EffectiveTable } from '../../routing/azure/effective.ts';
import { gatewayVnetId, spokesUsingGateway } from '../../routing/azure/gateway.ts';
import type { EffectiveRoute } from '../../routing/types.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { capped, finding, gatewayName, interconnects, listOf, vnetName } from '../context.ts';

const GATEWAY_SUBNET = 'GatewaySubnet';

/** Subnets of a VNet grouped by route table ('' = none), GatewaySubnet left out. */
function subnetsByTable(r: Routing, vnetId: string): Map<string, { id: string; name: string }[]> {
  const out = new Map<string, { id: string; name: string }[]>();
  for (const s of r.memo.children('azure.Subnet', vnetId)) {
    if (s.name === GATEWAY_SUBNET) continue;
    const key = s.properties.routeTable?.id ?? '';
    const list = out.get(key);
    if (list) list.push({ id: s.id, name: s.name });
    else out.set(key, [{ id: s.id, name: s.name }]);
  }
  return out;
}

function udrToGateway(r: Routing): Finding[] {
  const out: Finding[] = [];
  const subnetsOf = new Map<string, { id: string; name: string; vnetId: string }[]>();
  for (const s of r.memo.list('azure.Subnet')) {
    const t = s.properties.routeTable?.id.toLowerCase();
    if (t === undefined) continue;
    const list = subnetsOf.get(t) ?? [];
    list.push({ id: s.id, name: s.name, vnetId: s.fr.parentId });
    subnetsOf.set(t, list);
  }
  for (const table of r.memo.list('azure.RouteTable').sort((a, b) => a.name.localeCompare(b.name))) {
    const routes = r.memo.children('azure.Route', table.id).filter((x) => x.properties.nextHopType === 'VirtualNetworkGateway');
    if (routes.length === 0) continue;
    const users = subnetsOf.get(table.id.toLowerCase()) ?? [];
    for (const route of routes.sort((a, b) => a.name.localeCompare(b.name))) {
      // The effective routes of every subnet using the table say whether the route is Invalid there.
      const invalidIn = users.filter((u) => (r.effective(u.vnetId, table.id)?.routes ?? [])
        .some((e) => e.source === 'User' && e.name === route.name && e.nextHopType === 'VirtualNetworkGateway' && e.state === 'Invalid'));
      if (invalidIn.length === 0) continue;
      const propagation = table.properties.disableBgpRoutePropagation;
      out.push(finding('UDR_TO_ER_GATEWAY', [route.id, table.id, ...invalidIn.map((u) => u.id)],
        `Route ${route.name} (${route.properties.addressPrefix} → VirtualNetworkGateway) of route table ${table.name} is Invalid in subnet${invalidIn.length > 1 ? 's' : ''} ${capped(invalidIn.map((u) => `${u.name} (VNet ${vnetName(r, u.vnetId)})`))}: `
        + `an ExpressRoute gateway cannot be the next hop of a user-defined route${propagation ? ', and the table disables BGP route propagation, so nothing else carries that traffic to OCI' : ''}.`,
        `Delete route ${route.name}: ExpressRoute routes must come from BGP${propagation ? `, so set disableBgpRoutePropagation: false on ${table.name}` : ''}. `
        + 'To force OCI traffic through a firewall, point the UDR at the NVA instead (nextHopType VirtualAppliance).'));
    }
  }
  return out;
}

/** The effective route that decides the whole prefix. */
function decidingRoute(table: EffectiveTable, p: Ipv4Prefix): EffectiveRoute | undefined {
  const m = table.fib.lookup(p.network);
  if (!m) return undefined;
  if (m.length <= p.length) return m.value;
  let best: EffectiveRoute | undefined;
  for (const route of table.routes) {
    if (route.state === 'Active' && containsPrefix(route.prefix, p) && (!best || route.prefix.length >= best.prefix.length)) best = route;
  }
  return best;
}

function noRouteToOci(r: Routing): Finding[] {
  const out: Finding[] = [];
  const gateways = new Map<string, string>();
  for (const ic of interconnects(r)) for (const g of ic.routing.gatewayIds) gateways.set(g.toLowerCase(), g);
  for (const gwId of [...gateways.values()].sort()) {
    const learned = r.gatewayLearned(gwId).routes;
    if (learned.length === 0) continue;
    const hub = gatewayVnetId(r, gwId);
    if (hub === undefined) continue;
    // Learned prefixes that cover Azure's own space are TRANSIT_ADVERTISED_BACK's business.
    const own = r.gatewayAdvertised(gwId).map((p) => cidr(p));
    for (const vnetId of [hub, ...spokesUsingGateway(r, hub)]) {
      for (const [tableId, subnets] of subnetsByTable(r, vnetId)) {
        const table = r.effective(vnetId, tableId === '' ? undefined : tableId);
        if (!table) continue;
        // Propagation on and no UDR: every learned prefix is there as an Active BGP route (or is
        // inside the VNet's own or peered space, which CIDR_OVERLAP covers). Nothing to check.
        const rt0 = tableId === '' ? undefined : r.memo.get('azure.RouteTable', tableId);
        if (!(rt0?.properties.disableBgpRoutePropagation ?? false) && !table.routes.some((x) => x.source === 'User')) continue;
        const bad: { prefix: string; route: EffectiveRoute | undefined }[] = [];
        for (const b of learned) {
          if (own.some((o) => overlaps(o, b.network))) continue;
          const route = decidingRoute(table, b.network);
          if (route && (route.nextHopType === 'VirtualNetworkGateway' || route.nextHopType === 'VirtualAppliance' || route.nextHopType === 'VnetLocal' || route.nextHopType === 'VNetPeering')) continue;
          // An Invalid UDR to the gateway covering it is the cause: UDR_TO_ER_GATEWAY says so.
          if (table.routes.some((x) => x.state === 'Invalid' && x.source === 'User' && x.nextHopType === 'VirtualNetworkGateway' && containsPrefix(x.prefix, b.network))) continue;
          bad.push({ prefix: b.prefix, route });
        }
        if (bad.length === 0) continue;
        const rt = rt0;
        const disabled = rt?.properties.disableBgpRoutePropagation ?? false;
        const via = [...new Set(bad.map((x) => x.route ? `${x.route.source} ${x.route.addressPrefix.join(',')} → ${x.route.nextHopType}` : 'no route'))];
        out.push(finding('AZURE_NO_ROUTE_TO_OCI', [rt?.id, ...subnets.map((s) => s.id), gwId],
          `Subnet${subnets.length > 1 ? 's' : ''} ${capped(subnets.map((s) => s.name).sort())} of VNet ${vnetName(r, vnetId)}${rt ? ` (route table ${rt.name})` : ''} ${subnets.length > 1 ? 'have' : 'has'} no usable route to the OCI prefixes ${capped(bad.map((x) => x.prefix))} learned by gateway ${gatewayName(r, gwId)}: `
          + `${disabled ? `${rt?.name ?? 'the route table'} disables BGP route propagation and no UDR covers them` : 'a user-defined route overrides them'}, so the traffic follows ${listOf(via)} and never reaches OCI.`,
          disabled
            ? `Set disableBgpRoutePropagation: false on ${rt?.name ?? 'the route table'} so the gateway's routes reach the subnets, or add UDRs for ${listOf(bad.map((x) => x.prefix))} to a network virtual appliance (nextHopType VirtualAppliance) that forwards to the gateway.`
            : `Remove or re-target the UDRs that catch ${listOf(bad.map((x) => x.prefix))} (Internet or None next hops) in ${rt?.name ?? 'the route table'}.`));
      }
    }
  }
  return out;
}

export function azureRoutingRules(r: Routing, _lab?: Lab): Finding[] {
  return [...udrToGateway(r), ...noRouteToOci(r)];
}
