// Traffic placement on real labs: the tutorial's and hub-and-spoke's declared flows split over both
// links where the routes are equal, moved onto the secondary by a primary link-down drill (its
// utilisation doubles), capped at the gateway's and the link's throughput with the excess counted
// where it is lost, and a flow the routes drop counted where the trace drops it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labEngine } from '../helpers/lab.ts';
import { placeTraffic } from '../../src/traffic/place.ts';
import { scheduleFactor } from '../../src/traffic/schedule.ts';
import { startDrill } from '../../src/engine/drill-runner.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { Placement, TrafficFlow } from '../../src/traffic/types.ts';

const NOON = Date.UTC(2026, 0, 15, 12);
const THREE_AM = Date.UTC(2026, 0, 15, 3, 30);

/** name direction → [offered, carried, dropped, utilisation] */
function loads(p: Placement): Record<string, [number, number, number, number | undefined]> {
  return Object.fromEntries(p.elements.map((e) => [`${e.name} ${e.direction}`, [e.offeredMbps, e.carriedMbps, e.droppedMbps, e.utilisation]]));
}

const place = (engine: Engine, flows: readonly TrafficFlow[], at = NOON) => engine.read(() => placeTraffic(engine.routing, flows, at));

void test('tutorial: both links carry half of each direction; gateways carry it all', async () => {
  const { engine, lab } = await labEngine('labs/tutorial.yaml');
  const p = await place(engine, lab.traffic);
  // To Azure: the backup (200 × 0.5 at noon) + db-sync's replies (20) = 120; to OCI: db-sync (300) +
  // the backup's replies (4 × 0.5) = 302. Each link takes half; the Standard gateway carries 1,000 Mbps.
  assert.deepEqual(loads(p), {
    'ergw to-azure': [120, 120, 0, 0.12],
    'ergw to-oci': [302, 302, 0, 0.302],
    'vc-azure primary to-azure': [60, 60, 0, 0.06],
    'vc-azure primary to-oci': [151, 151, 0, 0.151],
    'vc-azure secondary to-azure': [60, 60, 0, 0.06],
    'vc-azure secondary to-oci': [151, 151, 0, 0.151],
  });
  assert.deepEqual(p.totals, { offeredMbps: 422, deliveredMbps: 422, droppedMbps: 0, droppedFlows: 0 });
});

void test('schedule: the daily profile sets the rate by UTC hour', async () => {
  assert.equal(scheduleFactor(undefined, NOON), 1);
  assert.equal(scheduleFactor('constant', THREE_AM), 1);
  const daily = Array.from({ length: 24 }, (_, h) => h / 10);
  assert.equal(scheduleFactor({ daily }, THREE_AM), 0.3);
  assert.equal(scheduleFactor({ daily }, Date.UTC(2026, 0, 15, 23, 59)), 2.3);
  const { engine, lab } = await labEngine('labs/tutorial.yaml');
  const night = await place(engine, lab.traffic, THREE_AM);
  const backup = night.flows.find((f) => f.name === 'nightly-backup');
  assert.deepEqual([backup?.factor, backup?.offeredMbps, backup?.deliveredMbps, backup?.replyDeliveredMbps], [2, 400, 400, 8]);
  // (400 + db-sync's 20 Mbps of replies) / 2 links.
  assert.deepEqual(loads(night)['vc-azure primary to-azure'], [210, 210, 0, 0.21], 'at 03:30 UTC the backup runs at twice its rate, half on each link');
});

void test('failover: with the primary link down, the secondary carries everything and its utilisation doubles', async () => {
  const { engine, lab } = await labEngine('labs/tutorial.yaml');
  const before = loads(await place(engine, lab.traffic));
  await startDrill(engine, { kind: 'link-down', path: 'primary' });
  const during = loads(await place(engine, lab.traffic));
  assert.deepEqual(before['vc-azure secondary to-azure'], [60, 60, 0, 0.06]);
  assert.deepEqual(during['vc-azure secondary to-azure'], [120, 120, 0, 0.12]);
  assert.deepEqual(before['vc-azure secondary to-oci'], [151, 151, 0, 0.151]);
  assert.deepEqual(during['vc-azure secondary to-oci'], [302, 302, 0, 0.302]);
  assert.equal(during['vc-azure primary to-azure'], undefined, 'nothing crosses the primary link');
  assert.deepEqual(during['ergw to-oci'], before['ergw to-oci'], 'the gateway carries the same load');
});

