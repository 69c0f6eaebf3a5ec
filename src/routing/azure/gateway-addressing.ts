// Where an ExpressRoute gateway's BGP speakers sit in its GatewaySubnet, for every view that names
// them: the gateway's learned/advertised routes and BGP peers, a NIC's effective routes (next hop
// of the routes learned over ExpressRoute), and the Microsoft edge's route table (next hop of the
// VNet prefixes). As a real ExpressRoute gateway shows them (docs/differences.md, "Gateways"): it
// reports itself at the subnet's .12 (the 6th address in a /29) and its AS 12076 neighbours, one per
// link (primary, secondary), are the subnet's .4 and .5.
import { cidr, intToIp, nthAddress, sizeOf } from '../../model/cidr.ts';
import type { Routing } from '../routing.ts';
import type { LinkPath } from '../types.ts';

export interface GatewayInstance { path: LinkPath; address: string }

export interface GatewayBgpAddressing {
  local: string;
  /** The instance peering with each Microsoft edge, primary first. */
  instances: GatewayInstance[];
}

export function gatewayBgpAddressing(r: Routing, gatewayId: string): GatewayBgpAddressing | undefined {
  const gw = r.memo.get('azure.VirtualNetworkGateway', gatewayId);
  const subnet = r.memo.get('azure.Subnet', gw?.properties.ipConfigurations[0]?.properties.subnet.id ?? '');
  if (!subnet) return undefined;
  const p = cidr(subnet.properties.addressPrefix);
  return {
    local: intToIp(nthAddress(p, Math.min(12, sizeOf(p) - 2))),
    instances: [{ path: 'primary', address: intToIp(nthAddress(p, 4)) }, { path: 'secondary', address: intToIp(nthAddress(p, 5)) }],
  };
}

/** The gateway instances behind the given links, in link order. */
export function instanceAddresses(addressing: GatewayBgpAddressing | undefined, paths: readonly LinkPath[]): string[] {
  if (!addressing) return [];
  return addressing.instances.filter((i) => paths.includes(i.path)).map((i) => i.address);
}
