// Both sample labs come up through the engine exactly as the clouds would show them, tear down in
// order, and a lab the clouds would reject changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseLab } from '../../src/lab/parse.ts';
import { upLab, downLab } from '../../src/engine/lab-runner.ts';
import { labNames } from '../../src/lab/apply.ts';
import { interconnectStatus } from '../../src/lifecycle/interconnect/status.ts';
import { CloudError } from '../../src/model/errors.ts';
import { memoryEngine } from '../helpers/interconnect.ts';

const load = (file: string) => parseLab(readFileSync(file, 'utf8'), file);

void test('the tutorial lab comes up: VC PROVISIONED/ACTIVE/UP, circuit Provisioned with its peering, connection Connected', async () => {
  const engine = await memoryEngine();
  const report = await upLab(engine, load('labs/tutorial.yaml'));
  assert.deepEqual(report.incomplete, []);
  const [s] = await engine.read((v) => interconnectStatus(v));
  assert.equal(s?.virtualCircuit.lifecycleState, 'PROVISIONED');
  assert.equal(s?.virtualCircuit.providerState, 'ACTIVE');
  assert.equal(s?.virtualCircuit.bgpSessionState, 'UP');
  assert.equal(s?.circuit?.serviceProviderProvisioningState, 'Provisioned');
  assert.equal(s?.circuit?.privatePeering?.primaryPeerAddressPrefix, '10.99.0.0/30');
  assert.equal(s?.circuit?.privatePeering?.secondaryPeerAddressPrefix, '10.99.0.4/30');
  assert.deepEqual(s?.connections.map((c) => c.connectionStatus), ['Connected']);
  // What the tutorial declares is what the clouds hold.
  const w = engine.world;
  assert.deepEqual(w.list('oci.Vcn').map((v) => v.cidrBlocks), [['10.10.0.0/16']]);
  assert.deepEqual(w.list('oci.Vnic').map((v) => v.privateIp), ['10.10.10.10']);
  assert.deepEqual(w.list('azure.NetworkInterface').map((n) => n.properties.ipConfigurations[0]?.properties.privateIPAddress), ['10.20.10.10']);
  assert.deepEqual(w.list('azure.Subnet').map((x) => `${x.name} ${x.properties.addressPrefix}`).sort(), ['GatewaySubnet 10.20.255.0/27', 'subnet-workload 10.20.10.0/24']);
  const rt = w.list('oci.RouteTable').find((t) => t.displayName === 'rt-oci');
  assert.deepEqual(rt?.routeRules.map((r) => [r.destination, r.networkEntityId.startsWith('ocid1.drg.')]), [['10.20.0.0/16', true]]);
  assert.deepEqual(await engine.read((v) => labNames(v)), ['tutorial']);
});

void test('the hub-and-spoke lab comes up with every spoke attached and peered', async () => {
  const engine = await memoryEngine();
  const lab = load('labs/hub-and-spoke.yaml');
  const report = await upLab(engine, lab);
  assert.deepEqual(report.incomplete, []);
  const states = await engine.read((v) => interconnectStatus(v));
  assert.deepEqual(states.map((s) => [s.virtualCircuit.lifecycleState, s.virtualCircuit.bgpSessionState, s.circuit?.serviceProviderProvisioningState, s.connections.map((c) => c.connectionStatus)]), [['PROVISIONED', 'UP', 'Provisioned', ['Connected']]]);
  const w = engine.world;
  assert.equal(w.list('oci.DrgAttachment').filter((a) => a.networkDetails.type === 'VCN').length, lab.oci.vcns.length, 'every VCN is attached');
  const peerings = w.list('azure.VirtualNetwork').flatMap((v) => (v.properties.virtualNetworkPeerings as { properties: { peeringState: string } }[]).map((p) => p.properties.peeringState));
  assert.ok(peerings.length >= 4);
  assert.ok(peerings.every((p) => p === 'Connected'), 'both directions declared, so every peering is Connected');
  assert.equal(w.list('oci.DrgRouteRule').length > 0, true, 'static DRG rules of the hub design exist');
  assert.ok(w.list('oci.Vnic').some((v) => v.skipSourceDestCheck), 'the OCI firewall forwards');
  assert.ok(w.list('azure.NetworkInterface').some((n) => n.properties.enableIPForwarding), 'the Azure NVA forwards');
});

void test('tearing a lab down removes everything it created, in the clouds\' order', async () => {
  const engine = await memoryEngine();
  await upLab(engine, load('labs/hub-and-spoke.yaml'));
  const result = await downLab(engine, 'hub-and-spoke');
  assert.ok(result.deleted > 0);
  assert.deepEqual(await engine.read((v) => labNames(v)), []);
  assert.equal(engine.world.list('azure.ExpressRouteCircuit').length, 0);
  assert.equal(engine.world.list('azure.Connection').length, 0);
  assert.ok(engine.world.list('oci.Vcn').every((v) => v.lifecycleState === 'TERMINATED'));
  // Connections were removed before the virtual circuit, so the circuit never failed.
  const circuitStates = (await engine.queryEvents({ kind: 'azure.ExpressRouteCircuit' })).filter((e) => e.field === 'properties.provisioningState').map((e) => e.after);
  assert.ok(!circuitStates.includes('Failed'));
});

void test('a lab the clouds would reject reports the cloud\'s error and changes nothing', async () => {
  const engine = await memoryEngine();
  const text = readFileSync('labs/tutorial.yaml', 'utf8').replace('{ name: GatewaySubnet, prefix: 10.20.255.0/27 }', '{ name: GatewaySubnet, prefix: 10.20.10.128/27 }');
  const before = engine.world.count();
  await assert.rejects(upLab(engine, parseLab(text, 'broken.yaml')), (e: unknown) => e instanceof CloudError && e.code === 'NetcfgSubnetRangesOverlap');
  assert.equal(engine.world.count(), before);
});

void test('a lab whose peering location is not paired with its OCI region comes up incomplete, with the reason', async () => {
  const engine = await memoryEngine();
  const text = readFileSync('labs/tutorial.yaml', 'utf8').replace('peeringLocation: Washington DC', 'peeringLocation: London');
  const report = await upLab(engine, parseLab(text, 'wrong-pair.yaml'));
  assert.equal(report.incomplete.length, 1);
  assert.match(report.incomplete[0]?.reason ?? '', /London is not paired with OCI region us-ashburn-1/);
  assert.equal(engine.world.list('azure.Connection').length, 0, 'no connection to an unprovisioned circuit');
});

void test('an NSG with more rules than one AddNetworkSecurityGroupSecurityRules call takes (30 > 25) comes up whole', async () => {
  const engine = await memoryEngine();
  const lab = load('labs/hub-and-spoke.yaml');
  const nsg = lab.oci.vcns.flatMap((v) => v.nsgs).find((n) => n.name === 'nsg-db');
  assert.ok(nsg);
  const [template] = nsg.rules;
  assert.ok(template);
  nsg.rules = Array.from({ length: 30 }, (_, i) => ({ ...template, ports: `${2000 + i}` }));
  const report = await upLab(engine, lab);
  assert.deepEqual(report.incomplete, []);
  const id = engine.world.list('oci.NetworkSecurityGroup').find((n) => n.displayName === 'nsg-db')?.id ?? '';
  assert.equal(engine.world.children('oci.NsgSecurityRule', id).length, 30);
});
