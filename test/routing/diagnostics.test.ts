// The clouds' diagnostics on the tutorial lab: the ExpressRoute circuit's ARP table, route table and
// summary per device path, OCI DRG route rules, the Azure NIC's effective routes and NSGs, and
// Network Watcher's next hop and IP flow verify; then the same tables on broken variants (swapped
// BGP roles, drills) and ARM/OCI errors for unknown ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { CloudError } from '../../src/model/errors.ts';
import { cidr } from '../../src/model/cidr.ts';
import type { Drill } from '../../src/model/drill.ts';
import {
  circuitArpTable, circuitRouteTable, circuitRouteTableSummary, complementOf, drgRouteRules, formatUpDown, ipFlowVerify, nextHop,
  nicEffectiveNsgs, nicEffectiveRoutes,
} from '../../src/routing/diagnostics/index.ts';
import { updateVirtualCircuit } from '../../src/lifecycle/oci/virtual-circuit.ts';
import { putPeering } from '../../src/lifecycle/azure/circuit.ts';
import { AZ, buildAzure, memoryEngine, ociScope } from '../helpers/interconnect.ts';

const TUTORIAL = readFileSync('labs/tutorial.yaml', 'utf8');

async function labEngine(text = TUTORIAL): Promise<Engine> {
  const engine = await Engine.open({ store: await openStore({ inMemory: true }) });
  await upLab(engine, parseLab(text, 'labs/tutorial.yaml'));
  return engine;
}

function ids(engine: Engine) {
  const w = engine.world;
  const circuit = w.list('azure.ExpressRouteCircuit')[0];
  const vc = w.list('oci.VirtualCircuit')[0];
  const vm = w.list('azure.VirtualMachine')[0];
  const nic = w.list('azure.NetworkInterface')[0];
  const vcnAttachment = w.list('oci.DrgAttachment').find((a) => a.networkDetails.type === 'VCN');
  const vcAttachment = w.list('oci.DrgAttachment').find((a) => a.networkDetails.type === 'VIRTUAL_CIRCUIT');
  assert.ok(circuit && vc && vm && nic && vcnAttachment && vcAttachment);
  return { circuit: circuit.id, vc: vc.id, vm: vm.id, nic: nic.id, vcnAttachment, vcAttachment };
}

const isCloudError = (status: number, code: string) => (e: unknown) => e instanceof CloudError && e.status === status && e.code === code;
/** The route table's rows learned from Oracle (the VNet's come from the gateway, path 65515). */
const fromOracle = (table: { value: { path: string }[] }) => table.value.filter((x) => x.path !== '65515');

void test('tutorial: the circuit ARP table shows both ends of each /30, Oracle odd (On-Prem), Microsoft even', async () => {
  const engine = await labEngine();
  const { circuit } = ids(engine);
  const r = engine.routing;
  const primary = circuitArpTable(r, circuit, 'Primary');
  assert.deepEqual(primary.value.map((x) => [x.interface, x.ipAddress]), [['On-Prem', '10.99.0.1'], ['Microsoft', '10.99.0.2']]);
  const secondary = circuitArpTable(r, circuit, 'Secondary');
  assert.deepEqual(secondary.value.map((x) => [x.interface, x.ipAddress]), [['On-Prem', '10.99.0.5'], ['Microsoft', '10.99.0.6']]);
  for (const row of [...primary.value, ...secondary.value]) {
    assert.match(row.macAddress, /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/, 'resolved, in Cisco dotted form');
    assert.deepEqual(Object.keys(row).sort(), ['age', 'interface', 'ipAddress', 'macAddress']);
  }
  // Deterministic and distinct per address; without a clock the age is 0.
  assert.deepEqual(circuitArpTable(r, circuit, 'Primary'), primary);
  assert.equal(new Set([...primary.value, ...secondary.value].map((x) => x.macAddress)).size, 4);
  assert.deepEqual(primary.value.map((x) => x.age), [0, 0]);
  // With a clock: minutes since the VC was provisioned (Microsoft's own interface stays 0).
  const aged = circuitArpTable(r, circuit, 'primary', { provisionedAt: '2025-01-01T00:00:00Z', now: '2025-01-01T02:05:30Z' });
  assert.deepEqual(aged.value.map((x) => x.age), [125, 0]);
});

