// DRG attachments. Only VCN attachments are created by users; a VCN attaches to one DRG only.
// Virtual-circuit attachments are created and removed by the virtual circuit (interconnect/).
import { currentOrDeprecated } from './deprecated-field.ts';
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { DrgAttachment } from '../../model/oci/drg.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';

export interface CreateDrgAttachmentDetails extends CommonDetails {
  drgId?: string;
  drgRouteTableId?: string;
  networkDetails?: { type?: string; id?: string; routeTableId?: string; vcnRouteType?: 'VCN_CIDRS' | 'SUBNET_CIDRS' };
  /** Legacy form. */
  vcnId?: string;
  routeTableId?: string;
}

function checkDrgRouteTable(tx: Tx, drgId: string, tableId: string | undefined): void {
  if (tableId === undefined) return;
  const t = tx.get('oci.DrgRouteTable', tableId);
  if (t?.drgId !== drgId || isGone(t.lifecycleState)) throw oci.invalidParameter(`DRG route table ${tableId} does not belong to DRG ${drgId}.`);
}

function checkVcnRouteTable(tx: Tx, scope: OciScope, vcnId: string, routeTableId: string | undefined): void {
  if (routeTableId === undefined) return;
  const rt = getRelated(tx, scope, 'oci.RouteTable', routeTableId, 'networkDetails.routeTableId');
  if (rt.vcnId !== vcnId) throw oci.invalidParameter(`Route table ${routeTableId} is not in VCN ${vcnId}.`);
}

export function createDrgAttachment(tx: Tx, scope: OciScope, details: CreateDrgAttachmentDetails): DrgAttachment {
  checkDisplayName(details.displayName);
  const drg = getRelated(tx, scope, 'oci.Drg', details.drgId, 'drgId');
  const nd = details.networkDetails;
  if (nd && nd.type !== 'VCN') throw oci.invalidParameter(`networkDetails.type ${nd.type ?? '(none)'} cannot be attached explicitly: only VCN attachments are created through this API.`);
  const vcnId = currentOrDeprecated(nd?.id, 'networkDetails.id', details.vcnId, 'vcnId');
  const vcn = getRelated(tx, scope, 'oci.Vcn', vcnId, 'networkDetails.id');
  const existing = tx.list('oci.DrgAttachment').find((a) => a.networkDetails.type === 'VCN' && a.networkDetails.id === vcn.id && !isGone(a.lifecycleState));
  if (existing) throw oci.conflict(`The Vcn ${vcn.id} is already attached to Drg ${existing.drgId} (attachment ${existing.id}). A VCN can be attached to only one DRG.`);
  checkDrgRouteTable(tx, drg.id, details.drgRouteTableId);
  const routeTableId = currentOrDeprecated(nd?.routeTableId, 'networkDetails.routeTableId', details.routeTableId, 'routeTableId');
  checkVcnRouteTable(tx, scope, vcn.id, routeTableId);
  const base = newResource(tx, scope, 'drgattachment', { ...details, compartmentId: details.compartmentId ?? drg.compartmentId }, 'drgattachment');
  const att: DrgAttachment = {
    ...base,
    drgId: drg.id,
    drgRouteTableId: details.drgRouteTableId ?? drg.defaultDrgRouteTables.vcn,
    networkDetails: { type: 'VCN', id: vcn.id, vcnRouteType: nd?.vcnRouteType ?? 'SUBNET_CIDRS', ...(routeTableId === undefined ? {} : { routeTableId }) },
    exportDrgRouteDistributionId: null, // export to VCN attachments is not supported by OCI
    isCrossTenancy: false,
    vcnId: vcn.id,
    ...(routeTableId === undefined ? {} : { routeTableId }),
    lifecycleState: 'ATTACHING',
  };
  tx.put('oci.DrgAttachment', att);
  scheduleOciReady(tx, 'oci.DrgAttachment', att.id, 'oci.attachment.attach', 'ATTACHED');
  return att;
}

export interface UpdateDrgAttachmentDetails {
  displayName?: string;
  drgRouteTableId?: string;
  exportDrgRouteDistributionId?: string | null;
  networkDetails?: { type?: string; routeTableId?: string; vcnRouteType?: 'VCN_CIDRS' | 'SUBNET_CIDRS' };
  /** Legacy form of networkDetails.routeTableId. */
  routeTableId?: string;
  freeformTags?: Record<string, string>;
  definedTags?: Record<string, Record<string, unknown>>;
}

