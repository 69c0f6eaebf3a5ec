// Remote peering connections (RPCs): an RPC is an object on a DRG, and OCI represents it on the
// upgraded DRG as a DRG attachment of type REMOTE_PEERING_CONNECTION, created and removed with the
// RPC (it takes the DRG's default route table for RPC attachments and the default export
// distribution). Two RPCs on DRGs of different regions are peered one-to-one by the requestor
// (ConnectRemotePeeringConnections); deleting one side leaves the other REVOKED.
import { cidr, overlaps } from '../../model/cidr.ts';
import { oci } from '../../model/errors.ts';
import { ocid } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { DrgAttachment } from '../../model/oci/drg.ts';
import type { RemotePeeringConnection } from '../../model/oci/gateways.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';
import { applyNameAndTags, refuseIfGone } from './vcn-gateway.ts';

const KIND = 'oci.RemotePeeringConnection';

export interface CreateRemotePeeringConnectionDetails extends CommonDetails {
  drgId?: string;
}

export type UpdateRemotePeeringConnectionDetails = Omit<CommonDetails, 'compartmentId'>;

export interface ConnectRemotePeeringConnectionsDetails {
  peerId?: string;
  peerRegionName?: string;
}

export function createRemotePeeringConnection(tx: Tx, scope: OciScope, details: CreateRemotePeeringConnectionDetails): RemotePeeringConnection {
  checkDisplayName(details.displayName);
  const drg = getRelated(tx, scope, 'oci.Drg', details.drgId, 'drgId');
  // An OCID names a resource of one region: a DRG of another region is not found from here.
  if (drg.fr.region !== scope.region) throw oci.relatedNotFound('Drg', drg.id);
  if (isGone(drg.lifecycleState)) throw oci.incorrectState(`Drg ${drg.id} is ${drg.lifecycleState}.`);
  const base = newResource(tx, scope, 'remotepeeringconnection', details, 'remotepeeringconnection');
  const rpc: RemotePeeringConnection = { ...base, drgId: drg.id, isCrossTenancyPeering: false, peeringStatus: 'NEW', lifecycleState: 'PROVISIONING' };
  tx.put(KIND, rpc);
  scheduleOciReady(tx, KIND, rpc.id);
  const att: DrgAttachment = {
    id: ocid(tx.ctx.ids, 'drgattachment', scope.region), compartmentId: rpc.compartmentId, displayName: `${rpc.displayName} attachment`,
    timeCreated: tx.nowIso, freeformTags: {}, definedTags: {}, fr: { ...rpc.fr },
    drgId: drg.id, drgRouteTableId: drg.defaultDrgRouteTables.remotePeeringConnection,
    networkDetails: { type: 'REMOTE_PEERING_CONNECTION', id: rpc.id },
    exportDrgRouteDistributionId: drg.defaultExportDrgRouteDistributionId, isCrossTenancy: false, lifecycleState: 'ATTACHING',
  };
  tx.put('oci.DrgAttachment', att);
  scheduleOciReady(tx, 'oci.DrgAttachment', att.id, 'oci.attachment.attach', 'ATTACHED');
  return rpc;
}

/** The RPC's own DRG attachment, while it exists. */
export function remotePeeringAttachment(tx: Tx, rpc: RemotePeeringConnection): DrgAttachment | undefined {
  return tx.children('oci.DrgAttachment', rpc.drgId).find((a) => a.networkDetails.type === 'REMOTE_PEERING_CONNECTION' && a.networkDetails.id === rpc.id && !isGone(a.lifecycleState));
}

/** The CIDRs of the live VCNs attached to a DRG. */
function attachedVcnCidrs(tx: Tx, drgId: string): string[] {
  return tx.children('oci.DrgAttachment', drgId)
    .flatMap((a) => (a.networkDetails.type === 'VCN' && !isGone(a.lifecycleState) ? tx.get('oci.Vcn', a.networkDetails.id)?.cidrBlocks ?? [] : []));
}

export function connectRemotePeeringConnections(tx: Tx, scope: OciScope, id: string, details: ConnectRemotePeeringConnectionsDetails): void {
  const rpc = getOwned(tx, scope, KIND, id);
  refuseIfGone(KIND, rpc);
  // OCI's answer when a field is left out (oracle/terraform-provider-oci#970: "peerRegionName may not be null.").
  if (details.peerId === undefined || details.peerId === '') throw oci.invalidParameter('peerId may not be null.');
  if (details.peerRegionName === undefined || details.peerRegionName === '') throw oci.invalidParameter('peerRegionName may not be null.');
  const peer = getRelated(tx, scope, KIND, details.peerId, 'peerId');
  refuseIfGone(KIND, peer);
  if (peer.fr.region !== details.peerRegionName) {
    throw oci.invalidParameter(`The Remote Peering Connection ${peer.id} is not in region ${details.peerRegionName}.`);
  }
  if (peer.fr.region === rpc.fr.region) {
    throw oci.invalidParameter(`Remote Peering Connections ${rpc.id} and ${peer.id} are in the same region (${rpc.fr.region}): remote peering connects DRGs of two different regions (attach both VCNs to one DRG, or use local peering).`);
  }
  for (const side of [rpc, peer]) {
    if (side.peeringStatus !== 'NEW') throw oci.invalidParameter(`The Remote Peering Connection with ID ${side.id} has already been connected.`);
  }
  const mine = attachedVcnCidrs(tx, rpc.drgId);
  const theirs = attachedVcnCidrs(tx, peer.drgId);
  for (const a of mine) {
    const clash = theirs.find((b) => overlaps(cidr(a), cidr(b)));
    if (clash !== undefined) throw oci.invalidParameter(`The VCNs attached to the two DRGs have overlapping CIDRs (${a} and ${clash}); peered VCNs must not overlap.`);
  }
  for (const [side, other] of [[rpc, peer], [peer, rpc]] as const) {
    tx.update(KIND, side.id, (d) => {
      d.peeringStatus = 'PEERED';
      d.peerId = other.id;
      d.peerRegionName = other.fr.region;
      d.peerTenancyId = other.fr.tenancyId;
    });
  }
}

export function updateRemotePeeringConnection(tx: Tx, scope: OciScope, id: string, details: UpdateRemotePeeringConnectionDetails): RemotePeeringConnection {
  const rpc = getOwned(tx, scope, KIND, id);
  refuseIfGone(KIND, rpc);
  checkDisplayName(details.displayName);
  return tx.update(KIND, id, (d) => { applyNameAndTags(d, details); });
}

export function deleteRemotePeeringConnection(tx: Tx, scope: OciScope, id: string): void {
  const rpc = getOwned(tx, scope, KIND, id);
  if (isGone(rpc.lifecycleState)) return;
  const att = remotePeeringAttachment(tx, rpc);
  if (att) {
    const staticRef = tx.list('oci.DrgRouteRule').find((r) => r.nextHopDrgAttachmentId === att.id);
    if (staticRef) throw oci.conflict(`DRG route rule ${staticRef.id} uses attachment ${att.id} of RemotePeeringConnection ${id} as next hop. Remove it first.`);
  }
  const peer = rpc.peerId === undefined ? undefined : tx.get(KIND, rpc.peerId);
  if (peer && peer.peerId === id && !isGone(peer.lifecycleState)) {
    tx.update(KIND, peer.id, (d) => { d.peeringStatus = 'REVOKED'; });
  }
  if (att) ociTerminate(tx, 'oci.DrgAttachment', att.id, 'oci.attachment.detach');
  ociTerminate(tx, KIND, id);
}
