// What Microsoft says must never be configured on the GatewaySubnet (docs/findings.md cites the pages):
// no NSG on it, no user-defined 0.0.0.0/0 route in its route table, BGP route propagation left enabled
// on that table (or the gateway stops working), and no UDR overlapping the GatewaySubnet's range.
// FastRoute's engine accepts these as ARM does once a gateway exists; the doctor says what breaks.
import { cidr, containsPrefix, overlaps, type Ipv4Prefix } from '../../model/cidr.ts';
import type { Route, RouteTable, Subnet, VirtualNetwork } from '../../model/azure/network.ts';
import type { VnetPeering } from '../../lifecycle/azure/vnet-peering.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { capped, finding, gatewayName } from '../context.ts';

const GATEWAY_SUBNET = 'GatewaySubnet';
const DEFAULT_ROUTE = '0.0.0.0/0';

export interface GatewaySubnetView {
  vnet: VirtualNetwork;
  subnet: Subnet;
  /** The ExpressRoute gateway in it, if any. */
  gatewayId: string | undefined;
  table: RouteTable | undefined;
  routes: Route[];
}

/** Every GatewaySubnet with its gateway and route table (shared with the FastPath rules). */
export function gatewaySubnets(r: Routing): GatewaySubnetView[] {
  return r.memo.compute('doctor', 'gatewaySubnets', () => {
    const gatewayBySubnet = new Map<string, string>();
    for (const g of r.memo.list('azure.VirtualNetworkGateway')) {
      const s = g.properties.ipConfigurations[0]?.properties.subnet.id;
      if (g.properties.gatewayType === 'ExpressRoute' && s !== undefined) gatewayBySubnet.set(s.toLowerCase(), g.id);
    }
    const out: GatewaySubnetView[] = [];
    for (const vnet of [...r.memo.list('azure.VirtualNetwork')].sort((a, b) => a.name.localeCompare(b.name))) {
      const subnet = r.memo.children('azure.Subnet', vnet.id).find((s) => s.name === GATEWAY_SUBNET);
      if (!subnet) continue;
      const tableId = subnet.properties.routeTable?.id;
      const table = tableId === undefined ? undefined : r.memo.get('azure.RouteTable', tableId);
      const routes = table ? [...r.memo.children('azure.Route', table.id)].sort((a, b) => a.name.localeCompare(b.name)) : [];
      out.push({ vnet, subnet, gatewayId: gatewayBySubnet.get(subnet.id.toLowerCase()), table, routes });
    }
    return out;
  });
}

function describe(r: Routing, g: GatewaySubnetView): string {
  return `GatewaySubnet ${g.subnet.properties.addressPrefix} of VNet ${g.vnet.name}${g.gatewayId === undefined ? '' : ` (ExpressRoute gateway ${gatewayName(r, g.gatewayId)})`}`;
}

function nsgOnGatewaySubnet(r: Routing, g: GatewaySubnetView): Finding[] {
  const nsgId = g.subnet.properties.networkSecurityGroup?.id;
  if (nsgId === undefined) return [];
  const nsg = r.memo.get('azure.NetworkSecurityGroup', nsgId)?.name ?? nsgId;
  return [finding('GATEWAY_SUBNET_NSG', [g.subnet.id, nsgId, g.gatewayId],
    `${describe(r, g)} is associated with network security group ${nsg}: Microsoft does not support NSGs on the GatewaySubnet. `
    + 'The gateway may stop working (its instances need their management traffic), and Azure refuses to create a gateway in a GatewaySubnet that has one.',
    `Dissociate ${nsg} from GatewaySubnet (az network vnet subnet update -g <rg> --vnet-name ${g.vnet.name} -n GatewaySubnet --network-security-group ""; lab: drop nsg from the GatewaySubnet). `
    + 'Filter the interconnect\'s traffic on the workload subnets or NICs instead.')];
}

function defaultRouteOnGatewaySubnet(r: Routing, g: GatewaySubnetView): Finding[] {
  const table = g.table;
  if (!table) return [];
  return g.routes.filter((x) => x.properties.addressPrefix === DEFAULT_ROUTE).map((route) => finding('GATEWAY_SUBNET_DEFAULT_ROUTE', [route.id, table.id, g.subnet.id, g.gatewayId],
    `Route ${route.name} (${DEFAULT_ROUTE} → ${route.properties.nextHopType}${route.properties.nextHopIpAddress === undefined ? '' : ` ${route.properties.nextHopIpAddress}`}) of route table ${table.name} applies to ${describe(r, g)}: `
    + 'user-defined 0.0.0.0/0 routes on the GatewaySubnet are not supported. The gateway loses the access to its management controllers it needs to work, and Azure refuses to create a gateway behind such a route.',
    `Delete route ${route.name} from ${table.name} (or give GatewaySubnet a table without it). To inspect traffic from OCI, route the specific VNet prefixes to the appliance instead (e.g. a spoke's /16 → VirtualAppliance), as the hub-and-spoke design does.`));
}

