// The limits the alerting rules divide by (monitoring/prometheus/fastroute-alerts.yml): a circuit's
// bandwidth, an ExpressRoute gateway's throughput and its learned-route limit. The clouds publish
// these as resource properties, not as metrics, so Prometheus cannot get them from the cloud series;
// FastRoute serves them as extra gauges beside the catalogue (docs/metrics.md, "Alerts"). Pure.
import type { ReadView } from '../model/world.ts';
import { ER_GATEWAY_SKUS } from '../model/azure/gateway-skus.ts';

export interface CapacityGaugeDef {
  /** Prometheus family name (fastroute_ prefix, base unit suffix). */
  prom: string;
  help: string;
}

export const CIRCUIT_BANDWIDTH: CapacityGaugeDef = {
  prom: 'fastroute_azure_er_circuit_bandwidth_bits_per_second',
  help: 'ExpressRoute circuit bandwidth (serviceProviderProperties.bandwidthInMbps), per link and direction, in bits per second.',
};
export const GATEWAY_THROUGHPUT: CapacityGaugeDef = {
  prom: 'fastroute_azure_er_gateway_throughput_bits_per_second',
  help: 'ExpressRoute gateway SKU throughput (ErGwScale: per scale unit times units), in bits per second.',
};
export const GATEWAY_ROUTES_LIMIT: CapacityGaugeDef = {
  prom: 'fastroute_azure_er_gateway_routes_learned_limit',
  help: 'ExpressRoute gateway SKU limit of routes learned from the circuits; prefixes beyond it are dropped.',
};

export interface CapacityValue { def: CapacityGaugeDef; resourceId: string; value: number }

/** One value per circuit and per ExpressRoute gateway, from their properties now. */
export function capacityValues(view: ReadView): CapacityValue[] {
  const out: CapacityValue[] = [];
  for (const circuit of view.list('azure.ExpressRouteCircuit')) {
    if (circuit.properties.provisioningState === 'Deleting') continue;
    out.push({ def: CIRCUIT_BANDWIDTH, resourceId: circuit.id, value: circuit.properties.serviceProviderProperties.bandwidthInMbps * 1e6 });
  }
  for (const gw of view.list('azure.VirtualNetworkGateway')) {
    if (gw.properties.gatewayType !== 'ExpressRoute') continue;
    const { name, capacity } = gw.properties.sku;
    const limits = ER_GATEWAY_SKUS[name];
    const units = name === 'ErGwScale' ? (capacity ?? 1) : 1;
    out.push({ def: GATEWAY_THROUGHPUT, resourceId: gw.id, value: limits.mbps * units * 1e6 });
    out.push({ def: GATEWAY_ROUTES_LIMIT, resourceId: gw.id, value: limits.routesLearned });
  }
  return out;
}
