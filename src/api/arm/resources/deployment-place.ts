// Where a deployment lives: in a resource group, or at subscription scope (no resource group in the
// path: `az deployment sub create`). What the template's scope functions see follows from it:
// resourceGroup() is refused at subscription scope, as ARM refuses it there
// (https://learn.microsoft.com/azure/azure-resource-manager/templates/deploy-to-subscription).
import type { Deployment } from '../../../model/azure/deployment.ts';
import { arm } from '../../../model/errors.ts';
import { requireResourceGroup, requireSubscription } from '../../../lifecycle/azure/scope.ts';
import { rgOf, scopeOf } from '../crud.ts';
import type { ArmRequest } from '../operation.ts';
import type { Json } from '../protocol/template-expressions.ts';

export interface Place {
  /** The deployment's id (its path without the api-version). */
  id: string;
  existing: Deployment | undefined;
  subscriptionId: string;
  subscription: Json;
  /** Absent at subscription scope. */
  resourceGroupName: string | undefined;
  resourceGroup: Json | undefined;
}

/** The deployment's resource group, undefined at subscription scope (the route has no {resourceGroupName}). */
export function groupOf(req: ArmRequest): string | undefined {
  return req.params.resourceGroupName === undefined ? undefined : rgOf(req);
}

export function deploymentPath(subscriptionId: string, resourceGroup: string | undefined, name: string): string {
  const at = resourceGroup === undefined ? '' : `/resourceGroups/${resourceGroup}`;
  return `/subscriptions/${subscriptionId}${at}/providers/Microsoft.Resources/deployments/${name}`;
}

/** ARM's 404 for a deployment that does not exist, at either scope. */
export function deploymentNotFound(name: string): Error {
  return arm.error(404, 'DeploymentNotFound', `Deployment '${name}' could not be found.`);
}

/** The deployment's place, read after checking its subscription (and resource group) exist. */
export function placeOf(req: ArmRequest): Promise<Place> {
  const scope = scopeOf(req);
  const rg = groupOf(req);
  return req.engine.read((view) => {
    const g = rg === undefined ? undefined : requireResourceGroup(view, scope, rg);
    if (g === undefined) requireSubscription(view, scope);
    const s = view.get('azure.Subscription', `/subscriptions/${scope.subscriptionId}`);
    const id = deploymentPath(scope.subscriptionId, g?.name, req.params.deploymentName ?? '');
    const subscription: Json = s ? { id: s.id, subscriptionId: s.subscriptionId, tenantId: s.tenantId, displayName: s.displayName } : { id: `/subscriptions/${scope.subscriptionId}`, subscriptionId: scope.subscriptionId };
    let resourceGroup: Json | undefined;
    if (g !== undefined) {
      const { fr: _fr, ...group } = g;
      resourceGroup = JSON.parse(JSON.stringify(group)) as Json;
    }
    return { id, existing: view.get('azure.Deployment', id), subscriptionId: scope.subscriptionId, subscription, resourceGroupName: g?.name, resourceGroup };
  });
}
