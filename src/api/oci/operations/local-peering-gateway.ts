// Local peering gateways: CRUD, list (by VCN), connect to a peer, and the compartment move.
import { z } from 'zod';
import {
  connectLocalPeeringGateways, createLocalPeeringGateway, deleteLocalPeeringGateway, updateLocalPeeringGateway,
} from '../../../lifecycle/oci/local-peering-gateway.ts';
import { createOp, deleteOp, getOp, listOp, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { listQueryFields } from '../protocol/list.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';
import { changeCompartmentOp } from './change-compartment.ts';
import { plainActionOp } from './gateway-actions.ts';

const PATH = '/localPeeringGateways/{localPeeringGatewayId}';
const createDetails = z.strictObject({ ...commonFields, vcnId: z.string().optional(), routeTableId: z.string().optional() });
const updateDetails = z.strictObject({ ...nameAndTags, routeTableId: z.string().optional() });
const connectDetails = z.strictObject({ peerId: z.string().optional() });
// The SDK's ListLocalPeeringGatewaysRequest: compartmentId, vcnId and paging only.
const listQuery = z.object({ compartmentId: z.string(), vcnId: z.string().optional(), limit: listQueryFields.limit, page: listQueryFields.page });

export const LOCAL_PEERING_GATEWAY_OPERATIONS: readonly OciOperation[] = [
  createOp({ name: 'createLocalPeeringGateway', path: '/localPeeringGateways', kind: 'oci.LocalPeeringGateway', body: createDetails, create: (tx, scope, d) => createLocalPeeringGateway(tx, scope, d) }),
  getOp({ name: 'getLocalPeeringGateway', path: PATH, kind: 'oci.LocalPeeringGateway' }),
  updateOp({ name: 'updateLocalPeeringGateway', path: PATH, kind: 'oci.LocalPeeringGateway', body: updateDetails, update: (tx, scope, id, d) => updateLocalPeeringGateway(tx, scope, id, d) }),
  deleteOp({ name: 'deleteLocalPeeringGateway', path: PATH, kind: 'oci.LocalPeeringGateway', remove: deleteLocalPeeringGateway }),
  listOp({
    name: 'listLocalPeeringGateways', path: '/localPeeringGateways', kind: 'oci.LocalPeeringGateway', query: listQuery, compartment: 'required',
    source: (view, q) => (q.vcnId === undefined ? view.list('oci.LocalPeeringGateway') : view.children('oci.LocalPeeringGateway', q.vcnId)),
  }),
  plainActionOp({ name: 'connectLocalPeeringGateways', path: `${PATH}/actions/connect`, body: connectDetails, run: (tx, scope, id, d) => { connectLocalPeeringGateways(tx, scope, id, d.peerId); } }),
  changeCompartmentOp({ name: 'changeLocalPeeringGatewayCompartment', resourcePath: PATH, kind: 'oci.LocalPeeringGateway' }),
];
