// Where an ExpressRoute gateway's BGP speakers sit in its GatewaySubnet, for every view that names
// them: the gateway's learned/advertised routes and BGP peers, a NIC's effective routes (next hop
// of the routes learned over ExpressRoute), and the Microsoft edge's route table (next hop of the
// VNet prefixes). Decided ([U], docs/differences.md): the gateway reports itself at the subnet's
// 12th address (the 6th in a /29); the addresses it peers with the Microsoft edges from, one per
// link (primary, secondary), are the subnet's 4th and 5th, where Azure shows an ExpressRoute
// gateway's AS 12076 peers and instances.
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
