// Cost: a cheaper plan fits the declared traffic (docs/cost.md). A MeteredData circuit sending so
// much out of Azure that UnlimitedData costs less; an UnlimitedData circuit sending so little that
// MeteredData would; an ExpressRoute gateway SKU far above the throughput the traffic needs, where a
// cheaper SKU of its family still carries the peak, the circuits' bandwidth, its learned routes and
// its circuit connections. Silent without declared traffic: the need is unknown.
import { ER_GATEWAY_SKUS } from '../../model/azure/gateway-skus.ts';
import type { ErGatewaySku, VirtualNetworkGateway } from '../../model/azure/expressroute.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { TrafficFlow } from '../../traffic/types.ts';
import { comparePlans } from '../../cost/plans.ts';
import { GATEWAY_HOURLY, HOURS_PER_MONTH } from '../../cost/prices.ts';
import { gb, usd } from '../../cost/money.ts';
import { dayOfTraffic, monthlyGb, type DayOfTraffic } from '../../cost/volume.ts';
import type { Finding } from '../types.ts';
import { finding } from '../context.ts';

/** The traffic the doctor prices: the engine's declared flows (API) or the lab's (check). */
export interface DoctorTraffic {
  flows: readonly TrafficFlow[];
  /** An instant of the day to place over (only the UTC hour matters). */
  at: number;
}

/** A gateway is "far above" the need when its throughput is at least this many times the peak. */
export const OVERSIZE_FACTOR = 4;
/** A smaller SKU must carry the peak with this utilisation at most (the alert threshold). */
const HEADROOM = 0.8;

/** Gateway SKUs that resize into each other in place, smallest first. */
const FAMILIES: readonly (readonly ErGatewaySku[])[] = [
  ['Standard', 'HighPerformance', 'UltraPerformance'],
  ['ErGw1AZ', 'ErGw2AZ', 'ErGw3AZ'],
];

function planRules(r: Routing, day: DayOfTraffic): Finding[] {
  const out: Finding[] = [];
  for (const c of r.memo.list('azure.ExpressRouteCircuit')) {
    const load = day.circuits.get(c.id);
    const outboundGb = load ? monthlyGb(load.outbound) : 0;
    const cmp = comparePlans(c, outboundGb);
    if (!cmp || cmp.savingUsd <= 0) continue;
    const current = cmp.plans.find((p) => p.sku === cmp.current);
    const cheaper = cmp.plans.find((p) => p.sku === cmp.cheapest);
    if (!current || !cheaper) continue;
    const volume = `${gb(outboundGb)} a month out of Azure (break-even ${gb(cmp.breakEvenGb ?? 0)}, ${cmp.breakEvenMbps ?? 0} Mbps on average)`;
    const costs = `${cmp.current} costs ${usd(current.totalUsd)} a month (circuit ${usd(current.circuitUsd)} + data ${usd(current.dataUsd)}), ${cmp.cheapest} ${usd(cheaper.totalUsd)}`;
    if (c.sku.family === 'MeteredData') {
      out.push(finding('COST_UNLIMITED_CHEAPER', [c.id],
        `Circuit ${c.name} (${cmp.current}, ${cmp.bandwidthMbps} Mbps) sends ${volume}: ${costs}. Unlimited saves ${usd(cmp.savingUsd)} a month.`,
        `Move circuit ${c.name} to UnlimitedData (az network express-route update --sku-family UnlimitedData; ARM sku.family). It is one-way: back to MeteredData needs a new circuit. Confirm the volume first: the estimate follows the declared traffic.`));
    } else {
      out.push(finding('COST_METERED_CHEAPER', [c.id],
        `Circuit ${c.name} (${cmp.current}, ${cmp.bandwidthMbps} Mbps) sends only ${volume}: ${costs}. Metered would save ${usd(cmp.savingUsd)} a month.`,
        `A circuit cannot go from UnlimitedData back to MeteredData: create a ${c.sku.tier}_MeteredData circuit, key a new virtual circuit with its service key, move the connections, then delete this one. Worth it only if the volume stays low.`));
    }
  }
  return out;
}

