// FastPath on the interconnect's connection (Microsoft's "About ExpressRoute FastPath", cited in
// docs/findings.md). The Oracle interconnect is an ExpressRoute *provider* circuit: FastPath bypasses
// the gateway for the gateway's own VNet only and does not honour the GatewaySubnet's UDRs (UDR and
// VNet-peering support over FastPath are ExpressRoute Direct features), so traffic from OCI to the hub
// VNet skips a firewall those UDRs name, while traffic to the spokes still crosses the gateway.
import { cidr, overlaps } from '../../model/cidr.ts';
import type { Connection } from '../../model/azure/expressroute.ts';
import { gatewayVnetId, spokesUsingGateway } from '../../routing/azure/gateway.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { capped, finding, gatewayName, interconnects, listOf, vnetName } from '../context.ts';
import { gatewayMbps } from './capacity.ts';
import { gatewaySubnets } from './gateway-subnet-config.ts';

/** FastPath connections of the interconnects, one per gateway (the first by name). */
function fastPathConnections(r: Routing): { connection: Connection; circuitName: string }[] {
  const seen = new Set<string>();
  const out: { connection: Connection; circuitName: string }[] = [];
  for (const ic of interconnects(r)) {
    for (const c of ic.connections) {
      const gw = c.properties.virtualNetworkGateway1.id.toLowerCase();
      if (!c.properties.expressRouteGatewayBypass || seen.has(gw)) continue;
      seen.add(gw);
      out.push({ connection: c, circuitName: ic.circuit?.name ?? c.properties.peer.id });
    }
  }
  return out;
}

function udrsBypassed(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const { connection, circuitName } of fastPathConnections(r)) {
    const gwId = connection.properties.virtualNetworkGateway1.id;
    const g = gatewaySubnets(r).find((x) => x.gatewayId?.toLowerCase() === gwId.toLowerCase());
    if (!g?.table) continue;
    const own = g.vnet.properties.addressSpace.addressPrefixes.map((p) => cidr(p));
    // 0.0.0.0/0 on the GatewaySubnet is GATEWAY_SUBNET_DEFAULT_ROUTE's business.
    const bypassed = g.routes.filter((x) => x.properties.addressPrefix !== '0.0.0.0/0' && own.some((p) => overlaps(p, cidr(x.properties.addressPrefix))));
    if (bypassed.length === 0) continue;
    const describe = (x: (typeof bypassed)[number]) => `${x.name} (${x.properties.addressPrefix} → ${x.properties.nextHopType}${x.properties.nextHopIpAddress === undefined ? '' : ` ${x.properties.nextHopIpAddress}`})`;
    out.push(finding('FASTPATH_IGNORES_GATEWAY_UDR', [connection.id, g.table.id, ...bypassed.map((x) => x.id), gwId],
      `Connection ${connection.name} (gateway ${gatewayName(r, gwId)} ⇄ circuit ${circuitName}) has FastPath, and route table ${g.table.name} of the GatewaySubnet sends ${listOf(bypassed.map(describe))}: `
      + `FastPath does not honour GatewaySubnet UDRs on a provider circuit such as the Oracle interconnect, so traffic from OCI to ${listOf(bypassed.map((x) => x.properties.addressPrefix))} in VNet ${g.vnet.name} goes straight to the VMs and never reaches that next hop.`,
      `If the appliance must inspect OCI traffic, turn FastPath off on ${connection.name} (expressRouteGatewayBypass: false; lab: fastPath: false); otherwise delete the bypassed route${bypassed.length > 1 ? 's' : ''} so the design says what happens. `
      + 'UDRs over FastPath are an ExpressRoute Direct feature, not available on the interconnect\'s circuit.'));
  }
  return out;
}

function spokesNotCovered(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const { connection } of fastPathConnections(r)) {
    const gwId = connection.properties.virtualNetworkGateway1.id;
    const hub = gatewayVnetId(r, gwId);
    const spokes = hub === undefined ? [] : spokesUsingGateway(r, hub);
    if (hub === undefined || spokes.length === 0) continue;
    const gw = r.memo.get('azure.VirtualNetworkGateway', gwId);
    const sku = gw ? ` (${gw.properties.sku.name}, about ${gatewayMbps(gw)} Mbps)` : '';
    out.push(finding('FASTPATH_NOT_FOR_SPOKES', [connection.id, gwId, ...spokes],
      `Connection ${connection.name} has FastPath, which bypasses gateway ${gatewayName(r, gwId)} only for its own VNet ${vnetName(r, hub)}: `
      + `on a provider circuit VNet peering over FastPath is not available, so traffic between OCI and the spoke${spokes.length > 1 ? 's' : ''} ${capped(spokes.map((s) => vnetName(r, s)).sort())} still crosses the gateway${sku} and its GatewaySubnet routes.`,
      'Nothing if the gateway carries the spokes\' traffic comfortably; otherwise size the gateway for it, or give a busy spoke its own gateway and connection to the circuit.'));
  }
  return out;
}

export function fastPathRules(r: Routing, _lab?: Lab): Finding[] {
  return [...udrsBypassed(r), ...spokesNotCovered(r)];
}
