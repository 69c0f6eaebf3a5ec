// DRG attachments: CRUD, list, and removing an attachment's export distribution. Users create
// only VCN attachments; VIRTUAL_CIRCUIT and REMOTE_PEERING_CONNECTION ones come with their virtual circuit or
// remote peering connection and are listed here.
import { z } from 'zod';
import { createDrgAttachment, deleteDrgAttachment, removeExportDrgRouteDistribution, updateDrgAttachment } from '../../../lifecycle/oci/drg-attachment.ts';
import type { DrgAttachment } from '../../../model/oci/drg.ts';
import { checkIfMatch, createOp, deleteOp, entityReply, getOp, listOp, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { listQueryFields } from '../protocol/list.ts';
import { definedTags, freeformTags, nameAndTags } from '../schemas/common.ts';

/** The attachmentType query parameter of listDrgAttachments and getAllDrgAttachments. */
export const attachmentTypeQuery = z.enum(['VCN', 'VIRTUAL_CIRCUIT', 'REMOTE_PEERING_CONNECTION', 'IPSEC_TUNNEL', 'LOOPBACK', 'ALL']);

export function ofAttachmentType(a: DrgAttachment, type: z.output<typeof attachmentTypeQuery>): boolean {
  return type === 'ALL' || a.networkDetails.type === type;
}

const vcnRouteType = z.enum(['VCN_CIDRS', 'SUBNET_CIDRS']);

// Create and update take only the VCN variant of networkDetails (the SDK's models have no other).
const networkCreateDetails = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('VCN'), id: z.string().optional(), routeTableId: z.string().optional(), vcnRouteType: vcnRouteType.optional() }),
]);
const networkUpdateDetails = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('VCN'), routeTableId: z.string().optional(), vcnRouteType: vcnRouteType.optional() }),
]);

const createDrgAttachmentDetails = z.strictObject({
  ...nameAndTags,
  drgId: z.string().optional(),
  drgRouteTableId: z.string().optional(),
  networkDetails: networkCreateDetails.optional(),
  routeTableId: z.string().optional(),
  vcnId: z.string().optional(),
});

const updateDrgAttachmentDetails = z.strictObject({
  displayName: z.string().optional(),
  drgRouteTableId: z.string().optional(),
  networkDetails: networkUpdateDetails.optional(),
  definedTags: definedTags.optional(),
  freeformTags: freeformTags.optional(),
  exportDrgRouteDistributionId: z.string().optional(),
  routeTableId: z.string().optional(),
});

const listDrgAttachmentsQuery = z.object({
  compartmentId: z.string(),
  vcnId: z.string().optional(),
  drgId: z.string().optional(),
  networkId: z.string().optional(),
  attachmentType: attachmentTypeQuery.optional(),
  drgRouteTableId: z.string().optional(),
  ...listQueryFields,
  // OCI documents this filter as case-insensitive.
  lifecycleState: z.string().transform((s) => s.toUpperCase()).optional(),
});

export const DRG_ATTACHMENT_OPERATIONS: readonly OciOperation[] = [
  createOp({ name: 'createDrgAttachment', path: '/drgAttachments', kind: 'oci.DrgAttachment', body: createDrgAttachmentDetails, create: (tx, scope, d) => createDrgAttachment(tx, scope, d) }),
  getOp({ name: 'getDrgAttachment', path: '/drgAttachments/{drgAttachmentId}', kind: 'oci.DrgAttachment' }),
  updateOp({
    name: 'updateDrgAttachment', path: '/drgAttachments/{drgAttachmentId}', kind: 'oci.DrgAttachment', body: updateDrgAttachmentDetails,
    update: (tx, scope, id, d) => updateDrgAttachment(tx, scope, id, d),
  }),
  deleteOp({ name: 'deleteDrgAttachment', path: '/drgAttachments/{drgAttachmentId}', kind: 'oci.DrgAttachment', remove: deleteDrgAttachment }),
  listOp({
    name: 'listDrgAttachments', path: '/drgAttachments', kind: 'oci.DrgAttachment', query: listDrgAttachmentsQuery, compartment: 'required',
    source: (view, q) => (q.drgId === undefined ? view.list('oci.DrgAttachment') : view.children('oci.DrgAttachment', q.drgId)),
    // OCI lists only VCN attachments unless another attachmentType (or ALL) is asked for.
    filter: (a, q) => ofAttachmentType(a, q.attachmentType ?? 'VCN')
      && (q.vcnId === undefined || (a.networkDetails.type === 'VCN' && a.networkDetails.id === q.vcnId))
      && (q.networkId === undefined || a.networkDetails.id === q.networkId)
      && (q.drgRouteTableId === undefined || a.drgRouteTableId === q.drgRouteTableId),
  }),
  {
    name: 'removeExportDrgRouteDistribution', client: 'VirtualNetworkClient', method: 'POST', path: '/drgAttachments/{drgAttachmentId}/actions/removeExportDrgRouteDistribution',
    async handle(req) {
      const id = req.params.drgAttachmentId ?? '';
      const att = await req.engine.mutate('oci:removeExportDrgRouteDistribution', (tx) => {
        checkIfMatch(tx, req.scope, 'oci.DrgAttachment', id, req.ifMatch);
        return removeExportDrgRouteDistribution(tx, req.scope, id);
      });
      return entityReply('oci.DrgAttachment', att);
    },
  },
];
