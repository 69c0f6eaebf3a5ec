// OCI DNS (API 20180115) private resolution: the VCN resolver (one per VCN, created with it), its
// VNIC endpoints, private views and PRIVATE zones. Field names are the oci-dns SDK's models
// (Resolver, ResolverVnicEndpoint, ResolverForwardRule, View, Zone, Record).
import type { OciResource } from './common.ts';

/** OCI DNS resources' lifecycle (Resolver.LifecycleState, View/Zone/ResolverEndpoint alike). */
export type DnsLifecycleState = 'ACTIVE' | 'CREATING' | 'DELETED' | 'DELETING' | 'FAILED' | 'UPDATING';

export interface AttachedView { viewId: string }

/** ResolverForwardRule: the only action OCI offers is FORWARD. */
export interface ResolverRule {
  action: 'FORWARD';
  /** Client CIDRs the rule applies to (empty: every client). */
  clientAddressConditions: string[];
  /** Domains the rule covers, the domain and every name under it (empty: every name). */
  qnameCoverConditions: string[];
  destinationAddresses: string[];
  /** The forwarding endpoint the queries leave from (by name, as OCI). */
  sourceEndpointName?: string;
}

export interface Resolver extends Omit<OciResource, 'fr'> {
  attachedVcnId: string;
  defaultViewId: string;
  isProtected: boolean;
  attachedViews: AttachedView[];
  rules: ResolverRule[];
  self: string;
  timeUpdated: string;
  lifecycleState: DnsLifecycleState;
  fr: OciResource['fr'];
}

/** ResolverVnicEndpoint (endpointType VNIC). The listening or forwarding address is in `subnetId`. */
export interface ResolverEndpoint {
  id: string;
  name: string;
  resolverId: string;
  compartmentId: string;
  endpointType: 'VNIC';
  subnetId: string;
  nsgIds: string[];
  isForwarding: boolean;
  isListening: boolean;
  forwardingAddress?: string;
  listeningAddress?: string;
  self: string;
  timeCreated: string;
  timeUpdated: string;
  lifecycleState: DnsLifecycleState;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
  fr: { tenancyId: string; region: string };
}

export interface View extends Omit<OciResource, 'fr'> {
  isProtected: boolean;
  self: string;
  timeUpdated: string;
  lifecycleState: DnsLifecycleState;
  fr: OciResource['fr'];
}

/** One record (Record in the SDK); rdata as OCI prints it ("10.20.10.10", "db.example.").*/
export interface DnsRecord {
  domain: string;
  rtype: string;
  rdata: string;
  ttl: number;
  recordHash: string;
  rrsetVersion: string;
  isProtected: boolean;
}

export interface Zone {
  id: string;
  name: string;
  compartmentId: string;
  zoneType: 'PRIMARY';
  scope: 'PRIVATE';
  viewId: string;
  isProtected: boolean;
  serial: number;
  version: string;
  self: string;
  timeCreated: string;
  lifecycleState: DnsLifecycleState;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
  /** The zone's records (OCI serves them apart: GET /zones/{zone}/records). */
  fr: { tenancyId: string; region: string; records: DnsRecord[] };
}

/** The address the VCN resolver answers on from inside the VCN (OCI's Internet and VCN Resolver). */
export const OCI_VCN_RESOLVER_ADDRESS = '169.254.169.254';
