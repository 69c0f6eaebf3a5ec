import type { BasicLifecycleState, OciResource } from './common.ts';

export interface PortRange { min: number; max: number }
export interface PortOptions { destinationPortRange?: PortRange; sourcePortRange?: PortRange }
export interface IcmpOptions { type: number; code?: number }

interface RuleBody {
  /** "all" or an IANA protocol number as a string: "1" ICMP, "6" TCP, "17" UDP, "58" ICMPv6. */
  protocol: string;
  isStateless: boolean;
  tcpOptions?: PortOptions;
  udpOptions?: PortOptions;
  icmpOptions?: IcmpOptions;
  description?: string;
}

export interface IngressSecurityRule extends RuleBody {
  source: string;
  sourceType: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK';
}

export interface EgressSecurityRule extends RuleBody {
  destination: string;
  destinationType: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK';
}

export interface SecurityList extends OciResource {
  vcnId: string;
  ingressSecurityRules: IngressSecurityRule[];
  egressSecurityRules: EgressSecurityRule[];
  lifecycleState: BasicLifecycleState;
}

export interface NetworkSecurityGroup extends OciResource {
  vcnId: string;
  lifecycleState: BasicLifecycleState;
}

export type NsgAddressType = 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK' | 'NETWORK_SECURITY_GROUP';

/** A rule of an NSG (its own sub-collection in the OCI API). `fr.nsgId` links it to its group. */
export interface NsgSecurityRule extends RuleBody {
  id: string;
  direction: 'INGRESS' | 'EGRESS';
  source?: string;
  sourceType?: NsgAddressType;
  destination?: string;
  destinationType?: NsgAddressType;
  isValid: boolean;
  timeCreated: string;
  fr: { nsgId: string };
}
