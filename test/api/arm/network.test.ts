// NSGs, security rules, route tables, NICs, a VM on a NIC, the NIC diagnostics and Network Watcher
// through the official @azure/arm-network client (and raw HTTPS where no SDK is installed, i.e.
// Microsoft.Compute, or where the test needs a body the SDK would not send). The steps share one
// world and run in order.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NetworkManagementClient } from '@azure/arm-network';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { FAST_POLL, startArmServer, type ArmTestServer } from './harness.ts';

const RG = 'Net-Rg';
const LOC = 'eastus';
const SUB = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}`;
const MN = `${SUB}/resourceGroups/${RG}/providers/Microsoft.Network`;
const VM_PATH = `${SUB}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachines/vm1`;
const API = '?api-version=2025-05-01';
const VM_API = '?api-version=2024-07-01';

/** What the SDK's RestError carries for an ARM error body. */
const armError = (statusCode: number, code: string) => ({ statusCode, code });
const same = (a: string | undefined, b: string | undefined) => a?.toLowerCase() === b?.toLowerCase();

void describe('ARM network resources through @azure/arm-network', () => {
  let s: ArmTestServer;
  let network: NetworkManagementClient;
  let subnetId = '';
  let nsgId = '';
  let routeTableId = '';
  let nicId = '';
  let vmId = '';

  before(async () => {
    s = await startArmServer();
    const c = s.clients();
    network = c.network;
    await c.resources.resourceGroups.createOrUpdate(RG, { location: LOC });
    const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet1', {
      location: LOC, addressSpace: { addressPrefixes: ['10.40.0.0/16'] }, subnets: [{ name: 'workload', addressPrefix: '10.40.1.0/24' }],
    }, FAST_POLL);
    subnetId = vnet.subnets?.[0]?.id ?? '';
  });
  after(async () => { await s.close(); });

  void it('an NSG is created with the six default rules (networkSecurityGroups, defaultSecurityRules)', async () => {
    const nsg = await network.networkSecurityGroups.beginCreateOrUpdateAndWait(RG, 'nsg1', { location: LOC }, FAST_POLL);
    nsgId = nsg.id ?? '';
    assert.equal(nsg.provisioningState, 'Succeeded');
    assert.deepEqual(nsg.securityRules, []);
    const defaults = (nsg.defaultSecurityRules ?? []).map((r) => [r.name, r.direction, r.priority, r.access]);
    assert.deepEqual(defaults, [
      ['AllowVnetInBound', 'Inbound', 65000, 'Allow'], ['AllowAzureLoadBalancerInBound', 'Inbound', 65001, 'Allow'], ['DenyAllInBound', 'Inbound', 65500, 'Deny'],
      ['AllowVnetOutBound', 'Outbound', 65000, 'Allow'], ['AllowInternetOutBound', 'Outbound', 65001, 'Allow'], ['DenyAllOutBound', 'Outbound', 65500, 'Deny'],
    ]);
    const listed = [];
    for await (const r of network.defaultSecurityRules.list(RG, 'nsg1')) listed.push(r.name);
    assert.equal(listed.length, 6);
    const one = await network.defaultSecurityRules.get(RG, 'NSG1', 'denyallinbound');
    assert.equal(one.name, 'DenyAllInBound');
    assert.equal(one.priority, 65500);
    // FastRoute's bookkeeping never reaches the wire, also inside the inline default rules.
    const raw = await s.arm('GET', `${MN}/networkSecurityGroups/nsg1${API}`);
    assert.equal(raw.status, 200);
    assert.doesNotMatch(raw.text, /"fr"/);
    const all = [];
    for await (const n of network.networkSecurityGroups.listAll()) all.push(n.name);
    assert.deepEqual(all, ['nsg1']);
  });

  void it('security rules: create, update, list and delete (securityRules)', async () => {
    const created = await network.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg1', 'allow-ssh', {
      protocol: 'Tcp', access: 'Allow', direction: 'Inbound', priority: 200,
      sourceAddressPrefix: '10.0.0.0/8', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '22',
    }, FAST_POLL);
    assert.equal(created.provisioningState, 'Succeeded');
    assert.equal(created.priority, 200);
    await network.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg1', 'temp', {
      protocol: '*', access: 'Deny', direction: 'Outbound', priority: 300, sourceAddressPrefix: '*', destinationAddressPrefix: 'Internet',
      sourcePortRange: '*', destinationPortRange: '*',
    }, FAST_POLL);
    const updated = await network.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg1', 'allow-ssh', { ...created, priority: 210 }, FAST_POLL);
    assert.equal(updated.priority, 210);
    const names = [];
    for await (const r of network.securityRules.list(RG, 'nsg1')) names.push(r.name);
    assert.deepEqual(names, ['allow-ssh', 'temp']);
    await network.securityRules.beginDeleteAndWait(RG, 'nsg1', 'temp', FAST_POLL);
    await assert.rejects(network.securityRules.get(RG, 'nsg1', 'temp'), { statusCode: 404 });
    const nsg = await network.networkSecurityGroups.get(RG, 'nsg1');
    assert.deepEqual(nsg.securityRules?.map((r) => [r.name, r.priority]), [['allow-ssh', 210]]);
    assert.equal(nsg.defaultSecurityRules?.length, 6);
  });

  void it('rule errors carry NRP codes: bad priority, bad prefix, conflicting priority', async () => {
    const rule = { protocol: 'Tcp', access: 'Allow', direction: 'Inbound', sourceAddressPrefix: '*', destinationAddressPrefix: '*', sourcePortRange: '*', destinationPortRange: '443' };
    await assert.rejects(network.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg1', 'r1', { ...rule, priority: 5000 }, FAST_POLL),
      armError(400, 'SecurityRuleInvalidPriority'));
    await assert.rejects(network.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg1', 'r1', { ...rule, priority: 400, sourceAddressPrefix: '10.0.0.300/8' }, FAST_POLL),
      armError(400, 'SecurityRuleInvalidAddressPrefix'));
    await assert.rejects(network.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg1', 'r1', { ...rule, priority: 400, sourceAddressPrefix: '20.20.20.20/16' }, FAST_POLL),
      armError(400, 'SecurityRuleInvalidAddressPrefix'));
    await assert.rejects(network.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg1', 'r1', { ...rule, priority: 210 }, FAST_POLL),
      armError(400, 'SecurityRuleConflict'));
    await assert.rejects(network.securityRules.get(RG, 'nsg1', 'r1'), { statusCode: 404 });
  });

  void it('route tables and routes; VirtualAppliance needs nextHopIpAddress (routeTables, routes)', async () => {
    const table = await network.routeTables.beginCreateOrUpdateAndWait(RG, 'rt1', {
      location: LOC, routes: [{ name: 'to-onprem', addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualNetworkGateway' }],
    }, FAST_POLL);
    routeTableId = table.id ?? '';
    assert.equal(table.provisioningState, 'Succeeded');
    assert.equal(table.disableBgpRoutePropagation, false);
    assert.deepEqual(table.routes?.map((r) => r.name), ['to-onprem']);
    await assert.rejects(network.routes.beginCreateOrUpdateAndWait(RG, 'rt1', 'to-nva', { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance' }, FAST_POLL),
      armError(400, 'InvalidNextHopIpAddress'));
    await assert.rejects(network.routes.beginCreateOrUpdateAndWait(RG, 'rt1', 'bad', { addressPrefix: '10.1.0.0/33', nextHopType: 'None' }, FAST_POLL),
      armError(400, 'InvalidAddressPrefixFormat'));
    const route = await network.routes.beginCreateOrUpdateAndWait(RG, 'rt1', 'to-nva', { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.40.2.4' }, FAST_POLL);
    assert.equal(route.nextHopIpAddress, '10.40.2.4');
    assert.equal(route.provisioningState, 'Succeeded');
    const names = [];
    for await (const r of network.routes.list(RG, 'rt1')) names.push(r.name);
    assert.deepEqual(names, ['to-nva', 'to-onprem']);
    await network.routes.beginDeleteAndWait(RG, 'rt1', 'to-onprem', FAST_POLL);
    await assert.rejects(network.routes.get(RG, 'rt1', 'to-onprem'), { statusCode: 404 });
    const tables = [];
    for await (const t of network.routeTables.list(RG)) tables.push([t.name, t.routes?.length]);
    assert.deepEqual(tables, [['rt1', 1]]);
  });

  void it('a subnet takes the NSG and the route table through the subnets API; both show it back', async () => {
    const subnet = await network.subnets.beginCreateOrUpdateAndWait(RG, 'vnet1', 'workload', {
      addressPrefix: '10.40.1.0/24', networkSecurityGroup: { id: nsgId }, routeTable: { id: routeTableId },
    }, FAST_POLL);
    assert.ok(same(subnet.networkSecurityGroup?.id, nsgId));
    assert.ok(same(subnet.routeTable?.id, routeTableId));
    const nsg = await network.networkSecurityGroups.get(RG, 'nsg1');
    assert.deepEqual(nsg.subnets?.map((x) => x.id?.toLowerCase()), [subnetId.toLowerCase()]);
    const table = await network.routeTables.get(RG, 'rt1');
    assert.deepEqual(table.subnets?.map((x) => x.id?.toLowerCase()), [subnetId.toLowerCase()]);
    await assert.rejects(network.routeTables.beginDeleteAndWait(RG, 'rt1', FAST_POLL), armError(400, 'InUseRouteTableCannotBeDeleted'));
    await assert.rejects(network.networkSecurityGroups.beginDeleteAndWait(RG, 'nsg1', FAST_POLL), armError(400, 'InUseNetworkSecurityGroupCannotBeDeleted'));
  });

  void it('a NIC in the subnet appears in the subnet ipConfigurations; a VM is placed on it (Microsoft.Compute)', async () => {
    const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'nic1', {
      location: LOC, ipConfigurations: [{ name: 'ipconfig1', subnet: { id: subnetId }, privateIPAllocationMethod: 'Dynamic' }],
    }, FAST_POLL);
    nicId = nic.id ?? '';
    assert.equal(nic.provisioningState, 'Succeeded');
    assert.equal(nic.ipConfigurations?.[0]?.privateIPAddress, '10.40.1.4');
    assert.equal(nic.ipConfigurations?.[0]?.privateIPAllocationMethod, 'Dynamic');
    const subnet = await network.subnets.get(RG, 'vnet1', 'workload');
    assert.deepEqual(subnet.ipConfigurations?.map((x) => x.id?.toLowerCase()), [`${nicId}/ipConfigurations/ipconfig1`.toLowerCase()]);

    // No @azure/arm-compute in the project: the VM goes over raw HTTPS, as the SDK would send it.
    const put = await s.arm('PUT', `${VM_PATH}${VM_API}`, {
      location: LOC,
      properties: {
        hardwareProfile: { vmSize: 'Standard_B1s' },
        storageProfile: { imageReference: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' } },
        osProfile: { computerName: 'vm1', adminUsername: 'azureuser' },
        networkProfile: { networkInterfaces: [{ id: nicId, properties: { primary: true } }] },
      },
    });
    assert.equal(put.status, 201, put.text);
    assert.match(String(put.headers['azure-asyncoperation']), /\/providers\/Microsoft\.Compute\/locations\/eastus\/operations\//);
    const vm = await s.arm('GET', `${VM_PATH}${VM_API}`);
    assert.equal(vm.status, 200);
    const vmBody = vm.body as { id: string; type: string; properties: { provisioningState: string; hardwareProfile: { vmSize: string } } };
    vmId = vmBody.id;
    assert.equal(vmBody.type, 'Microsoft.Compute/virtualMachines');
    assert.equal(vmBody.properties.provisioningState, 'Succeeded');
    assert.equal(vmBody.properties.hardwareProfile.vmSize, 'Standard_B1s');
    const listed = await s.arm('GET', `${SUB}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachines${VM_API}`);
    assert.deepEqual((listed.body as { value: { name: string }[] }).value.map((v) => v.name), ['vm1']);
    const held = await network.networkInterfaces.get(RG, 'nic1');
    assert.ok(same(held.virtualMachine?.id, vmId));
    await assert.rejects(network.networkInterfaces.beginDeleteAndWait(RG, 'nic1', FAST_POLL), armError(400, 'NicInUse'));
  });

  void it('effective routes and effective NSGs through the SDK pollers (202 + Location)', async () => {
    const raw = await s.arm('POST', `${MN}/networkInterfaces/nic1/effectiveRouteTable${API}`);
    assert.equal(raw.status, 202);
    assert.match(String(raw.headers.location), /\/operationResults\//);
    assert.equal(raw.headers['retry-after'], '1');

    const routes = await network.networkInterfaces.beginGetEffectiveRouteTableAndWait(RG, 'nic1', FAST_POLL);
    const value = routes.value ?? [];
    const vnetLocal = value.find((r) => r.nextHopType === 'VnetLocal');
    assert.deepEqual([vnetLocal?.source, vnetLocal?.state, vnetLocal?.addressPrefix], ['Default', 'Active', ['10.40.0.0/16']]);
    const udr = value.find((r) => r.source === 'User');
    assert.deepEqual([udr?.state, udr?.addressPrefix, udr?.nextHopType, udr?.nextHopIpAddress], ['Active', ['0.0.0.0/0'], 'VirtualAppliance', ['10.40.2.4']]);

    const nsgs = await network.networkInterfaces.beginListEffectiveNetworkSecurityGroupsAndWait(RG, 'nic1', FAST_POLL);
    assert.equal(nsgs.value?.length, 1);
    const held = nsgs.value?.[0];
    assert.ok(same(held?.networkSecurityGroup?.id, nsgId));
    assert.ok(same(held?.association?.subnet?.id, subnetId));
    const rules = held?.effectiveSecurityRules?.map((r) => r.name) ?? [];
    assert.ok(rules.includes('securityRules/allow-ssh'), rules.join());
    assert.ok(rules.includes('defaultSecurityRules/DenyAllInBound'), rules.join());
    const ssh = held?.effectiveSecurityRules?.find((r) => r.name === 'securityRules/allow-ssh');
    assert.deepEqual([ssh?.protocol, ssh?.destinationPortRange, ssh?.priority], ['Tcp', '22-22', 210]);
  });

  void it('Network Watcher nextHop and ipFlowVerify answer from routing and the NSGs', async () => {
    const nw = network.networkWatchers;
    const out = await nw.beginGetNextHopAndWait(RG, 'NetworkWatcher_eastus', { targetResourceId: vmId, sourceIPAddress: '10.40.1.4', destinationIPAddress: '8.8.8.8' }, FAST_POLL);
    assert.deepEqual([out.nextHopType, out.nextHopIpAddress, out.routeTableId?.toLowerCase()], ['VirtualAppliance', '10.40.2.4', routeTableId.toLowerCase()]);
    const local = await nw.beginGetNextHopAndWait(RG, 'any-name', { targetResourceId: vmId, sourceIPAddress: '10.40.1.4', destinationIPAddress: '10.40.1.9' }, FAST_POLL);
    assert.deepEqual([local.nextHopType, local.routeTableId], ['VnetLocal', 'System Route']);

    const flow = { targetResourceId: vmId, localIPAddress: '10.40.1.4', localPort: '22', remotePort: '50000' };
    const allowed = await nw.beginVerifyIPFlowAndWait(RG, 'NetworkWatcher_eastus', { ...flow, direction: 'Inbound', protocol: 'TCP', remoteIPAddress: '10.1.2.3' }, FAST_POLL);
    assert.deepEqual([allowed.access, allowed.ruleName], ['Allow', 'securityRules/allow-ssh']);
    const denied = await nw.beginVerifyIPFlowAndWait(RG, 'NetworkWatcher_eastus', { ...flow, direction: 'Inbound', protocol: 'TCP', remoteIPAddress: '203.0.113.5' }, FAST_POLL);
    assert.deepEqual([denied.access, denied.ruleName], ['Deny', 'defaultSecurityRules/DenyAllInBound']);

    // Bad parameters are refused at once, before anything is polled.
    await assert.rejects(nw.beginVerifyIPFlowAndWait(RG, 'nw', { ...flow, direction: 'Sideways', protocol: 'TCP', remoteIPAddress: '10.1.2.3' }, FAST_POLL), armError(400, 'InvalidRequestFormat'));
    await assert.rejects(nw.beginGetNextHopAndWait(RG, 'nw', { targetResourceId: vmId, sourceIPAddress: '10.40.1.99', destinationIPAddress: '8.8.8.8' }, FAST_POLL), armError(400, 'InvalidRequestFormat'));
    await assert.rejects(nw.beginGetNextHopAndWait('no-such-rg', 'nw', { targetResourceId: vmId, sourceIPAddress: '10.40.1.4', destinationIPAddress: '8.8.8.8' }, FAST_POLL), armError(404, 'ResourceGroupNotFound'));
    await assert.rejects(nw.beginGetNextHopAndWait(RG, 'nw', { targetResourceId: `${VM_PATH}-missing`, sourceIPAddress: '10.40.1.4', destinationIPAddress: '8.8.8.8' }, FAST_POLL), armError(404, 'ResourceNotFound'));
  });

  void it('deleting a subnet in use is InUseSubnetCannotBeDeleted', async () => {
    await assert.rejects(network.subnets.beginDeleteAndWait(RG, 'vnet1', 'workload', FAST_POLL), armError(400, 'InUseSubnetCannotBeDeleted'));
    const subnet = await network.subnets.get(RG, 'vnet1', 'workload');
    assert.equal(subnet.provisioningState, 'Succeeded');
  });

  void it('missing things are ResourceNotFound / ResourceGroupNotFound', async () => {
    await assert.rejects(network.networkSecurityGroups.get(RG, 'nope'), armError(404, 'ResourceNotFound'));
    await assert.rejects(network.routeTables.get(RG, 'nope'), armError(404, 'ResourceNotFound'));
    await assert.rejects(network.networkInterfaces.get(RG, 'nope'), armError(404, 'ResourceNotFound'));
    await assert.rejects(network.networkInterfaces.beginGetEffectiveRouteTableAndWait(RG, 'nope', FAST_POLL), armError(404, 'ResourceNotFound'));
    await assert.rejects(network.networkInterfaces.beginListEffectiveNetworkSecurityGroupsAndWait(RG, 'nope', FAST_POLL), armError(404, 'ResourceNotFound'));
    await assert.rejects(network.defaultSecurityRules.get(RG, 'nsg1', 'nope'), armError(404, 'ResourceNotFound'));
    await assert.rejects(network.networkSecurityGroups.get('no-such-rg', 'nsg1'), armError(404, 'ResourceGroupNotFound'));
    const vm = await s.arm('GET', `${VM_PATH}-missing${VM_API}`);
    assert.deepEqual([vm.status, (vm.body as { error: { code: string } }).error.code], [404, 'ResourceNotFound']);
    // ARM answers a DELETE of something absent with 204.
    const gone = await s.arm('DELETE', `${MN}/networkSecurityGroups/nope${API}`);
    assert.equal(gone.status, 204);
  });

  void it('a malformed body (wrong type) is 400 InvalidRequestFormat and leaves the stored resource unchanged', async () => {
    const cases: [string, unknown][] = [
      [`${MN}/networkSecurityGroups/nsg1`, { location: LOC, properties: { securityRules: [{ name: 'x', properties: { protocol: 'Tcp', priority: 'high' } }] } }],
      [`${MN}/networkSecurityGroups/nsg1/securityRules/allow-ssh`, { properties: { protocol: 'Tcp', access: 'Allow', direction: 'Inbound', priority: 100, sourceAddressPrefixes: '10.0.0.0/8' } }],
      [`${MN}/routeTables/rt1`, { location: LOC, properties: { routes: 'none' } }],
      [`${MN}/routeTables/rt1/routes/to-nva`, { properties: { addressPrefix: ['0.0.0.0/0'], nextHopType: 'None' } }],
      [`${MN}/networkInterfaces/nic1`, { location: LOC, properties: { ipConfigurations: [{ name: 'ipconfig1', properties: { subnet: { id: subnetId }, privateIPAllocationMethod: 'Sometimes' } }] } }],
      [VM_PATH, { location: LOC, properties: { networkProfile: { networkInterfaces: { id: nicId } } } }],
    ];
    for (const [path, body] of cases) {
      const api = path === VM_PATH ? VM_API : API;
      const before = await s.arm('GET', `${path}${api}`);
      assert.equal(before.status, 200, path);
      const res = await s.arm('PUT', `${path}${api}`, body);
      assert.equal(res.status, 400, `${path}: ${res.text}`);
      assert.equal((res.body as { error: { code: string } }).error.code, 'InvalidRequestFormat', path);
      const afterwards = await s.arm('GET', `${path}${api}`);
      assert.deepEqual(afterwards.body, before.body, path);
    }
  });

  void it('teardown in the order ARM requires: VM, NIC, subnet association, NSG and route table', async () => {
    const del = await s.arm('DELETE', `${VM_PATH}${VM_API}`);
    assert.equal(del.status, 202);
    assert.ok(del.headers.location !== undefined);
    const nic = await network.networkInterfaces.get(RG, 'nic1');
    assert.equal(nic.virtualMachine, undefined);
    await network.networkInterfaces.beginDeleteAndWait(RG, 'nic1', FAST_POLL);
    await network.subnets.beginCreateOrUpdateAndWait(RG, 'vnet1', 'workload', { addressPrefix: '10.40.1.0/24' }, FAST_POLL);
    await network.networkSecurityGroups.beginDeleteAndWait(RG, 'nsg1', FAST_POLL);
    await network.routeTables.beginDeleteAndWait(RG, 'rt1', FAST_POLL);
    await network.subnets.beginDeleteAndWait(RG, 'vnet1', 'workload', FAST_POLL);
    await assert.rejects(network.networkSecurityGroups.get(RG, 'nsg1'), armError(404, 'ResourceNotFound'));
    await assert.rejects(network.routeTables.get(RG, 'rt1'), armError(404, 'ResourceNotFound'));
  });
});
