// A circuit's data plans compared at the month's outbound volume: MeteredData (a lower circuit
// price plus each GB out of Azure at the zone's rate) against UnlimitedData (a higher circuit price,
// data included), in the circuit's tier and bandwidth. Local includes its data: nothing to compare.
import type { ExpressRouteCircuit } from '../model/azure/expressroute.ts';
import { gb, usd, cents } from './money.ts';
import { circuitMonthlyPrice, METERED_OUTBOUND_PER_GB, zoneOf } from './prices.ts';
import type { PlanComparison, PlanPrice } from './types.ts';
import { averageMbps } from './volume.ts';

const FAMILIES = ['MeteredData', 'UnlimitedData'] as const;

/** The plans of the circuit's tier and bandwidth, priced for `outboundGb`; undefined: not in the table. */
export function comparePlans(circuit: ExpressRouteCircuit, outboundGb: number): PlanComparison | undefined {
  const { tier, family } = circuit.sku;
  const bandwidthMbps = circuit.properties.serviceProviderProperties.bandwidthInMbps;
  const { zone } = zoneOf(circuit.properties.serviceProviderProperties.peeringLocation);
  const rate = METERED_OUTBOUND_PER_GB[zone].usd;
  const families = tier === 'Local' ? [family] : FAMILIES;
  const plans: PlanPrice[] = [];
  for (const f of families) {
    const price = circuitMonthlyPrice(tier, f, bandwidthMbps);
    if (!price) return undefined;
    const dataUsd = tier !== 'Local' && f === 'MeteredData' ? outboundGb * rate : 0;
    plans.push({ sku: `${tier}_${f}`, circuitUsd: price.usd, dataUsd: cents(dataUsd), totalUsd: cents(price.usd + dataUsd) });
  }
  const current = `${tier}_${family}`;
  const currentPlan = plans.find((p) => p.sku === current);
  const cheapest = [...plans].sort((a, b) => a.totalUsd - b.totalUsd)[0];
  if (!currentPlan || !cheapest) return undefined;
  const base = { circuit: circuit.id, name: circuit.name, current, bandwidthMbps, zone, outboundGb: Math.round(outboundGb * 100) / 100, plans };
  if (tier === 'Local') {
    return { ...base, cheapest: current, savingUsd: 0, message: `${current} includes its data transfer: nothing to compare (Local reaches only the Azure regions of its metro).` };
  }
  const [metered, unlimited] = plans as [PlanPrice, PlanPrice];
  const breakEvenGb = (unlimited.circuitUsd - metered.circuitUsd) / rate;
  const breakEvenMbps = Math.round(averageMbps(breakEvenGb) * 10) / 10;
  const savingUsd = cents(currentPlan.totalUsd - cheapest.totalUsd);
  const at = `at ${gb(outboundGb)} a month out of Azure`;
  const breakEven = `break-even ${gb(breakEvenGb)} a month, ${breakEvenMbps} Mbps on average`;
  const gap = usd(Math.abs(unlimited.totalUsd - metered.totalUsd));
  const message = cheapest.sku === current
    ? `${current} is the cheaper plan ${at}: the other costs ${gap} more a month (${breakEven}).`
    : `${cheapest.sku === unlimited.sku ? 'Unlimited' : 'Metered'} saves ${usd(savingUsd)} a month ${at} (${breakEven}).`;
  return { ...base, cheapest: cheapest.sku, savingUsd, breakEvenGb: Math.round(breakEvenGb * 100) / 100, breakEvenMbps, message };
}
