// ARM scoping: every Azure operation runs in one subscription; resource groups must exist; ids
// are built from names and compared case-insensitively.
import { arm } from '../../model/errors.ts';
import { normaliseLocation, requireKnownLocation } from '../../model/azure/locations.ts';
import { armNetworkId, armResourceGroupId } from '../../model/ids.ts';
import type { ArmMeta } from '../../model/azure/common.ts';
import type { ResourceGroup } from '../../model/azure/common.ts';
import type { Tx } from '../../model/tx.ts';
import type { Entity, Kind, ReadView } from '../../model/world.ts';
import { checkName } from '../../model/validate/azure.ts';
import { scheduleArmSucceeded } from '../generic.ts';

export interface AzureScope {
  subscriptionId: string;
}

export interface ArmBody<P> {
  location?: string;
  tags?: Record<string, string>;
  properties?: P;
}

export const ARM_TYPES: Partial<Record<Kind, string>> = {
  'azure.VirtualNetwork': 'Microsoft.Network/virtualNetworks',
  'azure.Subnet': 'Microsoft.Network/virtualNetworks/subnets',
  'azure.NetworkSecurityGroup': 'Microsoft.Network/networkSecurityGroups',
  'azure.SecurityRule': 'Microsoft.Network/networkSecurityGroups/securityRules',
  'azure.RouteTable': 'Microsoft.Network/routeTables',
  'azure.Route': 'Microsoft.Network/routeTables/routes',
  'azure.NetworkInterface': 'Microsoft.Network/networkInterfaces',
  'azure.VirtualMachine': 'Microsoft.Compute/virtualMachines',
  'azure.VirtualNetworkGateway': 'Microsoft.Network/virtualNetworkGateways',
  'azure.ExpressRouteCircuit': 'Microsoft.Network/expressRouteCircuits',
  'azure.ExpressRouteCircuitPeering': 'Microsoft.Network/expressRouteCircuits/peerings',
  'azure.ExpressRouteCircuitAuthorization': 'Microsoft.Network/expressRouteCircuits/authorizations',
  'azure.Connection': 'Microsoft.Network/connections',
  'azure.PublicIPAddress': 'Microsoft.Network/publicIPAddresses',
  'azure.NetworkWatcher': 'Microsoft.Network/networkWatchers',
};

export function requireSubscription(view: ReadView, scope: AzureScope): void {
  if (!view.get('azure.Subscription', `/subscriptions/${scope.subscriptionId}`)) throw arm.subscriptionNotFound(scope.subscriptionId);
}

export function requireResourceGroup(view: ReadView, scope: AzureScope, rg: string): ResourceGroup {
  requireSubscription(view, scope);
  const group = view.get('azure.ResourceGroup', armResourceGroupId(scope.subscriptionId, rg));
  if (!group || group.properties.provisioningState === 'Deleting') throw arm.resourceGroupNotFound(rg);
  return group;
}

/** A tracked resource in a resource group, or ARM's 404. */
export function getArm<K extends Kind>(view: ReadView, scope: AzureScope, kind: K, rg: string, collection: string, name: string): Entity<K> {
  requireResourceGroup(view, scope, rg);
  const e = view.get(kind, armNetworkId(scope.subscriptionId, rg, collection, name));
  if (e === undefined) throw arm.notFound(ARM_TYPES[kind] ?? kind, name, rg);
  return e;
}

/** A resource referenced by id inside a request body. */
export function getReferenced<K extends Kind>(view: ReadView, kind: K, id: string | undefined, property: string): Entity<K> {
  const e = id === undefined ? undefined : view.get(kind, id);
  if (e === undefined) {
    throw arm.badRequest('InvalidResourceReference', `Resource ${id ?? '(none)'} referenced by ${property} was not found.`, property);
  }
  return e;
}

export function etag(tx: Tx): string {
  return `W/"${tx.ctx.ids.guid()}"`;
}

export function meta(scope: AzureScope, rg: string): ArmMeta {
  return { subscriptionId: scope.subscriptionId, resourceGroup: rg };
}

/**
 * Checks the name, location and resource group of a PUT and returns the canonical-cased rg name and
 * the normalised location. A location ARM does not offer is `LocationNotAvailableForResourceType`;
 * one that differs from the existing resource's is `InvalidResourceLocation` (a resource cannot move).
 */
export function preparePut(tx: Tx, scope: AzureScope, type: string, rg: string, name: string, location: string | undefined, existing?: { name: string; location: string }): { rg: string; location: string } {
  const group = requireResourceGroup(tx, scope, rg);
  checkName(name);
  const loc = location ?? existing?.location;
  if (loc === undefined || loc === '') throw arm.badRequest('LocationRequired', 'The location property is required for this definition.', 'location');
  const normal = requireKnownLocation(loc, type);
  if (existing !== undefined && normaliseLocation(existing.location) !== normal) {
    throw arm.badRequest('InvalidResourceLocation', `The resource '${existing.name}' already exists in location '${existing.location}' in resource group '${group.name}'. A resource with the same name cannot be created in location '${normal}'. Please select a new resource name.`, 'location');
  }
  return { rg: group.name, location: normal };
}

/**
 * ARM's rule for child resources sent inline in a parent's PUT (subnets, security rules, routes):
 * the list replaces the set. Children not named (case-insensitively) are removed; the named ones are
 * written and go Updating → Succeeded.
 */
export function replaceInlineChildren<K extends 'azure.Subnet' | 'azure.SecurityRule' | 'azure.Route'>(tx: Tx, kind: K, parentId: string, children: readonly Entity<K>[]): void {
  const names = new Set(children.map((c) => c.name.toLowerCase()));
  for (const old of tx.children(kind, parentId)) if (!names.has(old.name.toLowerCase())) tx.remove(kind, old.id);
  for (const c of children) {
    tx.put(kind, c);
    scheduleArmSucceeded(tx, kind, c.id);
  }
}
