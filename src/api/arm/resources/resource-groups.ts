// Resource groups as @azure/arm-resources and `az group` use them (the path segment arrives as
// both `resourcegroups` and `resourceGroups`). Deleting a group deletes its members through their
// own delete operations, so a member that cannot go (a provisioned partner circuit) stops it.
import { z } from 'zod';
import { arm } from '../../../model/errors.ts';
import type { Tx } from '../../../model/tx.ts';
import type { Kind } from '../../../model/world.ts';
import type { ResourceGroup } from '../../../model/azure/common.ts';
import { deleteResourceGroup, putResourceGroup } from '../../../lifecycle/azure/resource-group.ts';
import { requireResourceGroup, requireSubscription, type AzureScope } from '../../../lifecycle/azure/scope.ts';
import { deleteVirtualNetwork } from '../../../lifecycle/azure/vnet.ts';
import { deleteNetworkSecurityGroup } from '../../../lifecycle/azure/nsg.ts';
import { deleteRouteTable } from '../../../lifecycle/azure/route-table.ts';
import { deleteNetworkInterface, deleteVirtualMachine } from '../../../lifecycle/azure/nic.ts';
import { deleteVirtualNetworkGateway } from '../../../lifecycle/azure/gateway.ts';
import { deleteExpressRouteCircuit } from '../../../lifecycle/azure/circuit.ts';
import { deleteConnection } from '../../../lifecycle/azure/connection.ts';
import { deletePublicIPAddress } from '../../../lifecycle/azure/public-ip.ts';
import { deleteNetworkWatcher } from '../../../lifecycle/azure/network-watcher.ts';
import { armResourceGroupId } from '../../../model/ids.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';
import { parseArmBody } from '../protocol/body.ts';
import { acceptedReply, acceptedUnlessOperationFails, byName, checkPreconditions, lroToken, S, scopeOf } from '../crud.ts';

const groupBody = z.looseObject({
  location: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  managedBy: z.string().optional(),
  properties: z.looseObject({}).optional(),
});

type Remover = (tx: Tx, scope: AzureScope, rg: string, name: string) => void;

const REMOVERS: Partial<Record<Kind, Remover>> = {
  'azure.Connection': deleteConnection,
  'azure.VirtualMachine': deleteVirtualMachine,
  'azure.NetworkInterface': deleteNetworkInterface,
  'azure.VirtualNetworkGateway': deleteVirtualNetworkGateway,
  'azure.ExpressRouteCircuit': deleteExpressRouteCircuit,
  'azure.VirtualNetwork': deleteVirtualNetwork,
  'azure.NetworkSecurityGroup': deleteNetworkSecurityGroup,
  'azure.RouteTable': deleteRouteTable,
  'azure.PublicIPAddress': deletePublicIPAddress,
  'azure.NetworkWatcher': deleteNetworkWatcher,
};

function present(g: ResourceGroup): Record<string, unknown> {
  const { fr: _fr, ...rest } = g;
  return rest;
}

const ITEM = `${S}/resourcegroups/{resourceGroupName}`;
const rgName = (req: ArmRequest) => req.params.resourceGroupName ?? '';

export const RESOURCE_GROUP_OPERATIONS: ArmOperation[] = [
  {
    name: 'resourceGroups.createOrUpdate', method: 'PUT', path: ITEM,
    async handle(req) {
      const body = parseArmBody(groupBody, req.body);
      return req.engine.mutate('arm:resourceGroups.createOrUpdate', (tx) => {
        const scope = scopeOf(req);
        const existing = tx.get('azure.ResourceGroup', armResourceGroupId(scope.subscriptionId, rgName(req)));
        checkPreconditions(req, undefined);
        const g = putResourceGroup(tx, scope, rgName(req), body);
        return { status: existing ? 200 : 201, body: present(g) };
      });
    },
  },
  {
    name: 'resourceGroups.get', method: 'GET', path: ITEM,
    async handle(req) {
      return req.engine.read((view) => ({ body: present(requireResourceGroup(view, scopeOf(req), rgName(req))) }));
    },
  },
  {
    name: 'resourceGroups.checkExistence', method: 'HEAD', path: ITEM,
    async handle(req) {
      return req.engine.read((view) => {
        requireSubscription(view, scopeOf(req));
        return { status: view.get('azure.ResourceGroup', armResourceGroupId(scopeOf(req).subscriptionId, rgName(req))) ? 204 : 404 };
      });
    },
  },
  {
    name: 'resourceGroups.update', method: 'PATCH', path: ITEM,
    async handle(req) {
      const body = parseArmBody(groupBody, req.body);
      return req.engine.mutate('arm:resourceGroups.update', (tx) => {
        const g = requireResourceGroup(tx, scopeOf(req), rgName(req));
        const updated = tx.update('azure.ResourceGroup', g.id, (d) => {
          if (body.tags !== undefined) d.tags = { ...body.tags };
          if (body.managedBy !== undefined) d.managedBy = body.managedBy;
        });
        return { body: present(updated) };
      });
    },
  },
  {
    name: 'resourceGroups.delete', method: 'DELETE', path: ITEM,
    async handle(req) {
      // A member whose delete fails on its operation (a provisioned circuit) fails the group's operation.
      return acceptedUnlessOperationFails(req, (accept) => req.engine.mutate('arm:resourceGroups.delete', (tx) => {
        const scope = scopeOf(req);
        requireSubscription(tx, scope);
        const g = tx.get('azure.ResourceGroup', armResourceGroupId(scope.subscriptionId, rgName(req)));
        if (!g) throw arm.resourceGroupNotFound(rgName(req));
        const token = lroToken(req, 'delete', 'azure.ResourceGroup', g.id, 'Microsoft.Resources', g.location);
        accept(token);
        deleteResourceGroup(tx, scope, g.name, (kind, id) => {
          const remove = REMOVERS[kind];
          const e = tx.get(kind, id) as { name: string; properties?: { provisioningState?: string } } | undefined;
          if (remove && e && e.properties?.provisioningState !== 'Deleting') remove(tx, scope, g.name, e.name);
        });
        return acceptedReply(req, token);
      }));
    },
  },
  {
    name: 'resourceGroups.list', method: 'GET', path: `${S}/resourcegroups`,
    async handle(req) {
      return req.engine.read((view) => {
        const scope = scopeOf(req);
        requireSubscription(view, scope);
        const groups = view.children('azure.ResourceGroup', `/subscriptions/${scope.subscriptionId}`);
        return { body: { value: byName(groups).map(present) } };
      });
    },
  },
];