void test('tutorial: the circuit route table shows both directions on each path; the summary counts what Oracle sent', async () => {
  const engine = await labEngine();
  const { circuit } = ids(engine);
  const r = engine.routing;
  // Microsoft's troubleshooting guide: the VNet prefix once per gateway instance (path 65515), then
  // what the peer advertised (path = the peer's ASN), in network order.
  assert.deepEqual(circuitRouteTable(r, circuit, 'Primary'), {
    value: [
      { network: '10.10.10.0/24', nextHop: '10.99.0.1', locPrf: '', weight: 0, path: '31898' },
      { network: '10.20.0.0/16', nextHop: '10.20.255.4', locPrf: '', weight: 0, path: '65515' },
      { network: '10.20.0.0/16', nextHop: '10.20.255.5', locPrf: '', weight: 0, path: '65515' },
    ],
  });
  assert.deepEqual(circuitRouteTable(r, circuit, 'Secondary').value.map((x) => [x.network, x.nextHop, x.path]), [
    ['10.10.10.0/24', '10.99.0.5', '31898'], ['10.20.0.0/16', '10.20.255.4', '65515'], ['10.20.0.0/16', '10.20.255.5', '65515'],
  ]);
  const summary = circuitRouteTableSummary(r, circuit, 'Primary');
  assert.equal(summary.value.length, 1);
  const row = summary.value[0];
  assert.ok(row);
  assert.equal(row.neighbor, '10.99.0.1');
  assert.equal(row.v, 4);
  assert.equal(row.as, 31898);
  assert.equal(row.statePfxRcd, '1');
  assert.equal(row.upDown, '00:00:00', 'no clock: no elapsed time');
  const timed = circuitRouteTableSummary(r, circuit, 'Secondary', { provisionedAt: '2025-01-01T00:00:00Z', now: Date.parse('2025-01-03T03:00:00Z') });
  assert.deepEqual(timed.value.map((x) => [x.neighbor, x.upDown, x.statePfxRcd]), [['10.99.0.5', '2d03h', '1']]);
});

void test('elapsed times read like Cisco\'s Up/Down column', () => {
  assert.equal(formatUpDown(312), '00:05:12');
  assert.equal(formatUpDown(23 * 3600 + 59 * 60 + 59), '23:59:59');
  assert.equal(formatUpDown(2 * 86_400 + 3 * 3600 + 10), '2d03h');
  assert.equal(formatUpDown((8 * 7 + 4) * 86_400), '8w4d');
  assert.equal(formatUpDown(53 * 7 * 86_400), '1y1w');
});

void test('tutorial: DRG route rules in OCI\'s wire shape, with provenance, conflicts and the routeType filter', async () => {
  const engine = await labEngine();
  const { vcnAttachment, vcAttachment } = ids(engine);
  const r = engine.routing;
  const rules = drgRouteRules(r, vcnAttachment.drgRouteTableId);
  const azure = rules.find((x) => x.destination === '10.20.0.0/16');
  assert.ok(azure, 'the VCN attachment\'s table imports the VNet prefix from the virtual circuit');
  assert.equal(azure.routeType, 'DYNAMIC');
  assert.equal(azure.routeProvenance, 'VIRTUAL_CIRCUIT');
  assert.equal(azure.nextHopDrgAttachmentId, vcAttachment.id);
  assert.equal(azure.isConflict, false);
  assert.equal(azure.isBlackhole, false);
  assert.equal(azure.destinationType, 'CIDR_BLOCK');
  for (const rule of rules) {
    assert.deepEqual(Object.keys(rule).sort(), ['attributes', 'destination', 'destinationType', 'id', 'isBlackhole', 'isConflict', 'nextHopDrgAttachmentId', 'routeProvenance', 'routeType'], 'no FastRoute-internal fields');
  }
  assert.deepEqual(rules.map((x) => x.destination), ['10.10.10.0/24', '10.20.0.0/16'], 'sorted by destination');
  assert.deepEqual(drgRouteRules(r, vcnAttachment.drgRouteTableId, 'STATIC'), []);
  assert.equal(drgRouteRules(r, vcnAttachment.drgRouteTableId, 'DYNAMIC').length, 2);
  // The VC attachment's table imports only VCN routes: what is advertised to Azure.
  assert.deepEqual(drgRouteRules(r, vcAttachment.drgRouteTableId).map((x) => [x.destination, x.routeProvenance]), [['10.10.10.0/24', 'VCN']]);
});

