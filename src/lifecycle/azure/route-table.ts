// Route tables (UDRs). An ExpressRoute gateway is not a valid UDR next hop: Azure accepts the route
// and never uses it; FastRoute does the same and routing marks it Invalid (next issue).
import { arm } from '../../model/errors.ts';
import { armNetworkId } from '../../model/ids.ts';
import { ipToInt } from '../../model/cidr.ts';
import type { Tx } from '../../model/tx.ts';
import type { Route, RouteNextHopType, RouteTable } from '../../model/azure/network.ts';
import { checkName, checkPrefix, missingProperty } from '../../model/validate/azure.ts';
import { etag, getArm, replaceInlineChildren, meta, preparePut, type ArmBody, type AzureScope } from './scope.ts';
import { armDelete, scheduleArmSucceeded } from '../generic.ts';

export interface RouteBody { name?: string; properties?: { addressPrefix?: string; nextHopType?: string; nextHopIpAddress?: string } }
export type RouteTableBody = ArmBody<{ routes?: RouteBody[]; disableBgpRoutePropagation?: boolean }>;

const NEXT_HOPS: readonly RouteNextHopType[] = ['VirtualNetworkGateway', 'VnetLocal', 'Internet', 'VirtualAppliance', 'None'];

function buildRoute(tx: Tx, tableId: string, name: string, body: RouteBody, m: ReturnType<typeof meta>): Route {
  checkName(name);
  const id = `${tableId}/routes/${name}`;
  const p = body.properties ?? {};
  if (p.addressPrefix === undefined) throw missingProperty('properties.addressPrefix', id);
  checkPrefix(p.addressPrefix, id);
  const nextHopType = NEXT_HOPS.find((h) => h.toLowerCase() === (p.nextHopType ?? '').toLowerCase());
  if (!nextHopType) throw arm.badRequest('InvalidRequestFormat', `Cannot parse the request. nextHopType must be one of ${NEXT_HOPS.join(', ')}.`, 'properties.nextHopType');
  if (nextHopType === 'VirtualAppliance') {
    if (p.nextHopIpAddress === undefined || ipToInt(p.nextHopIpAddress) === undefined) {
      throw arm.badRequest('InvalidNextHopIpAddress', `Route ${name} has next hop type VirtualAppliance and requires a valid nextHopIpAddress.`);
    }
  } else if (p.nextHopIpAddress !== undefined && p.nextHopIpAddress !== '') {
    throw arm.badRequest('NextHopIpAddressNotAllowed', `Route ${name}: nextHopIpAddress is allowed only with next hop type VirtualAppliance.`);
  }
  return {
    id, name, type: 'Microsoft.Network/routeTables/routes', etag: etag(tx),
    properties: { addressPrefix: p.addressPrefix, nextHopType, ...(nextHopType === 'VirtualAppliance' ? { nextHopIpAddress: p.nextHopIpAddress } : {}), hasBgpOverride: false, provisioningState: 'Updating' },
    fr: { ...m, parentId: tableId },
  };
}

export function putRouteTable(tx: Tx, scope: AzureScope, rgName: string, name: string, body: RouteTableBody): RouteTable {
  const existing = tx.get('azure.RouteTable', armNetworkId(scope.subscriptionId, rgName, 'routeTables', name));
  const { rg, location } = preparePut(tx, scope, 'Microsoft.Network/routeTables', rgName, name, body.location, existing);
  const id = existing?.id ?? armNetworkId(scope.subscriptionId, rg, 'routeTables', name);
  const m = meta(scope, rg);
  const routes = body.properties?.routes?.map((r, i) => {
    if (r.name === undefined) throw missingProperty(`properties.routes[${i}].name`, id);
    return buildRoute(tx, id, r.name, r, m);
  });
  const table: RouteTable = {
    id, name: existing?.name ?? name, type: 'Microsoft.Network/routeTables', location, tags: body.tags ?? existing?.tags ?? {}, etag: etag(tx),
    properties: { disableBgpRoutePropagation: body.properties?.disableBgpRoutePropagation ?? false, resourceGuid: existing?.properties.resourceGuid ?? tx.ctx.ids.guid(), provisioningState: 'Updating' },
    fr: m,
  };
  tx.put('azure.RouteTable', table);
  scheduleArmSucceeded(tx, 'azure.RouteTable', id);
  if (routes) replaceInlineChildren(tx, 'azure.Route', id, routes);
  return table;
}

export function putRoute(tx: Tx, scope: AzureScope, rgName: string, tableName: string, name: string, body: RouteBody): Route {
  const table = getArm(tx, scope, 'azure.RouteTable', rgName, 'routeTables', tableName);
  const route = buildRoute(tx, table.id, name, body, table.fr);
  tx.put('azure.Route', route);
  scheduleArmSucceeded(tx, 'azure.Route', route.id);
  return route;
}

export function deleteRoute(tx: Tx, scope: AzureScope, rgName: string, tableName: string, name: string): void {
  const table = getArm(tx, scope, 'azure.RouteTable', rgName, 'routeTables', tableName);
  const route = tx.get('azure.Route', `${table.id}/routes/${name}`);
  if (!route) throw arm.error(404, 'NotFound', `Resource ${table.id}/routes/${name} not found.`);
  tx.remove('azure.Route', route.id);
}

export function deleteRouteTable(tx: Tx, scope: AzureScope, rgName: string, name: string): void {
  const table = getArm(tx, scope, 'azure.RouteTable', rgName, 'routeTables', name);
  const id = table.id.toLowerCase();
  if (tx.list('azure.Subnet').some((s) => s.properties.routeTable?.id.toLowerCase() === id && s.properties.provisioningState !== 'Deleting')) {
    throw arm.badRequest('InUseRouteTableCannotBeDeleted', `Route table ${table.name} is in use and cannot be deleted.`);
  }
  for (const r of tx.children('azure.Route', table.id)) tx.remove('azure.Route', r.id);
  armDelete(tx, 'azure.RouteTable', table.id);
}
