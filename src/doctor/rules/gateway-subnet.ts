// Where the ExpressRoute gateway lives (interconnect-facts §5.7): a subnet named exactly GatewaySubnet,
// /29 at least, /27 recommended (and required for UltraPerformance/ErGw3AZ). A VNet that OCI routes
// to (or that a lab expectation pairs with OCI) needs a gateway of its own or its hub's.
import { cidr } from '../../model/cidr.ts';
import type { VnetPeering } from '../../lifecycle/azure/vnet-peering.ts';
import { gatewayForVnet, gatewayVnetId } from '../../routing/azure/gateway.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { capped, finding, interconnectDrgs, listOf } from '../context.ts';
import { PrefixIndex } from '../../model/prefix-index.ts';

const GATEWAY_SUBNET = 'GatewaySubnet';

/** OCI route rules that send traffic to a DRG carrying an interconnect, by destination. */
export function ociRoutesToInterconnect(r: Routing): PrefixIndex<{ routeTableId: string; destination: string }> {
  return r.memo.compute('doctor', 'ociRoutesToInterconnect', () => {
    const drgs = interconnectDrgs(r);
    const index = new PrefixIndex<{ routeTableId: string; destination: string }>();
    for (const rt of r.memo.list('oci.RouteTable')) {
      for (const rule of rt.routeRules) {
        if (rule.destinationType === 'CIDR_BLOCK' && drgs.has(rule.networkEntityId)) index.add(cidr(rule.destination), { routeTableId: rt.id, destination: rule.destination });
      }
    }
    return index;
  });
}

/** VNet ids (lower case) whose VMs a lab expectation pairs with an OCI instance. */
export function vnetsInCrossCloudExpectations(r: Routing, lab: Lab | undefined): Set<string> {
  const out = new Set<string>();
  if (!lab) return out;
  const ociNames = new Set(lab.oci.instances.map((i) => i.name));
  const vmVnet = new Map(lab.azure.vms.map((v) => [v.name, v.vnet]));
  const vnetIdByName = new Map(r.memo.list('azure.VirtualNetwork').map((v) => [v.name, v.id.toLowerCase()]));
  for (const e of lab.expectations) {
    for (const [a, b] of [[e.from, e.to], [e.to, e.from]] as const) {
      const vnet = vmVnet.get(a);
      if (vnet === undefined || !ociNames.has(b)) continue;
      const id = vnetIdByName.get(vnet);
      if (id !== undefined) out.add(id);
    }
  }
  return out;
}

/** Is this VNet peered with a VNet that has an ExpressRoute gateway? (then it is a spoke: see transit) */
export function peeredGatewayVnet(r: Routing, vnetId: string): string | undefined {
  const peerings = (r.memo.get('azure.VirtualNetwork', vnetId)?.properties.virtualNetworkPeerings ?? []) as VnetPeering[];
  const withGateway = r.memo.compute('doctor', 'gatewayVnets', () => new Set(r.memo.list('azure.VirtualNetworkGateway')
    .filter((g) => g.properties.gatewayType === 'ExpressRoute').map((g) => gatewayVnetId(r, g.id)?.toLowerCase())));
  return peerings.find((p) => withGateway.has(p.properties.remoteVirtualNetwork.id.toLowerCase()))?.properties.remoteVirtualNetwork.id;
}