export function updateDrgAttachment(tx: Tx, scope: OciScope, id: string, input: UpdateDrgAttachmentDetails): DrgAttachment {
  const att = getOwned(tx, scope, 'oci.DrgAttachment', id);
  if (isGone(att.lifecycleState)) throw oci.incorrectState(`DrgAttachment ${id} is ${att.lifecycleState}.`);
  checkDisplayName(input.displayName);
  // The legacy top-level routeTableId means networkDetails.routeTableId.
  currentOrDeprecated(input.networkDetails?.routeTableId, 'networkDetails.routeTableId', input.routeTableId, 'routeTableId');
  const details = input.routeTableId !== undefined && input.networkDetails?.routeTableId === undefined
    ? { ...input, networkDetails: { type: 'VCN', ...input.networkDetails, routeTableId: input.routeTableId } }
    : input;
  if (details.networkDetails && att.networkDetails.type !== 'VCN') throw oci.invalidParameter(`networkDetails can be changed only on VCN attachments; ${id} is a ${att.networkDetails.type} attachment.`);
  checkDrgRouteTable(tx, att.drgId, details.drgRouteTableId);
  if (details.exportDrgRouteDistributionId) {
    if (att.networkDetails.type === 'VCN') throw oci.invalidParameter('Export distributions cannot be assigned to VCN attachments.');
    const dist = tx.get('oci.DrgRouteDistribution', details.exportDrgRouteDistributionId);
    if (dist?.drgId !== att.drgId || dist.distributionType !== 'EXPORT') throw oci.invalidParameter(`${details.exportDrgRouteDistributionId} is not an export distribution of DRG ${att.drgId}.`);
  }
  if (details.networkDetails && att.networkDetails.type === 'VCN') checkVcnRouteTable(tx, scope, att.networkDetails.id, details.networkDetails.routeTableId);
  return tx.update('oci.DrgAttachment', id, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (details.drgRouteTableId !== undefined) d.drgRouteTableId = details.drgRouteTableId;
    if (details.exportDrgRouteDistributionId !== undefined) d.exportDrgRouteDistributionId = details.exportDrgRouteDistributionId;
    if (details.networkDetails && d.networkDetails.type === 'VCN') {
      if (details.networkDetails.routeTableId !== undefined) d.networkDetails.routeTableId = d.routeTableId = details.networkDetails.routeTableId;
      if (details.networkDetails.vcnRouteType !== undefined) d.networkDetails.vcnRouteType = details.networkDetails.vcnRouteType;
    }
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
}

export function removeExportDrgRouteDistribution(tx: Tx, scope: OciScope, id: string): DrgAttachment {
  const att = getOwned(tx, scope, 'oci.DrgAttachment', id);
  if (isGone(att.lifecycleState)) throw oci.incorrectState(`DrgAttachment ${id} is ${att.lifecycleState}.`);
  return tx.update('oci.DrgAttachment', id, (d) => { d.exportDrgRouteDistributionId = null; });
}

export function deleteDrgAttachment(tx: Tx, scope: OciScope, id: string): void {
  const att = getOwned(tx, scope, 'oci.DrgAttachment', id);
  if (isGone(att.lifecycleState)) return;
  if (att.networkDetails.type !== 'VCN') throw oci.invalidParameter(`DrgAttachment ${id} is of type ${att.networkDetails.type}: it is removed with its ${att.networkDetails.type === 'VIRTUAL_CIRCUIT' ? 'virtual circuit' : 'remote peering connection'}.`);
  const vcnId = att.networkDetails.id;
  const rule = tx.children('oci.RouteTable', vcnId).find((t) => !isGone(t.lifecycleState) && t.routeRules.some((r) => r.networkEntityId === att.drgId));
  if (rule) throw oci.conflict(`Route table ${rule.id} in VCN ${vcnId} has a rule targeting DRG ${att.drgId}. Remove it before detaching the VCN.`);
  const staticRef = tx.list('oci.DrgRouteRule').find((r) => r.nextHopDrgAttachmentId === id);
  if (staticRef) throw oci.conflict(`DRG route rule ${staticRef.id} uses attachment ${id} as next hop. Remove it first.`);
  ociTerminate(tx, 'oci.DrgAttachment', id, 'oci.attachment.detach');
}
