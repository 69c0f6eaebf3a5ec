// VCN route tables: CRUD and list. A PUT with routeRules replaces the whole rule set, as in OCI.
import { z } from 'zod';
import { createRouteTable, deleteRouteTable, updateRouteTable } from '../../../lifecycle/oci/route-table.ts';
import { oci } from '../../../model/errors.ts';
import { createOp, deleteOp, getOp, listOp, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { listQueryFields } from '../protocol/list.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';

const routeRule = z.strictObject({
  networkEntityId: z.string().optional(),
  destination: z.string().optional(),
  destinationType: z.enum(['CIDR_BLOCK', 'SERVICE_CIDR_BLOCK']).optional(),
  cidrBlock: z.string().optional(),
  description: z.string().optional(),
  routeType: z.enum(['STATIC', 'LOCAL']).optional(),
});

const createRouteTableDetails = z.strictObject({ ...commonFields, vcnId: z.string().optional(), routeRules: z.array(routeRule).optional() });
const updateRouteTableDetails = z.strictObject({ ...nameAndTags, routeRules: z.array(routeRule).optional() });

/** compartmentId (required), vcnId and the common list fields: the VCN-scoped lists share it. */
export const vcnListQuery = z.object({
  compartmentId: z.string(),
  vcnId: z.string().optional(),
  ...listQueryFields,
  lifecycleState: z.string().transform((s) => s.toUpperCase()).optional(),
});

export const ROUTE_TABLE_OPERATIONS: readonly OciOperation[] = [
  createOp({
    name: 'createRouteTable', path: '/routeTables', kind: 'oci.RouteTable', body: createRouteTableDetails,
    create: (tx, scope, d) => {
      // Required by OCI's model (an empty array is fine); the lifecycle defaults it for labs.
      if (d.routeRules === undefined) throw oci.missingParameter('routeRules');
      return createRouteTable(tx, scope, d);
    },
  }),
  getOp({ name: 'getRouteTable', path: '/routeTables/{rtId}', kind: 'oci.RouteTable' }),
  updateOp({ name: 'updateRouteTable', path: '/routeTables/{rtId}', kind: 'oci.RouteTable', body: updateRouteTableDetails, update: (tx, scope, id, d) => updateRouteTable(tx, scope, id, d) }),
  deleteOp({ name: 'deleteRouteTable', path: '/routeTables/{rtId}', kind: 'oci.RouteTable', remove: deleteRouteTable }),
  listOp({
    name: 'listRouteTables', path: '/routeTables', kind: 'oci.RouteTable', query: vcnListQuery, compartment: 'required',
    source: (view, q) => (q.vcnId === undefined ? view.list('oci.RouteTable') : view.children('oci.RouteTable', q.vcnId)),
  }),
];
