import type { ArmChild, ArmTracked, ProvisioningState, SubResource } from './common.ts';

export type VirtualNetwork = ArmTracked<{
  addressSpace: { addressPrefixes: string[] };
  dhcpOptions?: { dnsServers: string[] };
  virtualNetworkPeerings: unknown[];
  enableDdosProtection: boolean;
  resourceGuid: string;
  provisioningState: ProvisioningState;
}>;

export type Subnet = ArmChild<{
  addressPrefix: string;
  addressPrefixes?: string[];
  networkSecurityGroup?: SubResource;
  routeTable?: SubResource;
  privateEndpointNetworkPolicies: 'Disabled' | 'Enabled';
  privateLinkServiceNetworkPolicies: 'Disabled' | 'Enabled';
  provisioningState: ProvisioningState;
}>;

export type SecurityRuleProtocol = 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | '*';

export interface SecurityRuleProperties {
  description?: string;
  protocol: SecurityRuleProtocol;
  sourcePortRange?: string;
  sourcePortRanges: string[];
  destinationPortRange?: string;
  destinationPortRanges: string[];
  sourceAddressPrefix?: string;
  sourceAddressPrefixes: string[];
  destinationAddressPrefix?: string;
  destinationAddressPrefixes: string[];
  access: 'Allow' | 'Deny';
  priority: number;
  direction: 'Inbound' | 'Outbound';
  provisioningState: ProvisioningState;
}

export type NetworkSecurityGroup = ArmTracked<{
  defaultSecurityRules: ArmChild<SecurityRuleProperties>[];
  resourceGuid: string;
  provisioningState: ProvisioningState;
}>;

export type SecurityRule = ArmChild<SecurityRuleProperties>;

export type RouteNextHopType = 'VirtualNetworkGateway' | 'VnetLocal' | 'Internet' | 'VirtualAppliance' | 'None';

export type RouteTable = ArmTracked<{
  disableBgpRoutePropagation: boolean;
  resourceGuid: string;
  provisioningState: ProvisioningState;
}>;

export type Route = ArmChild<{
  addressPrefix: string;
  nextHopType: RouteNextHopType;
  nextHopIpAddress?: string;
  hasBgpOverride: boolean;
  provisioningState: ProvisioningState;
}>;

export interface NicIpConfiguration {
  id: string;
  name: string;
  etag: string;
  type: 'Microsoft.Network/networkInterfaces/ipConfigurations';
  properties: {
    privateIPAddress: string;
    privateIPAllocationMethod: 'Static' | 'Dynamic';
    privateIPAddressVersion: 'IPv4' | 'IPv6';
    subnet: SubResource;
    primary: boolean;
    provisioningState: ProvisioningState;
  };
}

export type NetworkInterface = ArmTracked<{
  ipConfigurations: NicIpConfiguration[];
  networkSecurityGroup?: SubResource;
  virtualMachine?: SubResource;
  macAddress: string;
  primary: boolean;
  enableIPForwarding: boolean;
  enableAcceleratedNetworking: boolean;
  resourceGuid: string;
  provisioningState: ProvisioningState;
}>;