export function gatewaySubnetRules(r: Routing, lab?: Lab): Finding[] {
  const out: Finding[] = [];
  const gateways = r.memo.list('azure.VirtualNetworkGateway').filter((g) => g.properties.gatewayType === 'ExpressRoute');
  const gatewayBySubnet = new Map(gateways.map((g) => [g.properties.ipConfigurations[0]?.properties.subnet.id.toLowerCase() ?? '', g]));
  const ociRoutes = ociRoutesToInterconnect(r);
  const inExpectations = vnetsInCrossCloudExpectations(r, lab);
  const vnets = r.memo.list('azure.VirtualNetwork').sort((a, b) => a.name.localeCompare(b.name));
  for (const vnet of vnets) {
    const subnets = r.memo.children('azure.Subnet', vnet.id);
    const gs = subnets.find((s) => s.name === GATEWAY_SUBNET);
    if (gs) {
      const length = cidr(gs.properties.addressPrefix).length;
      const gw = gatewayBySubnet.get(gs.id.toLowerCase());
      const sku = gw?.properties.sku.name;
      const needs27 = sku === 'UltraPerformance' || sku === 'ErGw3AZ';
      if (length > 29 || (needs27 && length > 27)) {
        out.push(finding('GATEWAY_SUBNET_TOO_SMALL', [gs.id, gw?.id],
          `GatewaySubnet ${gs.properties.addressPrefix} of VNet ${vnet.name} is a /${length}: an ExpressRoute gateway needs /29 or larger${needs27 ? `, and its ${sku ?? ''} SKU /27 or larger` : ''}.`,
          `Resize GatewaySubnet to a /27 (or larger) inside ${listOf(vnet.properties.addressSpace.addressPrefixes)}: delete the gateway, change the subnet prefix, and recreate the gateway and its connection.`));
      } else if (length > 27) {
        out.push(finding('GATEWAY_SUBNET_SMALL', [gs.id, gw?.id],
          `GatewaySubnet ${gs.properties.addressPrefix} of VNet ${vnet.name} is a /${length}: it works, but Microsoft recommends /27 or larger (room for gateway upgrades, more circuits, FastPath; a /26 for 16 circuits).`,
          `Plan a /27 (or larger) GatewaySubnet: with no gateway in it, change its prefix; otherwise delete the gateway, resize the subnet and recreate the gateway and its connection in a maintenance window.`));
      }
    }
    // Does this VNet need a gateway it does not have?
    if (gatewayForVnet(r, vnet.id) !== undefined || peeredGatewayVnet(r, vnet.id) !== undefined) continue;
    const routed = vnet.properties.addressSpace.addressPrefixes.flatMap((p) => ociRoutes.overlapping(cidr(p)).map((h) => h.value));
    const paired = inExpectations.has(vnet.id.toLowerCase());
    if (routed.length === 0 && !paired) continue;
    const tables = [...new Set(routed.map((x) => r.memo.get('oci.RouteTable', x.routeTableId)?.displayName ?? x.routeTableId))].sort();
    const why = [
      ...(routed.length > 0 ? [`OCI route table${tables.length > 1 ? 's' : ''} ${capped(tables)} send${tables.length > 1 ? '' : 's'} ${listOf([...new Set(routed.map((x) => x.destination))])} to the interconnect DRG`] : []),
      ...(paired ? ['the lab expects its VMs to talk to OCI'] : []),
    ].join(', and ');
    if (!gs) {
      out.push(finding('GATEWAY_SUBNET_MISSING', [vnet.id],
        `VNet ${vnet.name} (${listOf(vnet.properties.addressSpace.addressPrefixes)}) has no GatewaySubnet and no ExpressRoute gateway, yet ${why}: nothing links it to the circuit.`,
        `Add a subnet named exactly GatewaySubnet (a /27, e.g. at the top of ${vnet.properties.addressSpace.addressPrefixes[0] ?? 'the address space'}), deploy an ExpressRoute gateway in it, and connect the gateway to the circuit; `
        + 'or peer this VNet with a hub whose gateway it uses (useRemoteGateways).'));
    } else {
      out.push(finding('ER_GATEWAY_MISSING', [vnet.id, gs.id],
        `VNet ${vnet.name} has a GatewaySubnet (${gs.properties.addressPrefix}) but no ExpressRoute gateway, yet ${why}: nothing links it to the circuit.`,
        `Deploy an ExpressRoute virtual network gateway (gatewayType ExpressRoute, a SKU whose throughput covers the circuit) in GatewaySubnet of ${vnet.name}, then connect it to the circuit.`));
    }
  }
  return out;
}
