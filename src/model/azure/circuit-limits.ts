// Link limits of ExpressRoute circuits and of the VNets linked to them (MicrosoftDocs/azure-docs
// includes/expressroute-limits.md; interconnect-facts §1.14).
import type { ExpressRouteCircuit } from './expressroute.ts';

/** VNet links allowed on a circuit: 10 for Local/Standard, 20–100 by bandwidth for Premium. */
export function maxVnetLinks(circuit: ExpressRouteCircuit): number {
  if (circuit.sku.tier !== 'Premium') return 10;
  const mbps = circuit.properties.serviceProviderProperties.bandwidthInMbps;
  const table: [number, number][] = [[50, 20], [100, 25], [200, 25], [500, 40], [1000, 50], [2000, 60], [5000, 75], [10000, 100]];
  return table.find(([m]) => mbps <= m)?.[1] ?? 100;
}

/** "Maximum number of circuits in the same peering location linked to the same virtual network": 4. */
export const MAX_CIRCUITS_SAME_LOCATION = 4;
