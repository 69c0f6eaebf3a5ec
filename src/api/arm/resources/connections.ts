// Connections (path segment `connections`, the SDK's virtualNetworkGatewayConnections) of type
// ExpressRoute. The lifecycle refuses them until the circuit is Provisioned and moves them
// Connecting → Connected; beginUpdateTags is an LRO in the SDK, like the gateway's.
import { z } from 'zod';
import { deleteConnection, putConnection, type ConnectionBody } from '../../../lifecycle/azure/connection.ts';
import { refId } from '../auth/linked-access.ts';
import { trackedResource } from '../crud.ts';
import type { ArmOperation } from '../operation.ts';
import { subResource, tracked } from '../schemas/common.ts';
import type { PostActionResult } from './operation-status.ts';

// The SDK types virtualNetworkGateway1 as a whole gateway but clients send {id}; the CLI's template
// sends `expressRouteGatewayBypass: null`, which means "not set".
const connectionBody = tracked(z.looseObject({
  connectionType: z.string().optional(),
  virtualNetworkGateway1: subResource.optional(),
  peer: subResource.optional(),
  authorizationKey: z.string().optional(),
  routingWeight: z.number().optional(),
  expressRouteGatewayBypass: z.boolean().nullable().optional(),
  enablePrivateLinkFastPath: z.boolean().nullable().optional(),
}));

function toLifecycle(body: z.output<typeof connectionBody>): ConnectionBody {
  const p = body.properties;
  if (!p) return body as ConnectionBody;
  const { expressRouteGatewayBypass, enablePrivateLinkFastPath, ...rest } = p;
  return {
    ...body,
    properties: {
      ...rest,
      ...(expressRouteGatewayBypass == null ? {} : { expressRouteGatewayBypass }),
      ...(enablePrivateLinkFastPath == null ? {} : { enablePrivateLinkFastPath }),
    },
  };
}

export const CONNECTION_OPERATIONS: ArmOperation[] = trackedResource({
  sdk: 'virtualNetworkGatewayConnections', kind: 'azure.Connection', ns: 'Microsoft.Network', collection: 'connections', param: 'virtualNetworkGatewayConnectionName',
  body: connectionBody,
  put: (tx, scope, rg, name, body) => putConnection(tx, scope, rg, name, toLifecycle(body)),
  remove: deleteConnection, asyncTags: true,
  // A circuit in another subscription is reached by redeeming its authorization key: the key, not
  // the caller's role on that subscription, is the permission (Microsoft Learn,
  // expressroute-howto-linkvnet-arm "Connect a virtual network in a different subscription").
  linked: (body) => [
    { id: refId(body.properties?.virtualNetworkGateway1), action: 'Microsoft.Network/virtualNetworkGateways/join/action' },
    { id: refId(body.properties?.peer), action: 'Microsoft.Network/expressRouteCircuits/join/action', viaKey: body.properties?.authorizationKey !== undefined },
  ],
});


/** Connections have no diagnostics POSTs served (sharedkey and the VPN actions answer 501). */
export const CONNECTION_POST_RESULTS: Record<string, PostActionResult> = {};
