// The cost estimate for humans: the total per cloud, one row per billed meter, the month's traffic
// per circuit, and each circuit's plans compared with the saving in words.
import type { CostLine, CostReport, PlanComparison } from '../../cost/types.ts';
import { gb, usd } from '../../cost/money.ts';
import { table } from './table.ts';

const quantity = (l: CostLine): string => (l.unit === 'GB' ? gb(l.quantity) : `${l.quantity.toLocaleString('en-US')} ${l.unit}${l.quantity === 1 ? '' : 's'}`);
const unitPrice = (l: CostLine): string => (l.unitPriceUsd === undefined ? 'no price' : `$${l.unitPriceUsd}${l.price?.basis === 'U' ? ' [U]' : ''}`);

function formatPlans(p: PlanComparison): string {
  return [
    `${p.name} (${p.current}, ${p.bandwidthMbps} Mbps, ${p.zone}):`,
    table(['Plan', 'Circuit', 'Data out', 'Total'], p.plans.map((x) => [`${x.sku}${x.sku === p.current ? ' (current)' : ''}`, usd(x.circuitUsd), usd(x.dataUsd), usd(x.totalUsd)])),
    p.message,
  ].join('\n');
}

export function formatCost(r: CostReport): string {
  const out = [
    `Monthly estimate: ${usd(r.totalUsd)} (Azure ${usd(r.totals.azure)}, OCI ${usd(r.totals.oci)}), ${r.currency} list prices read ${r.priceTable.date}, ${r.hoursPerMonth} hours a month.`,
    '',
    table(['Cloud', 'Resource', 'Type', 'SKU', 'Meter', 'Quantity', 'Unit price', 'Monthly'],
      r.lines.map((l) => [l.cloud, l.name, l.type, l.sku, l.meter, quantity(l), unitPrice(l), usd(l.monthlyUsd)])),
  ];
  if (r.volumes.length > 0) {
    out.push('', 'Traffic in a month (declared flows):');
    for (const v of r.volumes) out.push(`  ${v.name}: ${gb(v.outboundGb)} out of Azure (average ${v.averageOutboundMbps} Mbps, busiest hour ${v.peakOutboundMbps} Mbps), ${gb(v.inboundGb)} into Azure (free).`);
  }
  for (const p of r.plans) out.push('', formatPlans(p));
  if (r.unpriced.length > 0) out.push('', `Not in the price table (counted as $0): ${r.unpriced.join('; ')}.`);
  out.push('', `[U]: unconfirmed price, assumed (docs/cost.md). ${r.method}`);
  return out.join('\n');
}