void test('capping: the Standard gateway carries 1,000 Mbps; the excess is counted there, and at the link once it carries all', async () => {
  const { engine } = await labEngine('labs/tutorial.yaml');
  const flows: TrafficFlow[] = [
    { name: 'big', from: 'vm-oci', to: 'vm-azure', protocol: 'tcp', port: 22, mbps: 1200 },
    { name: 'small', from: 'vm-oci', to: 'vm-azure', protocol: 'icmp', mbps: 300 },
  ];
  const p = await place(engine, flows);
  const l = loads(p);
  assert.deepEqual(l['vc-azure primary to-azure'], [750, 750, 0, 0.75]);
  assert.deepEqual(l['ergw to-azure'], [1500, 1000, 500, 1]);
  const big = p.flows.find((f) => f.name === 'big');
  assert.equal(big?.deliveredMbps, 800, 'each flow keeps 2/3 of its rate');
  assert.deepEqual(big?.losses.map((x) => [x.name, x.reason, x.mbps]), [['ergw', 'CAPACITY_EXCEEDED', 400]]);
  assert.deepEqual(p.drops.map((d) => [d.name, d.reason, d.flows, d.mbps]), [['ergw', 'CAPACITY_EXCEEDED', 2, 500]]);
  assert.deepEqual(p.totals, { offeredMbps: 1500, deliveredMbps: 1000, droppedMbps: 500, droppedFlows: 0 });

  await startDrill(engine, { kind: 'link-down', path: 'primary' });
  const during = await place(engine, flows);
  const d = loads(during);
  assert.deepEqual(d['vc-azure secondary to-azure'], [1500, 1000, 500, 1], 'the secondary link caps at the circuit\'s 1,000 Mbps');
  assert.deepEqual(d['ergw to-azure'], [1000, 1000, 0, 1], 'the gateway now sees only what the link carried');
  assert.deepEqual(during.drops.map((x) => [x.name, x.reason, x.mbps]), [['vc-azure secondary', 'CAPACITY_EXCEEDED', 500]]);
});

void test('hub-and-spoke: through both appliances, ECMP over the 2 Gbps links, and a dropped flow counted where it dies', async () => {
  const { engine, lab } = await labEngine('labs/hub-and-spoke.yaml');
  const p = await place(engine, lab.traffic);
  assert.deepEqual(loads(p), {
    'ergw-hub to-azure': [301, 301, 0, 0.1505],
    'ergw-hub to-oci': [1201, 1201, 0, 0.6005],
    'fw-oci through': [1502, 1502, 0, undefined],
    'nva through': [1552, 1552, 0, undefined],
    'vc-hub primary to-azure': [150.5, 150.5, 0, 0.07525],
    'vc-hub primary to-oci': [600.5, 600.5, 0, 0.30025],
    'vc-hub secondary to-azure': [150.5, 150.5, 0, 0.07525],
    'vc-hub secondary to-oci': [600.5, 600.5, 0, 0.30025],
  });
  const lost = p.flows.find((f) => f.name === 'data-unadvertised');
  assert.equal(lost?.verdict, 'dropped');
  assert.equal(lost?.deliveredMbps, 0);
  assert.deepEqual(p.drops.map((d) => [d.kind, d.name, d.reason, d.flows, d.mbps]), [['effective-routes', 'appliance subnet subnet-nva', 'NOT_EXPORTED', 1, 50]]);
  assert.deepEqual(p.totals, { offeredMbps: 1552, deliveredMbps: 1502, droppedMbps: 50, droppedFlows: 1 });
});
