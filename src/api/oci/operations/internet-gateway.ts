// Internet gateways: CRUD and list (one gateway per VCN).
import { z } from 'zod';
import { createInternetGateway, deleteInternetGateway, updateInternetGateway } from '../../../lifecycle/oci/internet-gateway.ts';
import { oci } from '../../../model/errors.ts';
import { createOp, deleteOp, getOp, listOp, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';
import { vcnListQuery } from './route-table.ts';

const gatewayFields = { isEnabled: z.boolean().optional(), routeTableId: z.string().optional() };
const createInternetGatewayDetails = z.strictObject({ ...commonFields, vcnId: z.string().optional(), ...gatewayFields });
const updateInternetGatewayDetails = z.strictObject({ ...nameAndTags, ...gatewayFields });

export const INTERNET_GATEWAY_OPERATIONS: readonly OciOperation[] = [
  createOp({
    name: 'createInternetGateway', path: '/internetGateways', kind: 'oci.InternetGateway', body: createInternetGatewayDetails,
    create: (tx, scope, d) => {
      // Required by OCI's model; the lifecycle defaults it (true) for labs.
      if (d.isEnabled === undefined) throw oci.missingParameter('isEnabled');
      return createInternetGateway(tx, scope, d);
    },
  }),
  getOp({ name: 'getInternetGateway', path: '/internetGateways/{igId}', kind: 'oci.InternetGateway' }),
  updateOp({
    name: 'updateInternetGateway', path: '/internetGateways/{igId}', kind: 'oci.InternetGateway', body: updateInternetGatewayDetails,
    update: (tx, scope, id, d) => updateInternetGateway(tx, scope, id, d),
  }),
  deleteOp({ name: 'deleteInternetGateway', path: '/internetGateways/{igId}', kind: 'oci.InternetGateway', remove: deleteInternetGateway }),
  listOp({
    name: 'listInternetGateways', path: '/internetGateways', kind: 'oci.InternetGateway', query: vcnListQuery, compartment: 'required',
    source: (view, q) => (q.vcnId === undefined ? view.list('oci.InternetGateway') : view.children('oci.InternetGateway', q.vcnId)),
  }),
];