void test('tutorial: the Azure VM NIC\'s effective routes carry the VCN subnet from the gateway', async () => {
  const engine = await labEngine();
  const { nic } = ids(engine);
  const routes = nicEffectiveRoutes(engine.routing, nic).value;
  const bgp = routes.find((x) => x.addressPrefix.includes('10.10.10.0/24'));
  assert.ok(bgp);
  assert.equal(bgp.source, 'VirtualNetworkGateway');
  assert.equal(bgp.nextHopType, 'VirtualNetworkGateway');
  assert.equal(bgp.state, 'Active');
  const local = routes.find((x) => x.addressPrefix.includes('10.20.0.0/16'));
  assert.equal(local?.nextHopType, 'VnetLocal');
  assert.equal(local.source, 'Default');
  assert.ok(routes.some((x) => x.addressPrefix.includes('0.0.0.0/0') && x.nextHopType === 'Internet'));
  for (const route of routes) {
    assert.ok(Object.keys(route).every((k) => ['name', 'disableBgpRoutePropagation', 'source', 'state', 'addressPrefix', 'nextHopIpAddress', 'nextHopType'].includes(k)), Object.keys(route).join());
  }
});

void test('tutorial: effective NSGs list the subnet association with user and default rules, tags expanded', async () => {
  const engine = await labEngine();
  const { nic } = ids(engine);
  const result = nicEffectiveNsgs(engine.routing, nic);
  assert.equal(result.value.length, 1, 'the tutorial only puts an NSG on the subnet');
  const entry = result.value[0];
  assert.ok(entry);
  assert.match(entry.association.subnet?.id ?? '', /\/subnets\/subnet-workload$/);
  assert.equal(entry.association.networkInterface, undefined);
  assert.match(entry.networkSecurityGroup.id, /\/networkSecurityGroups\/nsg-workload$/);
  const names = entry.effectiveSecurityRules.map((x) => x.name);
  assert.deepEqual(names.slice(0, 3), ['securityRules/allow-oci-icmp', 'securityRules/allow-oci-ssh', 'securityRules/allow-oci-sqlnet']);
  assert.ok(names.includes('defaultSecurityRules/DenyAllInBound'));
  assert.equal(names.length, 9);
  const ssh = entry.effectiveSecurityRules.find((x) => x.name === 'securityRules/allow-oci-ssh');
  assert.equal(ssh?.destinationPortRange, '22-22');
  assert.equal(ssh.sourcePortRange, '0-65535');
  assert.equal(ssh.protocol, 'Tcp');
  assert.equal(ssh.destinationAddressPrefix, '0.0.0.0/0');
  const vnetIn = entry.effectiveSecurityRules.find((x) => x.name === 'defaultSecurityRules/AllowVnetInBound');
  assert.equal(vnetIn?.protocol, 'All');
  assert.ok(vnetIn.expandedSourceAddressPrefix.includes('10.20.0.0/16'));
  assert.ok(vnetIn.expandedSourceAddressPrefix.includes('10.10.10.0/24'), 'the VCN subnet learned over ExpressRoute is in VirtualNetwork');
  const tagMap = JSON.parse(entry.tagMap) as Record<string, string[]>;
  assert.deepEqual(tagMap.VirtualNetwork, ['10.10.10.0/24', '10.20.0.0/16', '168.63.129.16/32']);
  const internet = entry.effectiveSecurityRules.find((x) => x.name === 'defaultSecurityRules/AllowInternetOutBound');
  assert.ok(internet);
  assert.ok(internet.expandedDestinationAddressPrefix.includes('8.0.0.0/7'));
  assert.ok(!internet.expandedDestinationAddressPrefix.includes('10.20.0.0/16'));
});

void test('the Internet expansion is the exact complement of the given prefixes', () => {
  assert.deepEqual(complementOf([cidr('0.0.0.0/1')]), ['128.0.0.0/1']);
  assert.deepEqual(complementOf([]), ['0.0.0.0/0']);
  assert.deepEqual(complementOf([cidr('10.0.0.0/8'), cidr('10.1.0.0/16')]), ['0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/1']);
  assert.deepEqual(complementOf([cidr('0.0.0.0/0')]), []);
});

