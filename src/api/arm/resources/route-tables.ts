// Route tables and their routes (UDRs). The lifecycle checks prefixes, next hop types and the
// VirtualAppliance next-hop address with NRP's codes; routes sent inline in a table PUT replace the
// set, as ARM does. A subnet is associated through the subnets API (properties.routeTable).
import { z } from 'zod';
import { deleteRoute, deleteRouteTable, putRoute, putRouteTable } from '../../../lifecycle/azure/route-table.ts';
import type { ArmOperation } from '../operation.ts';
import { childResource, trackedResource } from '../crud.ts';
import { child, tracked } from '../schemas/common.ts';

// nextHopType stays a string: the lifecycle matches it without case and answers a bad one itself.
// A null nextHopIpAddress is NRP's "not set" (templates send it from if(…, …, null())).
const routeBody = child(z.looseObject({
  addressPrefix: z.string().optional(),
  nextHopType: z.string().optional(),
  nextHopIpAddress: z.string().nullish().transform((v) => v ?? undefined),
}));

const routeTableBody = tracked(z.looseObject({
  routes: z.array(routeBody).optional(),
  disableBgpRoutePropagation: z.boolean().optional(),
}));

export const ROUTE_TABLE_OPERATIONS: ArmOperation[] = [
  ...trackedResource({
    sdk: 'routeTables', kind: 'azure.RouteTable', ns: 'Microsoft.Network', collection: 'routeTables', param: 'routeTableName', body: routeTableBody,
    put: putRouteTable, remove: deleteRouteTable,
  }),
  ...childResource({
    sdk: 'routes', kind: 'azure.Route', parentKind: 'azure.RouteTable', ns: 'Microsoft.Network', parentCollection: 'routeTables', parentParam: 'routeTableName',
    collection: 'routes', param: 'routeName', body: routeBody, put: putRoute, remove: deleteRoute,
  }),
];
