// The cost estimate of the tutorial checked by hand from the price table (src/cost/prices.ts), the
// circuit's plans compared below and above the break-even volume, and the month's volume following
// the declared traffic's daily schedule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labEngine } from '../helpers/lab.ts';
import { estimateCost } from '../../src/cost/estimate.ts';
import { comparePlans } from '../../src/cost/plans.ts';
import { CIRCUIT_MONTHLY, FASTCONNECT_PORT_HOURLY, GATEWAY_HOURLY, METERED_OUTBOUND_PER_GB } from '../../src/cost/prices.ts';
import type { CostReport } from '../../src/cost/types.ts';

const NOON = Date.UTC(2026, 0, 15, 12);

/** 1 Mbps for an hour is 0.45 GB; a month is 730/24 days: 0.45 × 730 / 24 = 13.6875 GB per Mbps·h of one day. */
const GB_PER_DAILY_MBPS_HOUR = 13.6875;

function close(actual: number | undefined, expected: number, what: string): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 0.006, `${what}: ${actual} ≠ ${expected}`);
}

const monthly = (r: CostReport, name: string, meter: string): number | undefined => r.lines.find((l) => l.name === name && l.meter === meter)?.monthlyUsd;

void test('the price table: each price has a public source, a read date and a basis', () => {
  const all = [
    ...Object.values(CIRCUIT_MONTHLY).flatMap((byBw) => Object.values(byBw)),
    ...Object.values(METERED_OUTBOUND_PER_GB), ...Object.values(GATEWAY_HOURLY), ...Object.values(FASTCONNECT_PORT_HOURLY),
  ];
  for (const p of all) {
    assert.match(p.source, /^https:\/\/(azure\.microsoft\.com|www\.oracle\.com)\//);
    assert.match(p.read, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(['V', 'S', 'U'].includes(p.basis));
    assert.ok(p.usd >= 0);
  }
});

void test('tutorial: every line and the total, by hand from the price table', async () => {
  const { engine, lab } = await labEngine('labs/tutorial.yaml');
  const r = await engine.read(() => estimateCost(engine.routing, lab.traffic, NOON));
  // Out of Azure (to OCI): db-sync 300 Mbps + the backup's replies (4 Mbps × 2 from 00 to 06 UTC, × 0.5 after).
  //   6 h × 308 + 18 h × 302 = 7,284 Mbps·h a day → 7,284 × 13.6875 = 99,699.75 GB a month.
  // Into Azure: the backup (200 × 2, then × 0.5) + db-sync's 20 Mbps of replies.
  //   6 h × 420 + 18 h × 120 = 4,680 Mbps·h a day → 4,680 × 13.6875 = 64,057.5 GB.
  assert.deepEqual(r.volumes.map((v) => [v.name, v.outboundGb, v.inboundGb, v.peakOutboundMbps]), [['er-oci-azure', 7284 * GB_PER_DAILY_MBPS_HOUR, 4680 * GB_PER_DAILY_MBPS_HOUR, 308]]);
  assert.equal(7284 * GB_PER_DAILY_MBPS_HOUR, 99_699.75);
  // Standard_MeteredData 1 Gbps: $436 a month; data out, Zone 1 (Washington DC): 99,699.75 × $0.025 = $2,492.49375.
  close(monthly(r, 'er-oci-azure', 'Standard Metered Data 1 Gbps Circuit'), 436, 'circuit');
  close(monthly(r, 'er-oci-azure', 'Metered Data - Data Transfer Out'), 2492.49, 'data out');
  close(monthly(r, 'er-oci-azure', 'Inbound data transfer'), 0, 'data in');
  // Standard gateway: 730 h × $0.19 = $138.70. FastConnect 1 Gbps: 730 port-hours × $0.2125 = $155.125.
  close(monthly(r, 'ergw', 'Standard Gateway'), 138.7, 'gateway');
  close(monthly(r, 'vc-azure', 'FastConnect port-hours'), 155.13, 'port-hours');
  close(monthly(r, 'vc-azure', 'Outbound data transfer over FastConnect'), 0, 'OCI egress');
  assert.equal(r.lines.find((l) => l.meter === 'Outbound data transfer over FastConnect')?.quantity, 64_057.5, 'OCI egress is the volume into Azure');
  // 436 + 2,492.49375 + 138.70 + 155.125 = 3,222.31875; Azure 3,067.19375, OCI 155.125.
  close(r.totalUsd, 3222.32, 'total');
  close(r.totals.azure, 3067.19, 'Azure');
  close(r.totals.oci, 155.13, 'OCI');
  assert.deepEqual(r.unpriced, []);
  await engine.close();
});

void test('plans: Metered below the break-even volume, Unlimited above it, with the saving', async () => {
  const { engine } = await labEngine('labs/tutorial.yaml');
  const circuit = await engine.read(() => engine.routing.memo.list('azure.ExpressRouteCircuit')[0]);
  assert.ok(circuit);
  // Break-even: (5,700 − 436) / 0.025 = 210,560 GB a month = 210,560 / (0.45 × 730) = 641.0 Mbps on average.
  const below = comparePlans(circuit, 100_000);
  assert.deepEqual(below?.plans.map((p) => [p.sku, p.totalUsd]), [['Standard_MeteredData', 436 + 2500], ['Standard_UnlimitedData', 5700]]);
  assert.equal(below?.cheapest, 'Standard_MeteredData');
  assert.equal(below?.savingUsd, 0);
  assert.equal(below?.breakEvenGb, 210_560);
  assert.equal(below?.breakEvenMbps, 641);
  assert.match(below?.message ?? '', /^Standard_MeteredData is the cheaper plan at 100,000 GB a month out of Azure: the other costs \$2,764\.00 more a month/);
  // 300,000 GB: metered 436 + 7,500 = 7,936; Unlimited saves 7,936 − 5,700 = 2,236.
  const above = comparePlans(circuit, 300_000);
  assert.equal(above?.cheapest, 'Standard_UnlimitedData');
  assert.equal(above?.savingUsd, 2236);
  assert.match(above?.message ?? '', /^Unlimited saves \$2,236\.00 a month at 300,000 GB a month out of Azure \(break-even 210,560 GB/);
  await engine.close();
});

void test('the month follows the traffic: db-sync at 800 Mbps passes the break-even and Unlimited wins', async () => {
  const { engine, lab } = await labEngine('labs/tutorial.yaml', (t) => t.replace('port: 1521, mbps: 300', 'port: 1521, mbps: 800'));
  const r = await engine.read(() => estimateCost(engine.routing, lab.traffic, NOON));
  // 6 h × 808 + 18 h × 802 = 19,284 Mbps·h a day → 263,949.75 GB; metered 436 + 6,598.74 = 7,034.74.
  assert.equal(r.volumes[0]?.outboundGb, 19_284 * GB_PER_DAILY_MBPS_HOUR);
  const plan = r.plans[0];
  assert.equal(plan?.cheapest, 'Standard_UnlimitedData');
  close(plan?.savingUsd, 7034.74 - 5700, 'saving');
  await engine.close();
});

void test('Local includes its data; an ErGw3AZ gateway is priced by its SKU', async () => {
  const { engine, lab } = await labEngine('labs/tutorial.yaml', (t) => t
    .replace('skuTier: Standard', 'skuTier: Local')
    .replace('{ name: ergw, vnet: vnet-azure, sku: Standard }', '{ name: ergw, vnet: vnet-azure, sku: ErGw3AZ }'));
  const r = await engine.read(() => estimateCost(engine.routing, lab.traffic, NOON));
  close(monthly(r, 'er-oci-azure', 'Local 1 Gbps Circuit'), 1200, 'Local circuit');
  close(monthly(r, 'er-oci-azure', 'Outbound data (included in the plan)'), 0, 'Local data');
  close(monthly(r, 'ergw', 'ErGw3AZ Gateway'), 730 * 2.151, 'ErGw3AZ');
  assert.match(r.plans[0]?.message ?? '', /includes its data transfer/);
  await engine.close();
});