void test('tutorial: Network Watcher next hop and IP flow verify from the Azure VM', async () => {
  const engine = await labEngine();
  const { vm, nic } = ids(engine);
  const r = engine.routing;
  assert.deepEqual(nextHop(r, { targetResourceId: vm, sourceIPAddress: '10.20.10.10', destinationIPAddress: '10.10.10.10' }), {
    nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: '10.20.255.4', routeTableId: 'System Route',
  });
  assert.deepEqual(nextHop(r, { targetNicResourceId: nic, sourceIPAddress: '10.20.10.10', destinationIPAddress: '10.20.10.99' }), { nextHopType: 'VnetLocal', nextHopIpAddress: '', routeTableId: 'System Route' });
  assert.deepEqual(nextHop(r, { sourceIPAddress: '10.20.10.10', destinationIPAddress: '8.8.8.8' }), { nextHopType: 'Internet', nextHopIpAddress: '', routeTableId: 'System Route' });
  assert.deepEqual(nextHop(r, { sourceIPAddress: '10.20.10.10', destinationIPAddress: '192.168.1.1' }), { nextHopType: 'None', nextHopIpAddress: '', routeTableId: 'System Route' });

  const flow = { targetResourceId: vm, localIPAddress: '10.20.10.10', protocol: 'TCP' as const, direction: 'Inbound' as const };
  assert.deepEqual(ipFlowVerify(r, { ...flow, localPort: 22, remoteIPAddress: '10.10.10.10', remotePort: 50000 }), { access: 'Allow', ruleName: 'securityRules/allow-oci-ssh' });
  assert.deepEqual(ipFlowVerify(r, { ...flow, localPort: '3389', remoteIPAddress: '8.8.8.8', remotePort: '*' }), { access: 'Deny', ruleName: 'defaultSecurityRules/DenyAllInBound' });
  assert.deepEqual(ipFlowVerify(r, { ...flow, protocol: 'UDP', localPort: 5000, remoteIPAddress: '10.10.10.10', remotePort: 53 }), { access: 'Allow', ruleName: 'defaultSecurityRules/AllowVnetInBound' }, 'VirtualNetwork covers the VCN');
  assert.deepEqual(ipFlowVerify(r, { ...flow, direction: 'Outbound', localPort: 50000, remoteIPAddress: '8.8.8.8', remotePort: 443 }), { access: 'Allow', ruleName: 'defaultSecurityRules/AllowInternetOutBound' });
  assert.throws(() => ipFlowVerify(r, { ...flow, localIPAddress: '10.20.10.11', localPort: 22, remoteIPAddress: '10.10.10.10', remotePort: 1 }), isCloudError(400, 'InvalidRequestFormat'));
  assert.throws(() => ipFlowVerify(r, { ...flow, localPort: 70000, remoteIPAddress: '10.10.10.10', remotePort: 1 }), isCloudError(400, 'InvalidRequestFormat'));
});

