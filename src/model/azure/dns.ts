// Azure Private DNS (Microsoft.Network/privateDnsZones, api-version 2024-06-01) and DNS Private
// Resolver (Microsoft.Network/dnsResolvers, dnsForwardingRulesets, api-version 2022-07-01), in
// ARM's envelope with the property names of @azure/arm-privatedns and @azure/arm-dnsresolver.
import type { ArmChild, ArmTracked, SubResource } from './common.ts';

type DnsProvisioningState = 'Succeeded' | 'Creating' | 'Updating' | 'Deleting' | 'Failed' | 'Canceled';

export type PrivateDnsZone = ArmTracked<{
  maxNumberOfRecordSets: number;
  numberOfRecordSets: number;
  maxNumberOfVirtualNetworkLinks: number;
  numberOfVirtualNetworkLinks: number;
  maxNumberOfVirtualNetworkLinksWithRegistration: number;
  numberOfVirtualNetworkLinksWithRegistration: number;
  provisioningState: DnsProvisioningState;
  internalId: string;
}>;

/** privateDnsZones/{zone}/{A|AAAA|CNAME|...}/{name}; `name` is relative to the zone ("@" = apex). */
export type PrivateDnsRecordSet = ArmChild<{
  ttl: number;
  fqdn: string;
  isAutoRegistered: boolean;
  aRecords?: { ipv4Address: string }[];
  aaaaRecords?: { ipv6Address: string }[];
  cnameRecord?: { cname: string };
  txtRecords?: { value: string[] }[];
}>;

/** privateDnsZones/{zone}/virtualNetworkLinks/{link}: a tracked resource (location "global"). */
export type PrivateDnsZoneLink = ArmTracked<{
  virtualNetwork: SubResource;
  registrationEnabled: boolean;
  resolutionPolicy?: 'Default' | 'NxDomainRedirect';
  virtualNetworkLinkState: 'InProgress' | 'Completed';
  provisioningState: DnsProvisioningState;
}> & { fr: { parentId: string } };

export type DnsResolver = ArmTracked<{
  virtualNetwork: SubResource;
  dnsResolverState: 'Connected' | 'Disconnected';
  provisioningState: DnsProvisioningState;
  resourceGuid: string;
}>;

export interface InboundIpConfiguration {
  subnet: SubResource;
  privateIpAddress: string;
  privateIpAllocationMethod: 'Static' | 'Dynamic';
}

export type InboundEndpoint = ArmTracked<{
  ipConfigurations: InboundIpConfiguration[];
  provisioningState: DnsProvisioningState;
  resourceGuid: string;
}> & { fr: { parentId: string } };

export type OutboundEndpoint = ArmTracked<{
  subnet: SubResource;
  provisioningState: DnsProvisioningState;
  resourceGuid: string;
}> & { fr: { parentId: string } };

export type DnsForwardingRuleset = ArmTracked<{
  dnsResolverOutboundEndpoints: SubResource[];
  provisioningState: DnsProvisioningState;
  resourceGuid: string;
}>;

export interface TargetDnsServer { ipAddress: string; port: number }

export type ForwardingRule = ArmChild<{
  /** Fully qualified, ending with '.' ("oraclevcn.com."). */
  domainName: string;
  targetDnsServers: TargetDnsServer[];
  metadata?: Record<string, string>;
  forwardingRuleState: 'Enabled' | 'Disabled';
  provisioningState: DnsProvisioningState;
}>;

export type RulesetVirtualNetworkLink = ArmChild<{
  virtualNetwork: SubResource;
  metadata?: Record<string, string>;
  provisioningState: DnsProvisioningState;
}>;

/** Azure's recursive resolver and DNS proxy, the same address in every VNet (Microsoft Learn: "What is IP address 168.63.129.16?"). */
export const AZURE_DNS_ADDRESS = '168.63.129.16';
/** The suffix of Azure-provided names for VMs in a VNet without custom DNS ("Name resolution for resources in Azure virtual networks"). */
export const AZURE_INTERNAL_SUFFIX = 'internal.cloudapp.net';
