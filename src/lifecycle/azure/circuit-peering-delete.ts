// Deleting a circuit's peering. On an Oracle Cloud FastConnect circuit the provider (Layer 3)
// creates and removes AzurePrivatePeering together with the virtual circuit (handshake.ts), so the
// customer cannot delete it; it goes away when the OCI virtual circuit is deleted. The code is the
// one putPeering uses for provider-owned fields (a FastRoute choice: docs/differences.md). A peering
// the customer configured on a Layer 2 provider's circuit is deleted.
import { arm } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import { ORACLE_ER_PROVIDER_NAME } from '../../model/interconnect/providers.ts';
import { getArm, type AzureScope } from './scope.ts';

export function deletePeering(tx: Tx, scope: AzureScope, rgName: string, circuitName: string, peeringName: string): void {
  const circuit = getArm(tx, scope, 'azure.ExpressRouteCircuit', rgName, 'expressRouteCircuits', circuitName);
  const peering = tx.get('azure.ExpressRouteCircuitPeering', `${circuit.id}/peerings/${peeringName}`);
  if (!peering) return;
  // The customer's own peering (on a Layer 2 provider's circuit) is theirs to delete.
  if (peering.properties.lastModifiedBy === 'Customer' && circuit.properties.serviceProviderProperties.serviceProviderName !== ORACLE_ER_PROVIDER_NAME) {
    tx.remove('azure.ExpressRouteCircuitPeering', peering.id);
    return;
  }
  throw arm.badRequest(
    'PeeringConfiguredByServiceProvider',
    `${peering.name} on circuit ${circuit.name} is configured by the service provider ${circuit.properties.serviceProviderProperties.serviceProviderName}; delete the OCI virtual circuit to remove it (the provider deprovisions the circuit and removes the peering).`,
  );
}
