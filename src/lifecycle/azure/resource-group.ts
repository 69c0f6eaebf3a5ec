// Resource groups. Deleting one deletes what it holds, refusing when a member cannot go (as ARM
// does when one of the deletes fails, e.g. a provisioned partner circuit).
import { arm } from '../../model/errors.ts';
import { normaliseLocation, requireKnownGroupLocation } from '../../model/azure/locations.ts';
import { armResourceGroupId } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { ResourceGroup } from '../../model/azure/common.ts';
import { requireResourceGroup, requireSubscription, type AzureScope } from './scope.ts';

export function putResourceGroup(tx: Tx, scope: AzureScope, name: string, body: { location?: string; tags?: Record<string, string>; managedBy?: string }): ResourceGroup {
  requireSubscription(tx, scope);
  if (!/^[-\w._()]{1,90}$/.test(name) || name.endsWith('.')) {
    throw arm.badRequest('InvalidResourceGroup', `The provided resource group name '${name}' has these invalid characters or is too long: up to 90 letters, digits, underscores, parentheses, hyphens and periods, not ending in a period.`);
  }
  const id = armResourceGroupId(scope.subscriptionId, name);
  const existing = tx.get('azure.ResourceGroup', id);
  if (!existing && (body.location === undefined || body.location === '')) throw arm.badRequest('LocationRequired', 'The location property is required for this definition.', 'location');
  if (existing && body.location !== undefined && normaliseLocation(body.location) !== existing.location) {
    throw arm.badRequest('InvalidResourceGroupLocation', `Invalid resource group location '${body.location}'. The Resource group already exists in location '${existing.location}'.`);
  }
  const group: ResourceGroup = {
    id: existing?.id ?? id, name: existing?.name ?? name, type: 'Microsoft.Resources/resourceGroups',
    location: existing?.location ?? requireKnownGroupLocation(body.location ?? ''), tags: body.tags ?? existing?.tags ?? {},
    ...(body.managedBy === undefined ? {} : { managedBy: body.managedBy }),
    properties: { provisioningState: 'Succeeded' }, fr: { subscriptionId: scope.subscriptionId },
  };
  return tx.put('azure.ResourceGroup', group);
}

/** Every ARM entity in the group, for deletion and listings. */
export function resourcesInGroup(tx: Tx, scope: AzureScope, rg: string): { kind: import('../../model/world.ts').Kind; id: string }[] {
  const prefix = `${armResourceGroupId(scope.subscriptionId, rg)}/`.toLowerCase();
  const out: { kind: import('../../model/world.ts').Kind; id: string }[] = [];
  for (const kind of ['azure.Connection', 'azure.VirtualMachine', 'azure.NetworkInterface', 'azure.VirtualNetworkGateway', 'azure.PublicIPAddress', 'azure.ExpressRouteCircuit', 'azure.VirtualNetwork', 'azure.NetworkSecurityGroup', 'azure.RouteTable', 'azure.NetworkWatcher'] as const) {
    for (const e of tx.list(kind)) if (e.id.toLowerCase().startsWith(prefix)) out.push({ kind, id: e.id });
  }
  return out;
}

export function deleteResourceGroup(tx: Tx, scope: AzureScope, name: string, deleteMember: (kind: import('../../model/world.ts').Kind, id: string) => void): void {
  const group = requireResourceGroup(tx, scope, name);
  for (const r of resourcesInGroup(tx, scope, group.name)) deleteMember(r.kind, r.id);
  // Deployments are records of the group, not resources in it: they go with it.
  for (const d of tx.children('azure.Deployment', group.id)) tx.remove('azure.Deployment', d.id);
  tx.remove('azure.ResourceGroup', group.id);
}
