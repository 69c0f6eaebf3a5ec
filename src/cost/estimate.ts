// The monthly cost estimate of a world, in the clouds' billing terms: each ExpressRoute circuit's
// month (tier, family, bandwidth), each ExpressRoute gateway's hours (ErGwScale: scale unit-hours),
// each Azure virtual circuit's FastConnect port-hours, and the data that crossed each circuit in a
// month of the declared traffic (out of Azure: metered on MeteredData; into Azure and out of OCI over
// FastConnect: free), with each circuit's plans compared. Pure: prices come from the dated table.
import type { ExpressRouteCircuit, VirtualNetworkGateway } from '../model/azure/expressroute.ts';
import type { VirtualCircuit } from '../model/oci/virtual-circuit.ts';
import { AZURE_PROVIDER_NAME, FASTCONNECT_AZURE_SHAPES } from '../model/interconnect/providers.ts';
import type { Routing } from '../routing/routing.ts';
import type { TrafficFlow } from '../traffic/types.ts';
import { cents } from './money.ts';
import { comparePlans } from './plans.ts';
import {
  AZURE_INBOUND_PER_GB, circuitMonthlyPrice, FASTCONNECT_DATA_PER_GB, FASTCONNECT_PORT_HOURLY, GATEWAY_HOURLY,
  HOURS_PER_MONTH, METERED_OUTBOUND_PER_GB, PRICE_TABLE_DATE, zoneOf, type Price,
} from './prices.ts';
import type { CircuitVolume, CostLine, CostReport } from './types.ts';
import { averageMbps, dayOfTraffic, monthlyGb, type DayOfTraffic } from './volume.ts';

export const METHOD = 'The declared flows placed at each UTC hour of one day (schedules step by the hour); what each circuit\'s links carried, '
  + `summed per direction, × ${HOURS_PER_MONTH}/24 days. 1 GB = 10⁹ bytes; 1 Mbps for an hour = 0.45 GB.`;

const PRICE_NOTE = `List prices in USD read ${PRICE_TABLE_DATE} (src/cost/prices.ts, docs/cost.md): ExpressRoute by the peering location's zone, `
  + 'gateways per hour, FastConnect per port-hour; no discounts, taxes or the partner\'s fees. Prices marked U are assumptions.';

const bandwidthLabel = (mbps: number): string => (mbps >= 1000 ? `${mbps / 1000} Gbps` : `${mbps} Mbps`);

/** Azure's meter names for the gateway SKUs (Retail Prices API). */
const GATEWAY_METERS: Record<VirtualNetworkGateway['properties']['sku']['name'], string> = {
  Standard: 'Standard Gateway', HighPerformance: 'High Performance Gateway', UltraPerformance: 'Ultra High Performance Gateway',
  ErGw1AZ: 'ErGw1AZ Gateway', ErGw2AZ: 'ErGw2AZ Gateway', ErGw3AZ: 'ErGw3AZ Gateway', ErGwScale: 'ErGwScale Unit',
};

function line(base: Omit<CostLine, 'monthlyUsd' | 'unitPriceUsd' | 'price'>, price: Price | undefined): CostLine {
  if (!price) return { ...base, monthlyUsd: 0, note: 'no price in the table for this SKU' };
  return { ...base, unitPriceUsd: price.usd, monthlyUsd: cents(base.quantity * price.usd), price };
}

function circuitMeter(c: ExpressRouteCircuit): string {
  const bw = bandwidthLabel(c.properties.serviceProviderProperties.bandwidthInMbps);
  if (c.sku.tier === 'Local') return `Local ${bw} Circuit`;
  return `${c.sku.tier} ${c.sku.family === 'MeteredData' ? 'Metered' : 'Unlimited'} Data ${bw} Circuit`;
}

function volumeOf(c: ExpressRouteCircuit, day: DayOfTraffic): CircuitVolume {
  const load = day.circuits.get(c.id);
  const outboundGb = load ? monthlyGb(load.outbound) : 0;
  return {
    circuit: c.id,
    name: c.name,
    outboundGb: Math.round(outboundGb * 100) / 100,
    inboundGb: Math.round((load ? monthlyGb(load.inbound) : 0) * 100) / 100,
    peakOutboundMbps: load ? Math.max(...load.outbound) : 0,
    averageOutboundMbps: Math.round(averageMbps(outboundGb) * 1000) / 1000,
  };
}

