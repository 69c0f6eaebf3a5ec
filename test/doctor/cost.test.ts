// The doctor's cost rules on tutorial variants: a metered circuit past the break-even volume, an
// unlimited one far below it, a gateway SKU far above the traffic's need; and the tutorial itself,
// FastPath, and a lab without traffic, where none fires. Savings checked by hand from the price table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labEngine } from '../helpers/lab.ts';
import { runDoctor } from '../../src/doctor/doctor.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { Lab } from '../../src/lab/types.ts';

const COST = /^COST_/;

async function costFindings(engine: Engine, lab: Lab, traffic?: Lab['traffic']) {
  const report = await engine.read(() => runDoctor(engine.routing, lab, traffic === undefined ? undefined : { flows: traffic, at: 0 }));
  await engine.close();
  return report.findings.filter((f) => COST.test(f.code));
}

void test('the tutorial as shipped: metered below the break-even, a Standard gateway for 1 Gbps: no cost finding', async () => {
  const { engine, lab } = await labEngine('labs/tutorial.yaml');
  assert.deepEqual(await costFindings(engine, lab), []);
});

void test('COST_UNLIMITED_CHEAPER: db-sync at 800 Mbps, and the saving', async () => {
  const { engine, lab } = await labEngine('labs/tutorial.yaml', (t) => t.replace('port: 1521, mbps: 300', 'port: 1521, mbps: 800'));
  const f = await costFindings(engine, lab);
  assert.deepEqual(f.map((x) => [x.code, x.severity]), [['COST_UNLIMITED_CHEAPER', 'warning']]);
  // 263,949.75 GB × $0.025 = $6,598.74; metered $436 + $6,598.74 = $7,034.74; Unlimited $5,700: saves $1,334.74.
  assert.match(f[0]?.message ?? '', /Circuit er-oci-azure \(Standard_MeteredData, 1000 Mbps\) sends 263,950 GB a month out of Azure/);
  assert.match(f[0]?.message ?? '', /Standard_MeteredData costs \$7,034\.74 a month \(circuit \$436\.00 \+ data \$6,598\.74\), Standard_UnlimitedData \$5,700\.00\. Unlimited saves \$1,334\.74 a month\./);
  assert.match(f[0]?.fix ?? '', /--sku-family UnlimitedData/);
});

void test('COST_METERED_CHEAPER: an UnlimitedData circuit at the tutorial\'s volume', async () => {
  const { engine, lab } = await labEngine('labs/tutorial.yaml', (t) => t.replace('skuFamily: MeteredData', 'skuFamily: UnlimitedData'));
  const f = await costFindings(engine, lab);
  assert.deepEqual(f.map((x) => x.code), ['COST_METERED_CHEAPER']);
  // 5,700 − (436 + 2,492.49) = 2,771.51.
  assert.match(f[0]?.message ?? '', /Metered would save \$2,771\.51 a month\./);
});

void test('COST_GATEWAY_OVERSIZED: UltraPerformance and ErGw3AZ for a busiest hour of 420 Mbps', async () => {
  const ultra = await labEngine('labs/tutorial.yaml', (t) => t.replace('sku: Standard }', 'sku: UltraPerformance }'));
  const f = await costFindings(ultra.engine, ultra.lab);
  assert.deepEqual(f.map((x) => x.code), ['COST_GATEWAY_OVERSIZED']);
  // The backup's 400 Mbps + db-sync's 20 Mbps of replies into the VNet from 00 to 06 UTC: 420 Mbps.
  // (1.87 − 0.19) × 730 = 1,226.40.
  assert.match(f[0]?.message ?? '', /ergw \(UltraPerformance, about 10000 Mbps\) carries at most 420 Mbps .*Standard \(about 1000 Mbps\).* saves \$1,226\.40 a month\./);
  const az = await labEngine('labs/tutorial.yaml', (t) => t.replace('sku: Standard }', 'sku: ErGw3AZ }'));
  const g = await costFindings(az.engine, az.lab);
  // (2.151 − 0.361) × 730 = 1,306.70.
  assert.match(g[0]?.message ?? '', /ErGw1AZ \(about 1000 Mbps\).* saves \$1,306\.70 a month\./);
});

void test('no gateway finding with FastPath, or when the traffic needs the SKU; no cost finding without traffic', async () => {
  const fastPath = await labEngine('labs/tutorial.yaml', (t) => t
    .replace('sku: Standard }', 'sku: UltraPerformance }')
    .replace('      gateway: ergw\n', '      gateway: ergw\n      fastPath: true\n'));
  const bypass = await fastPath.engine.read(() => fastPath.engine.routing.memo.list('azure.Connection').map((c) => c.properties.expressRouteGatewayBypass));
  assert.deepEqual(bypass, [true]);
  assert.deepEqual(await costFindings(fastPath.engine, fastPath.lab), []);
  const busy = await labEngine('labs/tutorial.yaml', (t) => t.replace('sku: Standard }', 'sku: UltraPerformance }'));
  const heavy = [{ name: 'bulk', from: 'vm-oci', to: 'vm-azure', protocol: 'udp' as const, port: 5001, mbps: 3000 }];
  // 2,000 Mbps reach the gateway (each link carries 1,000): HighPerformance would run at 100 %.
  const f = await costFindings(busy.engine, busy.lab, heavy);
  assert.deepEqual(f.map((x) => x.code).filter((c) => c === 'COST_GATEWAY_OVERSIZED'), []);
  const quiet = await labEngine('labs/tutorial.yaml', (t) => t.replace('sku: Standard }', 'sku: UltraPerformance }'));
  assert.deepEqual(await costFindings(quiet.engine, quiet.lab, []), []);
});
