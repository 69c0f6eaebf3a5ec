// The VCN's other gateways (NAT, service, local peering) and remote peering connections (on a DRG),
// in the oci-core SDK models' shapes (NatGateway, ServiceGateway, LocalPeeringGateway,
// RemotePeeringConnection).
import type { BasicLifecycleState, OciResource } from './common.ts';

export interface NatGateway extends OciResource {
  vcnId: string;
  blockTraffic: boolean;
  /** The public address the gateway translates to. */
  natIp: string;
  publicIpId: string;
  routeTableId?: string;
  lifecycleState: BasicLifecycleState;
}

/** A Service enabled on a service gateway (ServiceIdResponseDetails). */
export interface ServiceRef {
  serviceId: string;
  serviceName: string;
}

export interface ServiceGateway extends OciResource {
  vcnId: string;
  blockTraffic: boolean;
  services: ServiceRef[];
  routeTableId?: string;
  lifecycleState: BasicLifecycleState;
}

export type PeeringStatus = 'INVALID' | 'NEW' | 'PENDING' | 'PEERED' | 'REVOKED';

export interface LocalPeeringGateway extends OciResource {
  vcnId: string;
  isCrossTenancyPeering: boolean;
  peeringStatus: PeeringStatus;
  peeringStatusDetails?: string;
  peerId?: string;
  peerAdvertisedCidr?: string;
  peerAdvertisedCidrDetails?: string[];
  routeTableId?: string;
  lifecycleState: BasicLifecycleState;
}

export interface RemotePeeringConnection extends OciResource {
  drgId: string;
  isCrossTenancyPeering: boolean;
  peeringStatus: PeeringStatus;
  peerId?: string;
  peerRegionName?: string;
  peerTenancyId?: string;
  lifecycleState: BasicLifecycleState;
}
