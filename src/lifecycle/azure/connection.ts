// Connections (type ExpressRoute) link an ER gateway to a circuit. Azure refuses them until the
// provider has provisioned the circuit; then they go Connecting → Connected.
import { arm } from '../../model/errors.ts';
import { armNetworkId } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { SubResource } from '../../model/azure/common.ts';
import type { Connection, ExpressRouteCircuit } from '../../model/azure/expressroute.ts';
import { ER_GATEWAY_SKUS, ERGWSCALE_FASTPATH_MIN_UNITS, supportsFastPath } from '../../model/azure/gateway-skus.ts';
import { missingProperty } from '../../model/validate/azure.ts';
import { maxVnetLinks } from '../../model/azure/circuit-limits.ts';
import { etag, getArm, getReferenced, meta, preparePut, type ArmBody, type AzureScope } from './scope.ts';
import { armDelete } from '../generic.ts';

export type ConnectionBody = ArmBody<{
  connectionType?: string;
  virtualNetworkGateway1?: SubResource;
  peer?: SubResource;
  authorizationKey?: string;
  routingWeight?: number;
  expressRouteGatewayBypass?: boolean;
  enablePrivateLinkFastPath?: boolean;
}>;

export function connectionsOfGateway(tx: Tx, gatewayId: string): Connection[] {
  const id = gatewayId.toLowerCase();
  return tx.list('azure.Connection').filter((c) => c.properties.virtualNetworkGateway1.id.toLowerCase() === id && c.properties.provisioningState !== 'Deleting');
}

function authorizeCrossSubscription(tx: Tx, scope: AzureScope, circuit: ExpressRouteCircuit, key: string | undefined, connectionId: string): void {
  if (circuit.fr.subscriptionId === scope.subscriptionId) return;
  // A key that redeems nothing is NRP's 400, not ARM's 403 AuthorizationFailed (that is RBAC's); the
  // code is FastRoute's choice (docs/error-code-sources.md, "authorization key").
  const auth = tx.children('azure.ExpressRouteCircuitAuthorization', circuit.id).find((a) => a.properties.authorizationKey === key);
  if (!auth) {
    throw arm.badRequest('InvalidAuthorizationKey', `The authorizationKey of connection ${connectionId} does not match any authorization of circuit ${circuit.id}, which is in another subscription.`, 'properties.authorizationKey');
  }
  if (auth.properties.authorizationUseStatus === 'InUse' && auth.properties.connectionResourceUri?.toLowerCase() !== connectionId.toLowerCase()) {
    throw arm.badRequest('InvalidAuthorizationKey', `The authorizationKey of connection ${connectionId} was already redeemed by ${auth.properties.connectionResourceUri ?? 'another connection'}; an authorization key can be used for one connection only.`, 'properties.authorizationKey');
  }
  tx.update('azure.ExpressRouteCircuitAuthorization', auth.id, (d) => {
    d.properties.authorizationUseStatus = 'InUse';
    d.properties.connectionResourceUri = connectionId;
  });
}

