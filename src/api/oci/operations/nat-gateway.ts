// NAT gateways: CRUD, list (by VCN, name, state) and the compartment move.
import { z } from 'zod';
import { createNatGateway, deleteNatGateway, updateNatGateway } from '../../../lifecycle/oci/nat-gateway.ts';
import { createOp, deleteOp, getOp, listOp, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';
import { changeCompartmentOp } from './change-compartment.ts';
import { vcnListQuery } from './route-table.ts';

const PATH = '/natGateways/{natGatewayId}';
const gatewayFields = { blockTraffic: z.boolean().optional(), routeTableId: z.string().optional() };
const createNatGatewayDetails = z.strictObject({ ...commonFields, vcnId: z.string().optional(), publicIpId: z.string().optional(), ...gatewayFields });
const updateNatGatewayDetails = z.strictObject({ ...nameAndTags, ...gatewayFields });

export const NAT_GATEWAY_OPERATIONS: readonly OciOperation[] = [
  createOp({ name: 'createNatGateway', path: '/natGateways', kind: 'oci.NatGateway', body: createNatGatewayDetails, create: (tx, scope, d) => createNatGateway(tx, scope, d) }),
  getOp({ name: 'getNatGateway', path: PATH, kind: 'oci.NatGateway' }),
  updateOp({ name: 'updateNatGateway', path: PATH, kind: 'oci.NatGateway', body: updateNatGatewayDetails, update: (tx, scope, id, d) => updateNatGateway(tx, scope, id, d) }),
  deleteOp({ name: 'deleteNatGateway', path: PATH, kind: 'oci.NatGateway', remove: deleteNatGateway }),
  listOp({
    name: 'listNatGateways', path: '/natGateways', kind: 'oci.NatGateway', query: vcnListQuery, compartment: 'required',
    source: (view, q) => (q.vcnId === undefined ? view.list('oci.NatGateway') : view.children('oci.NatGateway', q.vcnId)),
  }),
  changeCompartmentOp({ name: 'changeNatGatewayCompartment', resourcePath: PATH, kind: 'oci.NatGateway' }),
];
