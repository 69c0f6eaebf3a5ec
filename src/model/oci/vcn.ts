import type { BasicLifecycleState, OciResource, VcnLifecycleState } from './common.ts';

export interface Vcn extends OciResource {
  cidrBlock: string;
  cidrBlocks: string[];
  ipv6CidrBlocks?: string[];
  defaultRouteTableId: string;
  defaultSecurityListId: string;
  defaultDhcpOptionsId: string;
  dnsLabel?: string;
  vcnDomainName?: string;
  lifecycleState: VcnLifecycleState;
}

export interface DhcpOption {
  type: 'DomainNameServer' | 'SearchDomain';
  serverType?: 'VcnLocalPlusInternet' | 'CustomDnsServer';
  searchDomainNames?: string[];
  customDnsServers?: string[];
}

export interface DhcpOptions extends OciResource {
  vcnId: string;
  options: DhcpOption[];
  domainNameType?: 'SUBNET_DOMAIN' | 'VCN_DOMAIN' | 'CUSTOM_DOMAIN';
  lifecycleState: BasicLifecycleState;
}

export interface Subnet extends OciResource {
  vcnId: string;
  cidrBlock: string;
  ipv4CidrBlocks: string[];
  availabilityDomain: string | null; // null = regional
  routeTableId: string;
  securityListIds: string[];
  dhcpOptionsId: string;
  dnsLabel?: string;
  subnetDomainName?: string;
  prohibitPublicIpOnVnic: boolean;
  prohibitInternetIngress: boolean;
  virtualRouterIp: string;
  virtualRouterMac: string;
  lifecycleState: VcnLifecycleState;
}

export interface InternetGateway extends OciResource {
  vcnId: string;
  isEnabled: boolean;
  routeTableId?: string;
  lifecycleState: BasicLifecycleState;
}
