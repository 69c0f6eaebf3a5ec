// VNet peerings (virtualNetworks/{vnet}/virtualNetworkPeerings): PUT (with ?syncRemoteAddressSpace),
// GET, list, DELETE. Peerings are stored inline in their VNet (routing, the trace and the doctor read
// them there), so these handlers are not crud.ts's childResource. The remote VNet is a linked
// resource: the caller must be allowed to use its subscription ("peer" action).
//
// LRO tokens: a PUT polls the VNet (its provisioningState), a DELETE names the peering's id, which is
// no stored entity, so its status is Succeeded at once (the peering is gone when the 202 is sent).
import { z } from 'zod';
import { arm } from '../../../model/errors.ts';
import type { ReadView } from '../../../model/world.ts';
import type { VirtualNetwork } from '../../../model/azure/network.ts';
import { getArm } from '../../../lifecycle/azure/scope.ts';
import { deleteVnetPeering, peeringsOf, peeringView, putVnetPeering, type VnetPeering } from '../../../lifecycle/azure/vnet-peering.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';
import { parseArmBody } from '../protocol/body.ts';
import { armApiError } from '../protocol/errors.ts';
import { acceptedReply, byName, checkPreconditions, lroToken, putReply, RG, rgOf, scopeOf } from '../crud.ts';
import { refusePartialPeering } from '../not-modelled.ts';
import { requireLinkedAccess } from '../auth/linked-access.ts';
import { child, subResource } from '../schemas/common.ts';

const NS = 'Microsoft.Network';
const VNET = `${RG}/providers/${NS}/virtualNetworks/{virtualNetworkName}`;
const ITEM = `${VNET}/virtualNetworkPeerings/{virtualNetworkPeeringName}`;

const peeringBody = child(z.looseObject({
  remoteVirtualNetwork: subResource.optional(),
  allowVirtualNetworkAccess: z.boolean().optional(),
  allowForwardedTraffic: z.boolean().optional(),
  allowGatewayTransit: z.boolean().optional(),
  useRemoteGateways: z.boolean().optional(),
  doNotVerifyRemoteGateways: z.boolean().optional(),
}));

const vnetOf = (req: ArmRequest, view: ReadView): VirtualNetwork => getArm(view, scopeOf(req), 'azure.VirtualNetwork', rgOf(req), 'virtualNetworks', req.params.virtualNetworkName ?? '');
const peeringName = (req: ArmRequest) => req.params.virtualNetworkPeeringName ?? '';
const find = (view: ReadView, vnet: VirtualNetwork, name: string): VnetPeering | undefined => peeringsOf(view, vnet.id).find((p) => p.name.toLowerCase() === name.toLowerCase());

function notFound(vnet: VirtualNetwork, name: string, rg: string): Error {
  return arm.notFound(`${NS}/virtualNetworks/virtualNetworkPeerings`, `${vnet.name}/${name}`, rg);
}

/** ?syncRemoteAddressSpace: the spec's enum has the one value "true". */
function syncFlag(req: ArmRequest): boolean {
  const v = req.query.syncRemoteAddressSpace;
  if (v === undefined) return false;
  if (v.toLowerCase() === 'true') return true;
  throw armApiError.invalidRequestFormat(`The query parameter 'syncRemoteAddressSpace' has the invalid value '${v}'; the only value is 'true'.`, 'syncRemoteAddressSpace');
}

export const VNET_PEERING_OPERATIONS: ArmOperation[] = [
  {
    name: 'virtualNetworkPeerings.createOrUpdate', method: 'PUT', path: ITEM,
    async handle(req) {
      const body = parseArmBody(peeringBody, req.body);
      const sync = syncFlag(req);
      const scope = scopeOf(req);
      const target = `/subscriptions/${scope.subscriptionId}/resourceGroups/${rgOf(req)}/providers/${NS}/virtualNetworks/${req.params.virtualNetworkName ?? ''}/virtualNetworkPeerings/${peeringName(req)}`;
      requireLinkedAccess(req, `${NS}/virtualNetworks/virtualNetworkPeerings/write`, target, [{ id: body.properties?.remoteVirtualNetwork?.id, action: `${NS}/virtualNetworks/peer/action` }]);
      refusePartialPeering(req.body);
      return req.engine.mutate('arm:virtualNetworkPeerings.createOrUpdate', (tx) => {
        const vnet = vnetOf(req, tx);
        const existing = find(tx, vnet, peeringName(req));
        checkPreconditions(req, existing);
        const p = putVnetPeering(tx, scope, rgOf(req), vnet.name, peeringName(req), body, { syncRemoteAddressSpace: sync });
        const updated = vnetOf(req, tx);
        return putReply(req, peeringView(tx, updated, p), existing === undefined, lroToken(req, 'put', 'azure.VirtualNetwork', vnet.id, NS, vnet.location));
      });
    },
  },
  {
    name: 'virtualNetworkPeerings.get', method: 'GET', path: ITEM,
    async handle(req) {
      return req.engine.read((view) => {
        const vnet = vnetOf(req, view);
        const p = find(view, vnet, peeringName(req));
        if (!p) throw notFound(vnet, peeringName(req), rgOf(req));
        return { body: peeringView(view, vnet, p) };
      });
    },
  },
  {
    name: 'virtualNetworkPeerings.list', method: 'GET', path: `${VNET}/virtualNetworkPeerings`,
    async handle(req) {
      return req.engine.read((view) => {
        const vnet = vnetOf(req, view);
        return { body: { value: byName(peeringsOf(view, vnet.id)).map((p) => peeringView(view, vnet, p)) } };
      });
    },
  },
  {
    name: 'virtualNetworkPeerings.delete', method: 'DELETE', path: ITEM,
    async handle(req) {
      return req.engine.mutate('arm:virtualNetworkPeerings.delete', (tx) => {
        const vnet = vnetOf(req, tx);
        const existing = find(tx, vnet, peeringName(req));
        checkPreconditions(req, existing);
        if (existing === undefined) return { status: 204 };
        deleteVnetPeering(tx, scopeOf(req), rgOf(req), vnet.name, existing.name);
        return acceptedReply(req, lroToken(req, 'delete', 'azure.VirtualNetwork', existing.id, NS, vnet.location));
      });
    },
  },
];
