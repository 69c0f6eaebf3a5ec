// ExpressRoute virtual network gateway SKUs and their documented limits (interconnect-facts §5.7).
import type { ErGatewaySku } from './expressroute.ts';

export interface ErGatewaySkuLimits {
  mbps: number;
  pps: number;
  vmsInVnet: number;
  flows: number;
  routesLearned: number;
  maxCircuitConnections: number;
  fastPath: boolean;
}

export const ER_GATEWAY_SKUS: Readonly<Record<ErGatewaySku, ErGatewaySkuLimits>> = {
  Standard: { mbps: 1000, pps: 100000, vmsInVnet: 2000, flows: 200000, routesLearned: 4000, maxCircuitConnections: 4, fastPath: false },
  ErGw1AZ: { mbps: 1000, pps: 100000, vmsInVnet: 2000, flows: 200000, routesLearned: 4000, maxCircuitConnections: 4, fastPath: false },
  HighPerformance: { mbps: 2000, pps: 200000, vmsInVnet: 4500, flows: 400000, routesLearned: 9500, maxCircuitConnections: 8, fastPath: false },
  ErGw2AZ: { mbps: 2000, pps: 200000, vmsInVnet: 4500, flows: 400000, routesLearned: 9500, maxCircuitConnections: 8, fastPath: false },
  UltraPerformance: { mbps: 10000, pps: 1000000, vmsInVnet: 11000, flows: 1000000, routesLearned: 9500, maxCircuitConnections: 16, fastPath: true },
  ErGw3AZ: { mbps: 10000, pps: 1000000, vmsInVnet: 11000, flows: 1000000, routesLearned: 9500, maxCircuitConnections: 16, fastPath: true },
  // Per scale unit (1–40); routes learned is per gateway. FastPath from 10 scale units: see supportsFastPath.
  ErGwScale: { mbps: 1000, pps: 100000, vmsInVnet: 2000, flows: 100000, routesLearned: 60000, maxCircuitConnections: 16, fastPath: false },
};

/** ErGwScale supports FastPath from this many scale units (Microsoft Learn, about-fastpath and scalable-gateway). */
export const ERGWSCALE_FASTPATH_MIN_UNITS = 10;

/** Whether a gateway may carry FastPath: UltraPerformance, ErGw3AZ, or ErGwScale with at least 10 scale units. */
export function supportsFastPath(gw: { properties: { sku: { name: ErGatewaySku; capacity?: number } } }): boolean {
  const { name, capacity } = gw.properties.sku;
  if (name === 'ErGwScale') return (capacity ?? 1) >= ERGWSCALE_FASTPATH_MIN_UNITS;
  return ER_GATEWAY_SKUS[name].fastPath;
}

export const ER_GATEWAY_SKU_NAMES = Object.keys(ER_GATEWAY_SKUS) as ErGatewaySku[];

/**
 * IPv4 prefixes one ExpressRoute connection may carry from Azure (the gateway's VNet and the spokes
 * using it); over it, Microsoft disconnects the connection (ExpressRoute FAQ, expressroute-limits).
 */
export const ER_GATEWAY_MAX_ADVERTISED_ROUTES = 1000;

/** The share of a route limit that counts as near it: the doctor warns and the shipped alerts fire there. */
export const NEAR_LIMIT_RATIO = 0.8;

/** ARM spells the AZ SKUs "ErGw1AZ"; the docs also write "ErGw1Az". Accept both, return ARM's. */
export function normaliseErGatewaySku(name: string): ErGatewaySku | undefined {
  return ER_GATEWAY_SKU_NAMES.find((s) => s.toLowerCase() === name.toLowerCase());
}
