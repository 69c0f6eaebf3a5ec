// The compiler's peerings, without root: VNet peering and appliances across it (hub-and-spoke),
// gateway transit (the transit lab fixed), OCI local peering gateways (vcn-gateways), and the
// ExpressRoute gateway sending what comes from the circuit into its VNet. Each route is the
// engine's: the spoke's UDR to the hub's appliance, the gateway-learned prefixes, the LPG rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { namespaceBatch } from '../../src/dataplane/batch.ts';
import type { DataplanePlan, PlanNamespace } from '../../src/dataplane/plan.ts';

const LABS = path.join(import.meta.dirname, '../../labs');

async function planOf(file: string, edit?: (text: string) => string): Promise<DataplanePlan> {
  const { engine } = await labEngine(path.join(LABS, file), edit);
  try {
    return await engine.read(() => compileDataplane(engine.routing, { runId: 'pe01' }));
  } finally {
    await engine.close();
  }
}

function ns(plan: DataplanePlan, name: string): PlanNamespace {
  const found = plan.namespaces.find((n) => n.resourceName === name && n.role !== 'vm');
  assert.ok(found, `a router for ${name}`);
  return found;
}

/** The device of `a` whose veth peer is in `b`. */
function linkDev(plan: DataplanePlan, a: PlanNamespace, b: PlanNamespace): { here: string; there: string } {
  const l = plan.links.find((x) => (x.a.ns === a.name && x.b.ns === b.name) || (x.b.ns === a.name && x.a.ns === b.name));
  assert.ok(l, `a link between ${a.label} and ${b.label}`);
  return l.a.ns === a.name ? { here: l.a.dev, there: l.b.dev } : { here: l.b.dev, there: l.a.dev };
}

void test('hub-and-spoke: spokes reach the hub\'s appliance over their peering, and the hub hands what the spoke sent to the appliance', async () => {
  const plan = await planOf('hub-and-spoke.yaml');
  const hub = ns(plan, 'vnet-hub');
  const app = ns(plan, 'vnet-app');
  const { here, there } = linkDev(plan, app, hub);
  const spokeRoute = app.routes.find((r) => r.prefix === '10.8.0.0/13' && r.table !== undefined);
  assert.equal(spokeRoute?.nexthops?.[0]?.dev, here, 'the spoke\'s UDR to the hub NVA leaves by the peering');
  const rule = hub.rules.find((r) => r.iif === there && r.from === '10.21.1.0/24');
  assert.ok(rule, 'the hub selects a table by the peering link and the spoke subnet');
  assert.deepEqual(hub.routes.find((r) => r.table === rule.table && r.prefix === '10.8.0.0/13')?.nexthops, [{ via: '10.20.1.4', dev: 'nic0' }], 'on to the appliance');
  assert.match(namespaceBatch(plan, hub), new RegExp(`rule add iif ${there} from 10\\.21\\.1\\.0/24 lookup ${rule.table}`));
  // The NVA's subnet reaches the spokes by VNet peering.
  const toSpoke = hub.routes.find((r) => r.prefix === '10.21.0.0/16' && r.nexthops?.[0]?.dev === there);
  assert.ok(toSpoke, 'the hub reaches the app spoke over the peering');
  assert.ok(!plan.notMaterialised.some((n) => /peering/i.test(n.what)), JSON.stringify(plan.notMaterialised));
  // From the circuit, the gateway always sends into the VNet (the GatewaySubnet's routes decide).
  const ergw = plan.namespaces.find((n) => n.role === 'er-gateway');
  assert.ok(ergw);
  const fromCircuit = ergw.rules.find((r) => r.iif === 'ms0');
  assert.ok(fromCircuit);
  assert.equal(ergw.routes.find((r) => r.table === fromCircuit.table && r.prefix === '0.0.0.0/0')?.nexthops?.[0]?.dev, 'vnet');
});

void test('gateway transit: a spoke using the hub\'s gateway routes the learned OCI prefix straight to that gateway', async () => {
  const fixed = (t: string) => t
    .replace('{ name: azure-to-spoke, remoteVnet: vnet-spoke }', '{ name: azure-to-spoke, remoteVnet: vnet-spoke, allowGatewayTransit: true }')
    .replace('{ name: spoke-to-azure, remoteVnet: vnet-azure }', '{ name: spoke-to-azure, remoteVnet: vnet-azure, useRemoteGateways: true }');
  const plan = await planOf('broken/transit.yaml', fixed);
  const spoke = ns(plan, 'vnet-spoke');
  const ergw = plan.namespaces.find((n) => n.role === 'er-gateway');
  assert.ok(ergw);
  const { here } = linkDev(plan, spoke, ergw);
  assert.equal(here, 'rgw');
  assert.equal(spoke.routes.find((r) => r.prefix === '10.10.10.0/24' && r.table !== undefined)?.nexthops?.[0]?.dev, 'rgw', 'OCI through the hub\'s gateway');
  // The broken lab (no transit) has no such link, and no route to OCI in the spoke.
  const broken = await planOf('broken/transit.yaml');
  const brokenSpoke = ns(broken, 'vnet-spoke');
  assert.ok(!broken.links.some((l) => l.a.ns === brokenSpoke.name && l.a.dev === 'rgw'));
  assert.equal(brokenSpoke.routes.find((r) => r.prefix === '10.10.10.0/24'), undefined);
});

void test('local peering gateways: a link between the two VCN routers, and the LPG\'s route table for transit', async () => {
  const plan = await planOf('vcn-gateways.yaml');
  const hub = ns(plan, 'vcn-hub');
  const spoke = ns(plan, 'vcn-spoke');
  const { here, there } = linkDev(plan, hub, spoke);
  assert.ok(hub.routes.some((r) => r.prefix === '10.12.0.0/16' && r.nexthops?.[0]?.dev === here), 'hub → spoke by the LPG');
  assert.ok(spoke.routes.some((r) => r.prefix === '10.10.0.0/16' && r.nexthops?.[0]?.dev === there), 'spoke → hub by the LPG');
  // Packets entering the hub by its LPG follow rt-lpg-ingress (transit to Azure through the DRG).
  const rule = hub.rules.find((r) => r.iif === here);
  assert.ok(rule, 'the hub LPG\'s route table is selected for packets entering by it');
  assert.ok(hub.routes.some((r) => r.table === rule.table && r.nexthops?.[0]?.dev === 'drg'), 'transit to the DRG');
  assert.ok(!plan.notMaterialised.some((n) => /local peering/.test(n.what)), JSON.stringify(plan.notMaterialised));
});
