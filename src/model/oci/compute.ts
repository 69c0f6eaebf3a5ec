import type { AttachmentLifecycleState, BasicLifecycleState } from './common.ts';
import type { InstanceShapeConfig } from './shapes.ts';

export type InstanceLifecycleState =
  | 'MOVING' | 'PROVISIONING' | 'RUNNING' | 'STARTING' | 'STOPPING' | 'STOPPED' | 'CREATING_IMAGE' | 'TERMINATING' | 'TERMINATED';

/** A host firewall declared in a lab (the seed warns firewalld often blocks ICMP). */
export interface HostFirewall {
  allowIcmp: boolean;
  /** Allowed inbound "tcp/22", "udp/53" style entries; absent = allow all. */
  allowInbound?: string[];
}

export interface Instance {
  id: string;
  compartmentId: string;
  displayName: string;
  availabilityDomain: string;
  faultDomain: string;
  region: string;
  shape: string;
  imageId?: string;
  sourceDetails?: { sourceType: 'image'; imageId: string };
  metadata: Record<string, string>;
  shapeConfig?: InstanceShapeConfig;
  lifecycleState: InstanceLifecycleState;
  timeCreated: string;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
  fr: { tenancyId: string; region: string; hostFirewall?: HostFirewall; terminatedAt?: string };
}

export interface Vnic {
  id: string;
  compartmentId: string;
  displayName: string;
  availabilityDomain: string;
  privateIp: string;
  publicIp?: string;
  macAddress: string;
  subnetId: string;
  isPrimary: boolean;
  nsgIds: string[];
  hostnameLabel?: string;
  skipSourceDestCheck: boolean;
  lifecycleState: BasicLifecycleState;
  timeCreated: string;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
  fr: { tenancyId: string; region: string; instanceId: string; terminatedAt?: string };
}

export interface VnicAttachment {
  id: string;
  compartmentId: string;
  displayName: string;
  availabilityDomain: string;
  instanceId: string;
  vnicId: string;
  subnetId: string;
  nicIndex: number;
  vlanTag: number;
  lifecycleState: AttachmentLifecycleState;
  timeCreated: string;
  fr: { tenancyId: string; region: string; terminatedAt?: string };
}

export interface PrivateIp {
  id: string;
  compartmentId: string;
  displayName: string;
  availabilityDomain: string;
  ipAddress: string;
  vnicId: string;
  subnetId: string;
  isPrimary: boolean;
  hostnameLabel?: string;
  ipState: 'ASSIGNED' | 'AVAILABLE';
  lifetime: 'EPHEMERAL' | 'RESERVED';
  timeCreated: string;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
  fr: { tenancyId: string; region: string };
}
