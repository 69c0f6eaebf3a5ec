// Security lists: CRUD and list. A PUT with ingress or egress rules replaces that whole array.
import { z } from 'zod';
import { createSecurityList, deleteSecurityList, updateSecurityList } from '../../../lifecycle/oci/security-list.ts';
import { oci } from '../../../model/errors.ts';
import { createOp, deleteOp, getOp, listOp, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { commonFields, icmpOptions, nameAndTags, portOptions } from '../schemas/common.ts';
import { vcnListQuery } from './route-table.ts';

/** The fields every security rule shares (security lists and NSGs). */
export const ruleFields = {
  protocol: z.string().optional(),
  isStateless: z.boolean().optional(),
  tcpOptions: portOptions.optional(),
  udpOptions: portOptions.optional(),
  icmpOptions: icmpOptions.optional(),
  description: z.string().optional(),
};

const addressType = z.enum(['CIDR_BLOCK', 'SERVICE_CIDR_BLOCK']);
const ingressRule = z.strictObject({ ...ruleFields, source: z.string().optional(), sourceType: addressType.optional() });
const egressRule = z.strictObject({ ...ruleFields, destination: z.string().optional(), destinationType: addressType.optional() });

const rules = { ingressSecurityRules: z.array(ingressRule).optional(), egressSecurityRules: z.array(egressRule).optional() };
const createSecurityListDetails = z.strictObject({ ...commonFields, vcnId: z.string().optional(), ...rules });
const updateSecurityListDetails = z.strictObject({ ...nameAndTags, ...rules });

export const SECURITY_LIST_OPERATIONS: readonly OciOperation[] = [
  createOp({
    name: 'createSecurityList', path: '/securityLists', kind: 'oci.SecurityList', body: createSecurityListDetails,
    create: (tx, scope, d) => {
      // Both arrays are required by OCI's model (empty is fine); the lifecycle defaults them for labs.
      if (d.ingressSecurityRules === undefined) throw oci.missingParameter('ingressSecurityRules');
      if (d.egressSecurityRules === undefined) throw oci.missingParameter('egressSecurityRules');
      return createSecurityList(tx, scope, d);
    },
  }),
  getOp({ name: 'getSecurityList', path: '/securityLists/{securityListId}', kind: 'oci.SecurityList' }),
  updateOp({
    name: 'updateSecurityList', path: '/securityLists/{securityListId}', kind: 'oci.SecurityList', body: updateSecurityListDetails,
    update: (tx, scope, id, d) => updateSecurityList(tx, scope, id, d),
  }),
  deleteOp({ name: 'deleteSecurityList', path: '/securityLists/{securityListId}', kind: 'oci.SecurityList', remove: deleteSecurityList }),
  listOp({
    name: 'listSecurityLists', path: '/securityLists', kind: 'oci.SecurityList', query: vcnListQuery, compartment: 'required',
    source: (view, q) => (q.vcnId === undefined ? view.list('oci.SecurityList') : view.children('oci.SecurityList', q.vcnId)),
  }),
];
