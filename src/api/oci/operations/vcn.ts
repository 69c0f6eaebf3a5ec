// VCNs: CRUD, list, and the CIDR actions (which answer with a work request and no body).
import { z } from 'zod';
import { createVcn, deleteVcn, updateVcn } from '../../../lifecycle/oci/vcn.ts';
import { addVcnCidr, modifyVcnCidr, removeVcnCidr } from '../../../lifecycle/oci/vcn-cidr.ts';
import { startWorkRequest } from '../../../lifecycle/oci/work-request.ts';
import type { Vcn } from '../../../model/oci/vcn.ts';
import type { Tx } from '../../../model/tx.ts';
import type { OciScope } from '../../../lifecycle/oci/scope.ts';
import { createOp, deleteOp, getOp, listOp, updateOp, checkIfMatch } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { parseBody } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';

const createVcnDetails = z.strictObject({
  ...commonFields,
  cidrBlock: z.string().optional(),
  cidrBlocks: z.array(z.string()).optional(),
  dnsLabel: z.string().optional(),
  isIpv6Enabled: z.literal(false).optional(),
});

const updateVcnDetails = z.strictObject({ ...nameAndTags });

const cidrDetails = z.strictObject({ cidrBlock: z.string().optional() });
const modifyCidrDetails = z.strictObject({ originalCidrBlock: z.string().optional(), newCidrBlock: z.string().optional() });

const listVcnsQuery = z.object({ compartmentId: z.string(), ...listQueryFields });

/** The CIDR actions: 202-style "accepted" with opc-work-request-id and no body (api-shapes §1.5). */
function cidrAction<S extends z.ZodType>(name: string, verb: string, body: S, change: (tx: Tx, scope: OciScope, id: string, d: z.output<S>) => Vcn): OciOperation {
  return {
    name, client: 'VirtualNetworkClient', method: 'POST', path: `/vcns/{vcnId}/actions/${verb}`,
    async handle(req) {
      const details = parseBody(body, req.body);
      const id = req.params.vcnId ?? '';
      const wr = await req.engine.mutate(`oci:${name}`, (tx) => {
        checkIfMatch(tx, req.scope, 'oci.Vcn', id, req.ifMatch);
        const vcn = change(tx, req.scope, id, details);
        return startWorkRequest(tx, req.scope, {
          operationType: name.replace(/^./, (c) => c.toUpperCase()), compartmentId: vcn.compartmentId, entityType: 'vcn',
          entityUri: `/20160918/vcns/${vcn.id}`, actionType: 'UPDATED', targetId: vcn.id, currentState: vcn.lifecycleState, doneStates: ['AVAILABLE'],
        });
      });
      return { status: 200, headers: { 'opc-work-request-id': wr.id } };
    },
  };
}

export const VCN_OPERATIONS: readonly OciOperation[] = [
  createOp({ name: 'createVcn', path: '/vcns', kind: 'oci.Vcn', body: createVcnDetails, create: (tx, scope, d) => createVcn(tx, scope, d) }),
  getOp({ name: 'getVcn', path: '/vcns/{vcnId}', kind: 'oci.Vcn' }),
  updateOp({ name: 'updateVcn', path: '/vcns/{vcnId}', kind: 'oci.Vcn', body: updateVcnDetails, update: (tx, scope, id, d) => updateVcn(tx, scope, id, d) }),
  deleteOp({ name: 'deleteVcn', path: '/vcns/{vcnId}', kind: 'oci.Vcn', remove: deleteVcn }),
  listOp({ name: 'listVcns', path: '/vcns', kind: 'oci.Vcn', query: listVcnsQuery, compartment: 'required' }),
  cidrAction('addVcnCidr', 'addCidr', cidrDetails, (tx, scope, id, d) => addVcnCidr(tx, scope, id, d.cidrBlock)),
  cidrAction('removeVcnCidr', 'removeCidr', cidrDetails, (tx, scope, id, d) => removeVcnCidr(tx, scope, id, d.cidrBlock)),
  cidrAction('modifyVcnCidr', 'modifyCidr', modifyCidrDetails, (tx, scope, id, d) => modifyVcnCidr(tx, scope, id, d.originalCidrBlock, d.newCidrBlock)),
];
