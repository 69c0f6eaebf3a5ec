// Short words for kinds and states, shared by the drawing and the details panel.
import type { TopologyEdgeKind, TopologyNodeKind, TopologyState } from '../api/types.ts';

export const NODE_TAG: Record<TopologyNodeKind, string> = {
  'oci.Vcn': 'VCN',
  'oci.Subnet': 'Subnet',
  'oci.Instance': 'Instance',
  'oci.Drg': 'DRG',
  'oci.VirtualCircuit': 'FastConnect VC',
  'azure.VirtualNetwork': 'VNet',
  'azure.Subnet': 'Subnet',
  'azure.VirtualMachine': 'VM',
  'azure.VirtualNetworkGateway': 'ER gateway',
  'azure.ExpressRouteCircuit': 'ExpressRoute',
};

export const EDGE_NAME: Record<TopologyEdgeKind, string> = {
  attachment: 'DRG attachment',
  gateway: 'Gateway in GatewaySubnet',
  link: 'Interconnect link (BGP session)',
  connection: 'ExpressRoute connection',
  circuit: 'Virtual circuit attachment',
  peering: 'VNet peering',
};

export const STATES: readonly TopologyState[] = ['up', 'provisioning', 'down', 'failed', 'deleting'];

export const CLOUD_NAME = { oci: 'Oracle Cloud Infrastructure', azure: 'Microsoft Azure' } as const;

/** The last segment of an OCID or ARM id, for compact display. */
export function shortId(id: string): string {
  if (id.startsWith('/')) return id.split('/').filter(Boolean).slice(-2).join('/');
  const parts = id.split('.');
  const tail = parts[parts.length - 1] ?? id;
  return parts.length > 1 ? `${parts[1] ?? ''}…${tail.slice(-8)}` : id;
}