function propagationDisabled(r: Routing, g: GatewaySubnetView): Finding[] {
  const table = g.table;
  if (!table?.properties.disableBgpRoutePropagation) return [];
  return [finding('GATEWAY_SUBNET_PROPAGATION_DISABLED', [table.id, g.subnet.id, g.gatewayId],
    `Route table ${table.name} disables BGP route propagation and is associated with ${describe(r, g)}: Microsoft requires propagation to stay enabled on the GatewaySubnet; with it disabled the gateway does not function.`,
    `Set disableBgpRoutePropagation: false on ${table.name} (az network route-table update -n ${table.name} -g <rg> --disable-bgp-route-propagation false), or give GatewaySubnet its own table with propagation enabled; keep the propagation-disabled table on the workload subnets only.`)];
}

/** The VNet prefix that holds the GatewaySubnet: a UDR at least this specific overrides the VNet's system route for it. */
function holdingPrefix(g: GatewaySubnetView, gs: Ipv4Prefix): Ipv4Prefix | undefined {
  return g.vnet.properties.addressSpace.addressPrefixes.map((p) => cidr(p)).find((p) => containsPrefix(p, gs));
}

function udrOverlapsGatewaySubnet(r: Routing, g: GatewaySubnetView): Finding[] {
  const gs = cidr(g.subnet.properties.addressPrefix);
  const holding = holdingPrefix(g, gs);
  if (!holding) return [];
  // Subnets whose traffic to the gateway's addresses the UDR can catch: this VNet's and its peers'.
  const peers = ((g.vnet.properties.virtualNetworkPeerings ?? []) as VnetPeering[]).map((p) => p.properties.remoteVirtualNetwork.id.toLowerCase());
  const vnetIds = new Set([g.vnet.id.toLowerCase(), ...peers]);
  const subnetsByTable = new Map<string, Subnet[]>();
  for (const s of r.memo.list('azure.Subnet')) {
    const t = s.properties.routeTable?.id.toLowerCase();
    if (t === undefined || !vnetIds.has(s.fr.parentId.toLowerCase())) continue;
    subnetsByTable.set(t, [...(subnetsByTable.get(t) ?? []), s]);
  }
  const out: Finding[] = [];
  for (const [, users] of [...subnetsByTable].sort((a, b) => a[0].localeCompare(b[0]))) {
    const tableId = users[0]?.properties.routeTable?.id;
    const table = tableId === undefined ? undefined : r.memo.get('azure.RouteTable', tableId);
    if (!table) continue;
    for (const route of [...r.memo.children('azure.Route', table.id)].sort((a, b) => a.name.localeCompare(b.name))) {
      if (route.properties.addressPrefix === DEFAULT_ROUTE) continue; // GATEWAY_SUBNET_DEFAULT_ROUTE, or harmless elsewhere
      const p = cidr(route.properties.addressPrefix);
      if (!overlaps(p, gs) || p.length < holding.length) continue;
      const subnets = users.map((s) => s.name === GATEWAY_SUBNET ? `GatewaySubnet (VNet ${g.vnet.name})` : s.name).sort();
      out.push(finding('GATEWAY_SUBNET_UDR_OVERLAP', [route.id, table.id, g.subnet.id, ...users.map((s) => s.id)],
        `Route ${route.name} (${route.properties.addressPrefix} → ${route.properties.nextHopType}${route.properties.nextHopIpAddress === undefined ? '' : ` ${route.properties.nextHopIpAddress}`}) of route table ${table.name} overlaps ${describe(r, g)} `
        + `and overrides the VNet's own route for it in subnet${users.length > 1 ? 's' : ''} ${capped(subnets)}: Microsoft warns that a UDR overlapping the GatewaySubnet range can break the gateway's diagnostics, data path and control path.`,
        `Narrow route ${route.name} so it leaves ${g.subnet.properties.addressPrefix} out (split ${route.properties.addressPrefix} around the GatewaySubnet), or delete it; for traffic to OCI rely on the gateway's BGP routes.`));
    }
  }
  return out;
}

export function gatewaySubnetConfigRules(r: Routing, _lab?: Lab): Finding[] {
  return gatewaySubnets(r).flatMap((g) => [...nsgOnGatewaySubnet(r, g), ...defaultRouteOnGatewaySubnet(r, g), ...propagationDisabled(r, g), ...udrOverlapsGatewaySubnet(r, g)]);
}