export function putConnection(tx: Tx, scope: AzureScope, rgName: string, name: string, body: ConnectionBody): Connection {
  const existing = tx.get('azure.Connection', armNetworkId(scope.subscriptionId, rgName, 'connections', name));
  const { rg, location } = preparePut(tx, scope, 'Microsoft.Network/connections', rgName, name, body.location, existing);
  const id = existing?.id ?? armNetworkId(scope.subscriptionId, rg, 'connections', name);
  const p = body.properties ?? {};
  if (p.connectionType === undefined) throw missingProperty('properties.connectionType', id);
  if (p.connectionType.toLowerCase() !== 'expressroute') throw arm.badRequest('ConnectionTypeNotSupported', `Connection type ${p.connectionType} is not modelled by FastRoute; use ExpressRoute.`);
  const gw = getReferenced(tx, 'azure.VirtualNetworkGateway', p.virtualNetworkGateway1?.id, 'properties.virtualNetworkGateway1.id');
  if (gw.properties.gatewayType !== 'ExpressRoute') throw arm.badRequest('InvalidGatewayType', `Gateway ${gw.id} is of type ${gw.properties.gatewayType}; an ExpressRoute connection needs an ExpressRoute gateway.`);
  if (gw.properties.provisioningState !== 'Succeeded') throw arm.badRequest('ReferencedResourceNotProvisioned', `Cannot proceed with operation because resource ${gw.id} used by resource ${id} is not in Succeeded state. Resource is in ${gw.properties.provisioningState} state and the last operation that updated/is updating the resource is PutVirtualNetworkGatewayOperation.`);
  const circuit = getReferenced(tx, 'azure.ExpressRouteCircuit', p.peer?.id, 'properties.peer.id');
  // The key first: a caller from another subscription learns nothing of the circuit (its provisioning
  // state, its links) without a valid key. A later refusal rolls the redemption back with the unit of work.
  authorizeCrossSubscription(tx, scope, circuit, p.authorizationKey, id);
  if (circuit.properties.serviceProviderProvisioningState !== 'Provisioned') {
    throw arm.badRequest('ServiceProviderNotProvisioned', `The current cross connection provisioning state '${circuit.properties.serviceProviderProvisioningState}' of this service key '${circuit.properties.serviceKey}' prevents this operation.`);
  }
  if (circuit.properties.provisioningState === 'Failed') throw arm.badRequest('CircuitInFailedState', `Circuit ${circuit.id} is in a failed state.`);
  const limits = ER_GATEWAY_SKUS[gw.properties.sku.name];
  const others = connectionsOfGateway(tx, gw.id).filter((c) => c.id.toLowerCase() !== id.toLowerCase());
  if (others.some((c) => c.properties.peer.id.toLowerCase() === circuit.id.toLowerCase())) throw arm.badRequest('DuplicateConnection', `Gateway ${gw.name} is already connected to circuit ${circuit.name}.`);
  if (others.length + 1 > limits.maxCircuitConnections) throw arm.badRequest('MaxCircuitConnectionsExceeded', `Gateway SKU ${gw.properties.sku.name} supports at most ${limits.maxCircuitConnections} circuit connections.`);
  const links = tx.list('azure.Connection').filter((c) => c.properties.peer.id.toLowerCase() === circuit.id.toLowerCase() && c.id.toLowerCase() !== id.toLowerCase() && c.properties.provisioningState !== 'Deleting');
  if (links.length + 1 > maxVnetLinks(circuit)) throw arm.badRequest('CircuitVnetLinkLimitExceeded', `Circuit ${circuit.name} (${circuit.sku.tier}) supports at most ${maxVnetLinks(circuit)} VNet links.`);
  if (p.expressRouteGatewayBypass && !supportsFastPath(gw)) {
    throw arm.badRequest('FastPathNotSupportedOnGatewaySku', `FastPath requires the UltraPerformance or ErGw3AZ gateway SKU, or ErGwScale with at least ${ERGWSCALE_FASTPATH_MIN_UNITS} scale units; ${gw.name} is ${gw.properties.sku.name}${gw.properties.sku.name === 'ErGwScale' ? ` with ${gw.properties.sku.capacity ?? 1} scale units` : ''}.`);
  }
  if (p.enablePrivateLinkFastPath) throw arm.badRequest('PrivateLinkFastPathNotSupported', 'FastPath to Private Link is not supported on ExpressRoute partner circuits.');
  const connection: Connection = {
    id, name: existing?.name ?? name, type: 'Microsoft.Network/connections', location, tags: body.tags ?? existing?.tags ?? {}, etag: etag(tx),
    properties: {
      connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gw.id }, peer: { id: circuit.id },
      ...(p.authorizationKey === undefined ? {} : { authorizationKey: p.authorizationKey }),
      routingWeight: p.routingWeight ?? 0, expressRouteGatewayBypass: p.expressRouteGatewayBypass ?? false, enablePrivateLinkFastPath: false,
      enableBgp: false, connectionStatus: existing?.properties.connectionStatus === 'Connected' ? 'Connected' : 'Connecting',
      ingressBytesTransferred: existing?.properties.ingressBytesTransferred ?? 0, egressBytesTransferred: existing?.properties.egressBytesTransferred ?? 0,
      resourceGuid: existing?.properties.resourceGuid ?? tx.ctx.ids.guid(), provisioningState: 'Updating',
    },
    fr: meta(scope, rg),
  };
  tx.put('azure.Connection', connection);
  tx.schedule('azure.connection.connect', 'azure.connection-connected', id);
  return connection;
}

export function deleteConnection(tx: Tx, scope: AzureScope, rgName: string, name: string): void {
  const conn = getArm(tx, scope, 'azure.Connection', rgName, 'connections', name);
  for (const a of tx.list('azure.ExpressRouteCircuitAuthorization')) {
    if (a.properties.connectionResourceUri?.toLowerCase() === conn.id.toLowerCase()) {
      tx.update('azure.ExpressRouteCircuitAuthorization', a.id, (d) => { d.properties.authorizationUseStatus = 'Available'; delete d.properties.connectionResourceUri; });
    }
  }
  tx.update('azure.Connection', conn.id, (d) => { d.properties.connectionStatus = 'NotConnected'; });
  armDelete(tx, 'azure.Connection', conn.id);
}

export const CONNECTION_TRANSITIONS: Record<string, (tx: Tx, target: string) => void> = {
  'azure.connection-connected': (tx, id) => {
    const conn = tx.get('azure.Connection', id);
    if (!conn || conn.properties.provisioningState === 'Deleting') return;
    const circuit = tx.get('azure.ExpressRouteCircuit', conn.properties.peer.id);
    const ok = circuit?.properties.serviceProviderProvisioningState === 'Provisioned' && circuit.properties.provisioningState !== 'Failed';
    tx.update('azure.Connection', id, (d) => {
      d.properties.provisioningState = ok ? 'Succeeded' : 'Failed';
      d.properties.connectionStatus = ok ? 'Connected' : 'NotConnected';
    });
  },
};
