import type { AttachmentLifecycleState, BasicLifecycleState, OciResource } from './common.ts';

export interface Drg extends OciResource {
  defaultDrgRouteTables: { vcn: string; ipsecTunnel: string; virtualCircuit: string; remotePeeringConnection: string };
  defaultExportDrgRouteDistributionId: string;
  lifecycleState: BasicLifecycleState;
}

export type DrgAttachmentType = 'VCN' | 'VIRTUAL_CIRCUIT' | 'IPSEC_TUNNEL' | 'REMOTE_PEERING_CONNECTION' | 'LOOPBACK';

export interface VcnAttachmentDetails {
  type: 'VCN';
  id: string;
  routeTableId?: string;
  vcnRouteType: 'VCN_CIDRS' | 'SUBNET_CIDRS';
}

export interface VirtualCircuitAttachmentDetails {
  type: 'VIRTUAL_CIRCUIT';
  id: string;
  transportOnlyMode: boolean;
}

/** The attachment OCI creates with a remote peering connection (RemotePeeringConnectionDrgAttachmentNetworkDetails). */
export interface RemotePeeringAttachmentDetails {
  type: 'REMOTE_PEERING_CONNECTION';
  id: string;
}

export interface DrgAttachment extends OciResource {
  drgId: string;
  drgRouteTableId: string;
  networkDetails: VcnAttachmentDetails | VirtualCircuitAttachmentDetails | RemotePeeringAttachmentDetails;
  exportDrgRouteDistributionId: string | null;
  isCrossTenancy: boolean;
  /** Deprecated fields OCI still returns for VCN attachments. */
  vcnId?: string;
  routeTableId?: string;
  lifecycleState: AttachmentLifecycleState;
}

export interface DrgRouteTable extends OciResource {
  drgId: string;
  importDrgRouteDistributionId: string | null;
  isEcmpEnabled: boolean;
  lifecycleState: BasicLifecycleState;
}

/** A static rule of a DRG route table; dynamic rules are computed by routing, never stored. */
export interface DrgRouteRule {
  id: string;
  destination: string;
  destinationType: 'CIDR_BLOCK';
  nextHopDrgAttachmentId: string;
  routeType: 'STATIC';
  routeProvenance: 'STATIC';
  isConflict: boolean;
  isBlackhole: boolean;
  attributes: Record<string, unknown>;
  fr: { drgRouteTableId: string };
}

export interface DrgRouteDistribution extends OciResource {
  drgId: string;
  distributionType: 'IMPORT' | 'EXPORT';
  lifecycleState: BasicLifecycleState;
}

export type DrgMatchCriteria =
  | { matchType: 'DRG_ATTACHMENT_TYPE'; attachmentType: Exclude<DrgAttachmentType, 'LOOPBACK'> }
  | { matchType: 'DRG_ATTACHMENT_ID'; drgAttachmentId: string }
  | { matchType: 'MATCH_ALL' };

export interface DrgRouteDistributionStatement {
  id: string;
  priority: number;
  action: 'ACCEPT';
  matchCriteria: DrgMatchCriteria[];
  fr: { distributionId: string };
}
