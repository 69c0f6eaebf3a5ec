// The cost estimate's shapes: billed lines per resource in the clouds' billing terms, the traffic
// volumes behind the data lines, and each circuit's plans compared (docs/cost.md).
import type { Price } from './prices.ts';

export type Cloud = 'azure' | 'oci';

/** One billed meter of one resource for a month. */
export interface CostLine {
  cloud: Cloud;
  /** ARM id or OCID. */
  resource: string;
  name: string;
  /** The resource type in its cloud's words (ExpressRouteCircuit, VirtualNetworkGateway, VirtualCircuit). */
  type: string;
  /** The SKU or shape billed (Standard_MeteredData 1000 Mbps, ErGw1AZ, 1 Gbps). */
  sku: string;
  /** The meter in the bill's words (circuit month, gateway hours, outbound data, port-hours). */
  meter: string;
  quantity: number;
  unit: 'month' | 'hour' | 'GB' | 'scale unit-hour' | 'port-hour';
  /** USD per unit; absent: the table has no price for it (the line costs nothing in the total). */
  unitPriceUsd?: number;
  monthlyUsd: number;
  /** How the price is known: the table's entry (source, date, basis V/S/U). */
  price?: Price;
  note?: string;
}

/** What crossed a circuit in a month, in Azure's billing terms (GB = 10⁹ bytes). */
export interface CircuitVolume {
  circuit: string;
  name: string;
  /** Out of Azure over the circuit (to OCI or to an on-premises site): metered on MeteredData. */
  outboundGb: number;
  /** Into Azure over the circuit: free. */
  inboundGb: number;
  /** The day's busiest hour, out of Azure, Mbps (both links together). */
  peakOutboundMbps: number;
  averageOutboundMbps: number;
}

/** One plan a circuit could be on, priced for the month's volume. */
export interface PlanPrice {
  /** sku.name: `${tier}_${family}` (Local: `Local_${family}`). */
  sku: string;
  circuitUsd: number;
  dataUsd: number;
  totalUsd: number;
}

export interface PlanComparison {
  circuit: string;
  name: string;
  current: string;
  bandwidthMbps: number;
  zone: string;
  outboundGb: number;
  plans: PlanPrice[];
  cheapest: string;
  /** What moving from the current plan to the cheapest saves a month (0: already the cheapest). */
  savingUsd: number;
  /** The monthly outbound volume at which Metered and Unlimited cost the same (same tier). */
  breakEvenGb?: number;
  /** The same, as an average rate out of Azure. */
  breakEvenMbps?: number;
  message: string;
}

export interface CostReport {
  currency: 'USD';
  hoursPerMonth: number;
  /** The price table's date and where its prices come from (docs/cost.md). */
  priceTable: { date: string; note: string };
  /** How the month's volume was found: the declared flows placed at each UTC hour of one day. */
  method: string;
  lines: CostLine[];
  volumes: CircuitVolume[];
  plans: PlanComparison[];
  totalUsd: number;
  /** Per cloud. */
  totals: { azure: number; oci: number };
  /** Lines whose price the table lacks (they count 0 in the totals). */
  unpriced: string[];
}