function circuitLines(c: ExpressRouteCircuit, v: CircuitVolume): CostLine[] {
  const bw = c.properties.serviceProviderProperties.bandwidthInMbps;
  const { zone, known } = zoneOf(c.properties.serviceProviderProperties.peeringLocation);
  const base = { cloud: 'azure' as const, resource: c.id, name: c.name, type: 'ExpressRouteCircuit', sku: `${c.sku.name} ${bandwidthLabel(bw)}` };
  const metered = c.sku.tier !== 'Local' && c.sku.family === 'MeteredData';
  const zoneNote = known ? zone : `${zone} (peering location ${c.properties.serviceProviderProperties.peeringLocation} not in the zone table: Zone 1 assumed)`;
  return [
    line({ ...base, meter: circuitMeter(c), quantity: 1, unit: 'month' }, circuitMonthlyPrice(c.sku.tier, c.sku.family, bw)),
    metered
      ? line({ ...base, meter: 'Metered Data - Data Transfer Out', quantity: v.outboundGb, unit: 'GB', note: `outbound to the peer, ${zoneNote}` }, METERED_OUTBOUND_PER_GB[zone])
      : line({ ...base, meter: 'Outbound data (included in the plan)', quantity: v.outboundGb, unit: 'GB' }, { ...AZURE_INBOUND_PER_GB, note: `${c.sku.name} includes outbound data` }),
    line({ ...base, meter: 'Inbound data transfer', quantity: v.inboundGb, unit: 'GB' }, AZURE_INBOUND_PER_GB),
  ];
}

function gatewayLine(g: VirtualNetworkGateway): CostLine {
  const sku = g.properties.sku;
  const scale = sku.name === 'ErGwScale';
  const units = scale ? sku.capacity ?? 1 : 1;
  return line({
    cloud: 'azure', resource: g.id, name: g.name, type: 'VirtualNetworkGateway', sku: scale ? `ErGwScale × ${units}` : sku.name,
    meter: GATEWAY_METERS[sku.name], quantity: HOURS_PER_MONTH * units, unit: scale ? 'scale unit-hour' : 'hour',
  }, GATEWAY_HOURLY[sku.name]);
}

function virtualCircuitLines(r: Routing, vc: VirtualCircuit, volumes: ReadonlyMap<string, CircuitVolume>): CostLine[] {
  const mbps = FASTCONNECT_AZURE_SHAPES.find((s) => s.name === vc.bandwidthShapeName)?.bandwidthInMbps;
  const base = { cloud: 'oci' as const, resource: vc.id, name: vc.displayName, type: 'VirtualCircuit', sku: vc.bandwidthShapeName };
  const circuit = r.interconnect(vc.id).circuitId;
  const outOfOci = circuit === undefined ? 0 : volumes.get(circuit)?.inboundGb ?? 0;
  return [
    line({ ...base, meter: 'FastConnect port-hours', quantity: HOURS_PER_MONTH, unit: 'port-hour', note: 'whether Oracle bills port-hours for the Azure interconnect is unconfirmed [U]: counted' },
      mbps === undefined ? undefined : FASTCONNECT_PORT_HOURLY[mbps]),
    line({ ...base, meter: 'Outbound data transfer over FastConnect', quantity: outOfOci, unit: 'GB' }, FASTCONNECT_DATA_PER_GB),
  ];
}

const byName = <T>(name: (x: T) => string) => (a: T, b: T): number => name(a).localeCompare(name(b));

/** The world's monthly estimate for the declared `flows` (placed over the UTC day of `at`). */
export function estimateCost(r: Routing, flows: readonly TrafficFlow[], at: number): CostReport {
  const day = dayOfTraffic(r, flows, at);
  const circuits = r.memo.list('azure.ExpressRouteCircuit').sort(byName((c) => c.name));
  const volumes = circuits.map((c) => volumeOf(c, day));
  const volumeByCircuit = new Map(volumes.map((v) => [v.circuit, v]));
  const lines: CostLine[] = [
    ...circuits.flatMap((c, i) => circuitLines(c, volumes[i] ?? volumeOf(c, day))),
    ...r.memo.list('azure.VirtualNetworkGateway').filter((g) => g.properties.gatewayType === 'ExpressRoute').sort(byName((g) => g.name)).map(gatewayLine),
    ...r.memo.list('oci.VirtualCircuit')
      .filter((vc) => vc.providerName === AZURE_PROVIDER_NAME && vc.lifecycleState !== 'TERMINATED')
      .sort(byName((vc) => vc.displayName))
      .flatMap((vc) => virtualCircuitLines(r, vc, volumeByCircuit)),
  ];
  const plans = circuits.flatMap((c, i) => comparePlans(c, volumes[i]?.outboundGb ?? 0) ?? []);
  const total = (cloud?: 'azure' | 'oci') => cents(lines.filter((l) => cloud === undefined || l.cloud === cloud).reduce((s, l) => s + l.quantity * (l.unitPriceUsd ?? 0), 0));
  return {
    currency: 'USD',
    hoursPerMonth: HOURS_PER_MONTH,
    priceTable: { date: PRICE_TABLE_DATE, note: PRICE_NOTE },
    method: METHOD,
    lines,
    volumes,
    plans,
    totalUsd: total(),
    totals: { azure: total('azure'), oci: total('oci') },
    unpriced: lines.filter((l) => l.unitPriceUsd === undefined).map((l) => `${l.name}: ${l.meter} (${l.sku})`),
  };
}
