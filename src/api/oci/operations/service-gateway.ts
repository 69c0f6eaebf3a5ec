// Service gateways and the Oracle Services Network catalogue they enable (ListServices, GetService):
// CRUD, list, attach/detach one service, and the compartment move.
import { z } from 'zod';
import {
  changeServiceGatewayService, createServiceGateway, deleteServiceGateway, updateServiceGateway,
} from '../../../lifecycle/oci/service-gateway.ts';
import { oci } from '../../../model/errors.ts';
import { oracleServices, serviceById } from '../../../model/oci/services.ts';
import { createOp, deleteOp, getOp, listOp, pageReply, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { parseQuery } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';
import { ascending, inCatalogueOrder } from './fastconnect.ts';
import { changeCompartmentOp } from './change-compartment.ts';
import { entityActionOp } from './gateway-actions.ts';
import { vcnListQuery } from './route-table.ts';

const PATH = '/serviceGateways/{serviceGatewayId}';
const serviceId = z.strictObject({ serviceId: z.string().optional() });
const createServiceGatewayDetails = z.strictObject({ ...commonFields, vcnId: z.string().optional(), services: z.array(serviceId).optional(), routeTableId: z.string().optional() });
const updateServiceGatewayDetails = z.strictObject({ ...nameAndTags, services: z.array(serviceId).optional(), routeTableId: z.string().optional(), blockTraffic: z.boolean().optional() });
const listServicesQuery = z.object({ limit: listQueryFields.limit, page: listQueryFields.page });

export const SERVICE_GATEWAY_OPERATIONS: readonly OciOperation[] = [
  createOp({
    name: 'createServiceGateway', path: '/serviceGateways', kind: 'oci.ServiceGateway', body: createServiceGatewayDetails,
    create: (tx, scope, d) => {
      // Required by OCI's model (an empty list is fine).
      if (d.services === undefined) throw oci.missingParameter('services');
      return createServiceGateway(tx, scope, d);
    },
  }),
  getOp({ name: 'getServiceGateway', path: PATH, kind: 'oci.ServiceGateway' }),
  updateOp({ name: 'updateServiceGateway', path: PATH, kind: 'oci.ServiceGateway', body: updateServiceGatewayDetails, update: (tx, scope, id, d) => updateServiceGateway(tx, scope, id, d) }),
  deleteOp({ name: 'deleteServiceGateway', path: PATH, kind: 'oci.ServiceGateway', remove: deleteServiceGateway }),
  listOp({
    name: 'listServiceGateways', path: '/serviceGateways', kind: 'oci.ServiceGateway', query: vcnListQuery, compartment: 'required',
    source: (view, q) => (q.vcnId === undefined ? view.list('oci.ServiceGateway') : view.children('oci.ServiceGateway', q.vcnId)),
  }),
  entityActionOp({
    name: 'attachServiceId', path: `${PATH}/actions/attachService`, kind: 'oci.ServiceGateway', body: serviceId,
    run: (tx, scope, id, d) => changeServiceGatewayService(tx, scope, id, d, true),
  }),
  entityActionOp({
    name: 'detachServiceId', path: `${PATH}/actions/detachService`, kind: 'oci.ServiceGateway', body: serviceId,
    run: (tx, scope, id, d) => changeServiceGatewayService(tx, scope, id, d, false),
  }),
  changeCompartmentOp({ name: 'changeServiceGatewayCompartment', resourcePath: PATH, kind: 'oci.ServiceGateway' }),
  {
    // The region's catalogue, in its own order (no creation time); no compartment, as in the SDK.
    name: 'listServices', client: 'VirtualNetworkClient', method: 'GET', path: '/services',
    handle(req) {
      const q = parseQuery(listServicesQuery, req.query);
      return Promise.resolve(pageReply(inCatalogueOrder(oracleServices(req.scope.region)), ascending(q), ({ timeCreated: _t, ...s }) => s));
    },
  },
  {
    name: 'getService', client: 'VirtualNetworkClient', method: 'GET', path: '/services/{serviceId}',
    handle(req) {
      const id = req.params.serviceId ?? '';
      const service = serviceById(id);
      if (!service) throw oci.notFound('Service', id);
      return Promise.resolve({ body: service });
    },
  },
];