void test('hub-and-spoke: a spoke NIC shows its UDR, the peering route and no BGP routes; next hop names the UDR table', async () => {
  const engine = await labEngine(readFileSync('labs/hub-and-spoke.yaml', 'utf8'));
  const r = engine.routing;
  const vm = engine.world.list('azure.VirtualMachine').find((v) => v.name === 'vm-azure-app');
  const table = engine.world.list('azure.RouteTable').find((t) => t.name === 'rt-spoke-app');
  assert.ok(vm && table);
  const nicId = vm.properties.networkProfile.networkInterfaces[0]?.id ?? '';
  const routes = nicEffectiveRoutes(r, nicId).value;
  assert.deepEqual(routes.find((x) => x.source === 'User'), {
    name: 'oci-via-nva', disableBgpRoutePropagation: true, source: 'User', state: 'Active', addressPrefix: ['10.8.0.0/13'], nextHopIpAddress: ['10.20.1.4'], nextHopType: 'VirtualAppliance',
  });
  assert.equal(routes.find((x) => x.addressPrefix.includes('10.20.0.0/16'))?.nextHopType, 'VNetPeering');
  assert.ok(!routes.some((x) => x.source === 'VirtualNetworkGateway'), 'gateway propagation is disabled on the spoke route table');
  assert.deepEqual(nextHop(r, { targetResourceId: vm.id, sourceIPAddress: '10.21.1.10', destinationIPAddress: '10.11.1.10' }), { nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.20.1.4', routeTableId: table.id });
  assert.deepEqual(nextHop(r, { targetResourceId: vm.id, sourceIPAddress: '10.21.1.10', destinationIPAddress: '10.20.1.4' }), { nextHopType: 'VNetPeering', nextHopIpAddress: '', routeTableId: 'System Route' });
  const flow = { targetResourceId: vm.id, direction: 'Inbound' as const, protocol: 'TCP' as const, localIPAddress: '10.21.1.10', remoteIPAddress: '10.11.1.10', remotePort: 40000 };
  assert.deepEqual(ipFlowVerify(r, { ...flow, localPort: 8443 }), { access: 'Allow', ruleName: 'securityRules/allow-oci-https' });
  assert.deepEqual(ipFlowVerify(r, { ...flow, localPort: 22 }), { access: 'Deny', ruleName: 'securityRules/deny-oci-other' });
  // The VC attachment's DRG table: the static rule wins over the VCN's dynamic route; the loser is listed as a conflict.
  const vcTable = engine.world.list('oci.DrgRouteTable').find((t) => t.displayName === 'rt-drg-vc');
  assert.ok(vcTable);
  assert.deepEqual(drgRouteRules(r, vcTable.id).map((x) => [x.destination, x.routeType, x.routeProvenance, x.isConflict]), [
    ['10.11.0.0/16', 'STATIC', 'STATIC', false],
    ['10.11.0.0/16', 'DYNAMIC', 'VCN', true],
  ]);
});

void test('swapped primary BGP roles: Oracle does not answer on the 2nd address, the primary session stays down', async () => {
  const broken = TUTORIAL.replace('primary: { block: 10.99.0.0/30 }', 'primary: { customer: 10.99.0.1/30, oracle: 10.99.0.2/30 }');
  assert.notEqual(broken, TUTORIAL);
  const engine = await labEngine(broken);
  const { circuit } = ids(engine);
  const r = engine.routing;
  const arp = circuitArpTable(r, circuit, 'Primary').value;
  assert.deepEqual(arp.map((x) => [x.interface, x.ipAddress]), [['On-Prem', '10.99.0.1'], ['Microsoft', '10.99.0.2']]);
  assert.equal(arp[0]?.macAddress, 'Incomplete');
  const [summary] = circuitRouteTableSummary(r, circuit, 'Primary').value;
  assert.ok(summary);
  assert.ok(summary.statePfxRcd === 'Idle' || summary.statePfxRcd === 'Active', summary.statePfxRcd);
  assert.equal(summary.upDown, 'never');
  assert.equal(summary.neighbor, '10.99.0.1', 'Microsoft is configured for the 2nd address of the /30');
  assert.deepEqual(fromOracle(circuitRouteTable(r, circuit, 'Primary')), []);
  // The secondary path is untouched.
  assert.notEqual(circuitArpTable(r, circuit, 'Secondary').value[0]?.macAddress, 'Incomplete');
  assert.equal(circuitRouteTableSummary(r, circuit, 'Secondary').value[0]?.statePfxRcd, '1');
});

void test('drills: a link down on one path makes ARP incomplete there; a BGP reset leaves ARP resolved but the session Active', async () => {
  const engine = await labEngine();
  const { circuit, vc } = ids(engine);
  const startedAt = '2025-01-01T00:00:00.000Z';
  const drill = (id: string, kind: Drill['kind'], path: Drill['path']): Drill => ({ id, kind, virtualCircuitId: vc, path, startedAt });
  await engine.mutate('test:drill', (tx) => { tx.put('fr.Drill', drill('d1', 'link-down', 'secondary')); });
  const r = engine.routing;
  assert.equal(circuitArpTable(r, circuit, 'Secondary').value[0]?.macAddress, 'Incomplete');
  const now = Date.parse('2025-01-01T00:05:12.000Z');
  assert.deepEqual(circuitRouteTableSummary(r, circuit, 'Secondary', { now }).value.map((x) => [x.statePfxRcd, x.upDown]), [['Idle', '00:05:12']]);
  assert.deepEqual(fromOracle(circuitRouteTable(r, circuit, 'Secondary')), []);
  assert.equal(circuitRouteTableSummary(r, circuit, 'Primary').value[0]?.statePfxRcd, '1');

  await engine.mutate('test:drill', (tx) => {
    tx.remove('fr.Drill', 'd1');
    tx.put('fr.Drill', drill('d2', 'bgp-reset', 'primary'));
  });
  assert.notEqual(circuitArpTable(r, circuit, 'Primary').value[0]?.macAddress, 'Incomplete');
  assert.equal(circuitRouteTableSummary(r, circuit, 'Primary').value[0]?.statePfxRcd, 'Active');
  assert.equal(circuitRouteTableSummary(r, circuit, 'Secondary').value[0]?.statePfxRcd, '1');
});

void test('Oracle\'s BGP admin state DISABLED: ARP incomplete and Idle on both paths; the private peering Disabled: no ARP table at all', async () => {
  const engine = await labEngine();
  const { circuit, vc } = ids(engine);
  const r = engine.routing;
  await engine.mutate('test:admin-down', (tx) => { updateVirtualCircuit(tx, ociScope(), vc, { bgpAdminState: 'DISABLED' }); });
  for (const path of ['Primary', 'Secondary'] as const) {
    assert.equal(circuitArpTable(r, circuit, path).value[0]?.macAddress, 'Incomplete');
    assert.deepEqual(circuitRouteTableSummary(r, circuit, path).value.map((x) => x.statePfxRcd), ['Idle']);
    assert.deepEqual(fromOracle(circuitRouteTable(r, circuit, path)), []);
  }
  await engine.mutate('test:admin-up', (tx) => { updateVirtualCircuit(tx, ociScope(), vc, { bgpAdminState: 'ENABLED' }); });
  assert.equal(circuitRouteTableSummary(r, circuit, 'Primary').value[0]?.statePfxRcd, '1');
  await engine.mutate('test:peering-off', (tx) => { putPeering(tx, AZ, 'rg-fastroute', 'er-oci-azure', 'AzurePrivatePeering', { properties: { state: 'Disabled' } }); });
  assert.deepEqual(circuitArpTable(r, circuit, 'Primary'), { value: [] });
  assert.deepEqual(circuitRouteTableSummary(r, circuit, 'Primary').value.map((x) => [x.neighbor, x.statePfxRcd, x.upDown]), [['10.99.0.1', 'Idle', 'never']]);
});

void test('a circuit that is not provisioned has empty tables', async () => {
  const engine = await memoryEngine();
  const { circuitId } = await buildAzure(engine);
  const r = engine.routing;
  assert.deepEqual(circuitArpTable(r, circuitId, 'Primary'), { value: [] });
  assert.deepEqual(circuitRouteTable(r, circuitId, 'Secondary'), { value: [] });
  assert.deepEqual(circuitRouteTableSummary(r, circuitId, 'Primary'), { value: [] });
});

void test('unknown ids give the clouds\' 404s; a bad device path gives a 400', async () => {
  const engine = await labEngine();
  const { circuit, vm } = ids(engine);
  const r = engine.routing;
  const rg = '/subscriptions/00000000-0000-4000-8000-00000000fa57/resourceGroups/rg-fastroute/providers';
  assert.throws(() => circuitArpTable(r, `${rg}/Microsoft.Network/expressRouteCircuits/nope`, 'Primary'), isCloudError(404, 'ResourceNotFound'));
  assert.throws(() => circuitRouteTable(r, circuit, 'Primary', { peeringName: 'MicrosoftPeering' }), isCloudError(404, 'ResourceNotFound'));
  assert.throws(() => circuitRouteTableSummary(r, circuit, 'Tertiary' as 'Primary'), isCloudError(400, 'InvalidRequestFormat'));
  assert.throws(() => nicEffectiveRoutes(r, `${rg}/Microsoft.Network/networkInterfaces/nope`), isCloudError(404, 'ResourceNotFound'));
  assert.throws(() => nicEffectiveNsgs(r, `${rg}/Microsoft.Network/networkInterfaces/nope`), isCloudError(404, 'ResourceNotFound'));
  assert.throws(() => nextHop(r, { targetResourceId: `${rg}/Microsoft.Compute/virtualMachines/nope`, sourceIPAddress: '10.20.10.10', destinationIPAddress: '10.10.10.10' }), isCloudError(404, 'ResourceNotFound'));
  assert.throws(() => nextHop(r, { sourceIPAddress: '10.20.99.99', destinationIPAddress: '10.10.10.10' }), isCloudError(404, 'NotFound'));
  assert.throws(() => nextHop(r, { targetResourceId: vm, sourceIPAddress: '10.20.10.10', destinationIPAddress: 'not-an-ip' }), isCloudError(400, 'InvalidRequestFormat'));
  assert.throws(() => drgRouteRules(r, 'ocid1.drgroutetable.oc1.iad.nope'), isCloudError(404, 'NotAuthorizedOrNotFound'));
});
