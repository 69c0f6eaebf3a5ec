import type { OciResource } from './common.ts';

export type VirtualCircuitLifecycleState =
  | 'PENDING_PROVIDER' | 'VERIFYING' | 'PROVISIONING' | 'PROVISIONED' | 'FAILED' | 'INACTIVE' | 'TERMINATING' | 'TERMINATED';

export interface CrossConnectMapping {
  crossConnectOrCrossConnectGroupId?: string;
  customerBgpPeeringIp?: string;
  oracleBgpPeeringIp?: string;
  customerBgpPeeringIpv6?: string;
  oracleBgpPeeringIpv6?: string;
  bgpMd5AuthKey?: string;
  vlan?: number;
  /** Per-mapping session state (CrossConnectMappingDetails.ipv4BgpStatus). */
  ipv4BgpStatus?: 'UP' | 'DOWN';
  ociLogicalDeviceName?: string;
}

export interface VirtualCircuitRedundancyMetadata {
  configuredRedundancyLevel: 'DEVICE' | 'POP' | 'REGION' | 'NON_REDUNDANT' | 'PENDING';
  ipv4bgpSessionRedundancyStatus: 'CONFIGURATION_MATCH' | 'CONFIGURATION_MISMATCH' | 'NOT_MET_SLA';
  ipv6bgpSessionRedundancyStatus: 'CONFIGURATION_MATCH' | 'CONFIGURATION_MISMATCH' | 'NOT_MET_SLA';
}

export interface VirtualCircuit extends OciResource {
  type: 'PUBLIC' | 'PRIVATE';
  bandwidthShapeName: string;
  gatewayId?: string;
  crossConnectMappings: CrossConnectMapping[];
  customerAsn?: number;
  customerBgpAsn?: number;
  oracleBgpAsn: number;
  bgpManagement: 'CUSTOMER_MANAGED' | 'PROVIDER_MANAGED' | 'ORACLE_MANAGED';
  bgpSessionState: 'UP' | 'DOWN';
  bgpIpv6SessionState: 'UP' | 'DOWN';
  bgpAdminState: 'ENABLED' | 'DISABLED';
  isBfdEnabled: boolean;
  isTransportMode: boolean;
  providerServiceId?: string;
  providerServiceKeyName?: string;
  providerName?: string;
  providerServiceName?: string;
  providerState: 'ACTIVE' | 'INACTIVE';
  serviceType: 'COLOCATED' | 'LAYER2' | 'LAYER3';
  referenceComment?: string;
  region: string;
  routingPolicy: ('ORACLE_SERVICE_NETWORK' | 'REGIONAL' | 'MARKET_LEVEL' | 'GLOBAL')[];
  publicPrefixes?: string[];
  ipMtu: 'MTU_1500' | 'MTU_9000';
  trafficMode: 'NORMAL' | 'DRAIN';
  virtualCircuitRedundancyMetadata: VirtualCircuitRedundancyMetadata;
  lifecycleState: VirtualCircuitLifecycleState;
}