function gatewayMbps(gw: VirtualNetworkGateway): number {
  return ER_GATEWAY_SKUS[gw.properties.sku.name].mbps;
}

/** The smallest SKU of the gateway's family that still fits, if it is cheaper than the current one. */
function smallerSku(r: Routing, gw: VirtualNetworkGateway, needMbps: number, circuitMbps: number, connections: number): ErGatewaySku | undefined {
  const name = gw.properties.sku.name;
  const family = FAMILIES.find((f) => f.includes(name));
  if (!family) return undefined;
  const learned = r.gatewayLearned(gw.id);
  const routes = learned.routes.length + learned.dropped;
  const fits = family.find((s) => {
    const limits = ER_GATEWAY_SKUS[s];
    return limits.mbps * HEADROOM >= needMbps && limits.mbps >= circuitMbps && limits.routesLearned >= routes && limits.maxCircuitConnections >= connections;
  });
  return fits !== undefined && GATEWAY_HOURLY[fits].usd < GATEWAY_HOURLY[name].usd ? fits : undefined;
}

function gatewayRules(r: Routing, day: DayOfTraffic): Finding[] {
  const out: Finding[] = [];
  const connections = r.memo.list('azure.Connection').filter((c) => c.properties.connectionType === 'ExpressRoute');
  for (const gw of r.memo.list('azure.VirtualNetworkGateway')) {
    if (gw.properties.gatewayType !== 'ExpressRoute' || gw.properties.sku.name === 'ErGwScale') continue;
    const mine = connections.filter((c) => c.properties.virtualNetworkGateway1.id.toLowerCase() === gw.id.toLowerCase());
    // FastPath needs UltraPerformance/ErGw3AZ: a smaller SKU would lose it (and the data bypasses the gateway).
    if (mine.length === 0 || mine.some((c) => c.properties.expressRouteGatewayBypass)) continue;
    const need = day.gatewayPeakMbps.get(gw.id) ?? 0;
    const mbps = gatewayMbps(gw);
    if (mbps < OVERSIZE_FACTOR * need || need === 0) continue;
    const circuitMbps = Math.max(0, ...mine.map((c) => r.memo.get('azure.ExpressRouteCircuit', c.properties.peer.id)?.properties.serviceProviderProperties.bandwidthInMbps ?? 0));
    const sku = smallerSku(r, gw, need, circuitMbps, mine.length);
    if (sku === undefined) continue;
    const saving = (GATEWAY_HOURLY[gw.properties.sku.name].usd - GATEWAY_HOURLY[sku].usd) * HOURS_PER_MONTH;
    out.push(finding('COST_GATEWAY_OVERSIZED', [gw.id, ...mine.map((c) => c.id)],
      `ExpressRoute gateway ${gw.name} (${gw.properties.sku.name}, about ${mbps} Mbps) carries at most ${need} Mbps of the declared traffic in any hour; `
      + `${sku} (about ${ER_GATEWAY_SKUS[sku].mbps} Mbps) carries that, the circuits' ${circuitMbps} Mbps and the gateway's routes, and saves ${usd(saving)} a month.`,
      `Resize gateway ${gw.name} to ${sku} (az network vnet-gateway update --sku ${sku}; within ${gw.properties.sku.name.startsWith('ErGw') ? 'the AZ SKUs' : 'Standard/HighPerformance/UltraPerformance'} in place, with a short interruption). Keep headroom for failover and growth: the figure is the declared traffic only.`));
  }
  return out;
}

export function costRules(r: Routing, lab?: Lab, traffic?: DoctorTraffic): Finding[] {
  const flows = traffic?.flows ?? lab?.traffic ?? [];
  if (flows.length === 0) return [];
  const day = dayOfTraffic(r, flows, traffic?.at ?? 0);
  return [...planRules(r, day), ...gatewayRules(r, day)];
}
