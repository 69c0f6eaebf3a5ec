// DRGs: CRUD, list, the attachment-id listing (a POST action) and the redundancy status.
import { z } from 'zod';
import { createDrg, deleteDrg, drgRedundancyStatus, updateDrg } from '../../../lifecycle/oci/drg.ts';
import { interconnectSessionState } from '../../../routing/interconnect/session-state.ts';
import { getOwned } from '../../../lifecycle/oci/scope.ts';
import { createOp, deleteOp, getOp, listOp, pageReply, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { parseQuery } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';
import { attachmentTypeQuery, ofAttachmentType } from './drg-attachment.ts';

const createDrgDetails = z.strictObject({ ...commonFields });

const updateDrgDetails = z.strictObject({
  ...nameAndTags,
  defaultDrgRouteTables: z.strictObject({
    vcn: z.string().optional(),
    ipsecTunnel: z.string().optional(),
    virtualCircuit: z.string().optional(),
    remotePeeringConnection: z.string().optional(),
  }).optional(),
});

const pageFields = { limit: listQueryFields.limit, page: listQueryFields.page };

const listDrgsQuery = z.object({ compartmentId: z.string(), ...pageFields });

const getAllDrgAttachmentsQuery = z.object({
  ...pageFields,
  attachmentType: attachmentTypeQuery.optional(),
  isCrossTenancy: z.enum(['true', 'false']).optional(),
});

export const DRG_OPERATIONS: readonly OciOperation[] = [
  createOp({ name: 'createDrg', path: '/drgs', kind: 'oci.Drg', body: createDrgDetails, create: (tx, scope, d) => createDrg(tx, scope, d) }),
  getOp({ name: 'getDrg', path: '/drgs/{drgId}', kind: 'oci.Drg' }),
  updateOp({ name: 'updateDrg', path: '/drgs/{drgId}', kind: 'oci.Drg', body: updateDrgDetails, update: (tx, scope, id, d) => updateDrg(tx, scope, id, d) }),
  deleteOp({ name: 'deleteDrg', path: '/drgs/{drgId}', kind: 'oci.Drg', remove: deleteDrg }),
  listOp({ name: 'listDrgs', path: '/drgs', kind: 'oci.Drg', query: listDrgsQuery, compartment: 'required' }),
  {
    name: 'getAllDrgAttachments', client: 'VirtualNetworkClient', method: 'POST', path: '/drgs/{drgId}/actions/getAllDrgAttachments',
    async handle(req) {
      const q = parseQuery(getAllDrgAttachmentsQuery, req.query);
      return req.engine.read((view) => {
        const drg = getOwned(view, req.scope, 'oci.Drg', req.params.drgId ?? '');
        // "All" attachments: every type unless narrowed, detached ones left out (their ids lead nowhere).
        const atts = view.children('oci.DrgAttachment', drg.id).filter((a) => a.fr.tenancyId === req.scope.tenancyId
          && a.lifecycleState !== 'DETACHED'
          && ofAttachmentType(a, q.attachmentType ?? 'ALL')
          && (q.isCrossTenancy === undefined || String(a.isCrossTenancy) === q.isCrossTenancy));
        return pageReply(atts, q, (a) => ({ id: a.id }));
      });
    },
  },
  {
    name: 'getDrgRedundancyStatus', client: 'VirtualNetworkClient', method: 'GET', path: '/drgs/{drgId}/redundancyStatus',
    async handle(req) {
      return { body: await req.engine.read((view) => drgRedundancyStatus(view, req.scope, req.params.drgId ?? '', (vc) => interconnectSessionState(req.engine.routing, vc.id).bgpSessionState === 'UP')) };
    },
  },
];
