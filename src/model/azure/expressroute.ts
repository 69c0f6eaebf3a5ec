import type { ArmChild, ArmTracked, ProvisioningState, SubResource } from './common.ts';

export type ErGatewaySku = 'Standard' | 'HighPerformance' | 'UltraPerformance' | 'ErGw1AZ' | 'ErGw2AZ' | 'ErGw3AZ' | 'ErGwScale';

export type VirtualNetworkGateway = ArmTracked<{
  gatewayType: 'Vpn' | 'ExpressRoute' | 'LocalGateway';
  vpnType: 'RouteBased' | 'PolicyBased';
  sku: { name: ErGatewaySku; tier: ErGatewaySku; capacity?: number };
  ipConfigurations: {
    id: string;
    name: string;
    etag: string;
    properties: { privateIPAllocationMethod: 'Static' | 'Dynamic'; subnet: SubResource; publicIPAddress?: SubResource; provisioningState: ProvisioningState };
  }[];
  activeActive: boolean;
  enableBgp: boolean;
  bgpSettings: { asn: number; bgpPeeringAddress: string; peerWeight: number };
  resourceGuid: string;
  provisioningState: ProvisioningState;
}>;

export type ServiceProviderProvisioningState = 'NotProvisioned' | 'Provisioning' | 'Provisioned' | 'Deprovisioning';
export type CircuitSkuTier = 'Standard' | 'Premium' | 'Basic' | 'Local';
export type CircuitSkuFamily = 'MeteredData' | 'UnlimitedData';

export type ExpressRouteCircuit = ArmTracked<{
  serviceProviderProperties: { serviceProviderName: string; peeringLocation: string; bandwidthInMbps: number };
  serviceKey: string;
  serviceProviderNotes?: string;
  serviceProviderProvisioningState: ServiceProviderProvisioningState;
  circuitProvisioningState: 'Enabled' | 'Disabled';
  allowClassicOperations: boolean;
  globalReachEnabled: boolean;
  gatewayManagerEtag: string;
  stag: number;
  provisioningState: ProvisioningState;
}> & { sku: { name: string; tier: CircuitSkuTier; family: CircuitSkuFamily } };

export type PeeringType = 'AzurePrivatePeering' | 'MicrosoftPeering' | 'AzurePublicPeering';

export type ExpressRouteCircuitPeering = ArmChild<{
  peeringType: PeeringType;
  state: 'Enabled' | 'Disabled';
  azureASN: number;
  peerASN: number;
  primaryPeerAddressPrefix: string;
  secondaryPeerAddressPrefix: string;
  primaryAzurePort: string;
  secondaryAzurePort: string;
  sharedKey?: string;
  vlanId: number;
  lastModifiedBy: 'Customer' | 'ServiceProvider';
  connections: unknown[];
  peeredConnections: unknown[];
  provisioningState: ProvisioningState;
}>;

export type ExpressRouteCircuitAuthorization = ArmChild<{
  authorizationKey: string;
  authorizationUseStatus: 'Available' | 'InUse';
  connectionResourceUri?: string;
  provisioningState: ProvisioningState;
}>;

export type ConnectionStatus = 'Unknown' | 'Connecting' | 'Connected' | 'NotConnected';

export type Connection = ArmTracked<{
  connectionType: 'IPsec' | 'Vnet2Vnet' | 'ExpressRoute' | 'VPNClient';
  virtualNetworkGateway1: SubResource;
  peer: SubResource;
  authorizationKey?: string;
  routingWeight: number;
  expressRouteGatewayBypass: boolean;
  enablePrivateLinkFastPath: boolean;
  enableBgp: boolean;
  connectionStatus: ConnectionStatus;
  ingressBytesTransferred: number;
  egressBytesTransferred: number;
  resourceGuid: string;
  provisioningState: ProvisioningState;
}>;
