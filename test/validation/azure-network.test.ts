// Azure (Microsoft.Network) validation of resource names, resource groups, VNets, subnets and
// NICs, with ARM's codes. Every rejection must leave the world (memory and disk) as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteSubnet, deleteVirtualNetwork, putSubnet, putVirtualNetwork, type VirtualNetworkBody } from '../../src/lifecycle/azure/vnet.ts';
import { putNetworkInterface } from '../../src/lifecycle/azure/nic.ts';
import type { Tx } from '../../src/model/tx.ts';
import {
  AZ, LOCATION, RG, azureBase, azureBadRequest, erGateway, expectRejected, mutate, nic, openEngine, resourceGroup,
} from '../helpers/validation-fixtures.ts';

const NET_KINDS = ['azure.VirtualNetwork', 'azure.Subnet'] as const;
const vnetBody = (addressPrefixes: string[], subnets?: { name: string; prefix: string }[]): VirtualNetworkBody => ({
  location: LOCATION,
  properties: { addressSpace: { addressPrefixes }, ...(subnets ? { subnets: subnets.map((s) => ({ name: s.name, properties: { addressPrefix: s.prefix } })) } : {}) },
});
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// ── names, resource groups, locations ────────────────────────────────────────────────────────────

void test('ARM: an invalid resource name is 400 InvalidResourceName (trailing "-", 81 characters, leading "-")', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  for (const name of ['vnet-', 'v'.repeat(81), '-vnet', 'vnet.']) {
    await expectRejected(engine, (tx) => putVirtualNetwork(tx, AZ, RG, name, vnetBody(['10.20.0.0/16'])),
      azureBadRequest('InvalidResourceName', new RegExp(`Resource name ${esc(name)} is invalid\\. The name can be up to 80 characters long`)), NET_KINDS);
  }
  const ok = await mutate(engine, (tx) => [putVirtualNetwork(tx, AZ, RG, 'v'.repeat(80), vnetBody(['10.20.0.0/16'])).name, putVirtualNetwork(tx, AZ, RG, 'vnet_', vnetBody(['10.21.0.0/16'])).name]);
  assert.deepEqual(ok, ['v'.repeat(80), 'vnet_']);
});

void test('ARM: an invalid subnet name is rejected too, and the VNet PUT carrying it creates nothing', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  await expectRejected(engine, (tx) => putVirtualNetwork(tx, AZ, RG, 'vnet', vnetBody(['10.20.0.0/16'], [{ name: 'app-', prefix: '10.20.1.0/24' }])),
    azureBadRequest('InvalidResourceName', /Resource name app- is invalid/), NET_KINDS);
});

void test('ARM: a PUT into a resource group that does not exist is 404 ResourceGroupNotFound', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  await expectRejected(engine, (tx) => putVirtualNetwork(tx, AZ, 'nope', 'vnet', vnetBody(['10.20.0.0/16'])),
    { cloud: 'azure', status: 404, code: 'ResourceGroupNotFound', message: /Resource group 'nope' could not be found\./ }, NET_KINDS);
});

void test('ARM: a new resource without a location is 400 LocationRequired', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  await expectRejected(engine, (tx) => putVirtualNetwork(tx, AZ, RG, 'vnet', { properties: { addressSpace: { addressPrefixes: ['10.20.0.0/16'] } } }),
    azureBadRequest('LocationRequired', /The location property is required for this definition/), NET_KINDS);
});

void test('ARM: deleting a VNet that does not exist is 404 ResourceNotFound', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  await expectRejected(engine, (tx) => { deleteVirtualNetwork(tx, AZ, RG, 'nope'); },
    { cloud: 'azure', status: 404, code: 'ResourceNotFound', message: /The Resource 'Microsoft\.Network\/virtualNetworks\/nope' under resource group 'rg' was not found/ }, NET_KINDS);
});

// ── VNet address space ───────────────────────────────────────────────────────────────────────────

void test('VNet: an address prefix that cannot be parsed is 400 InvalidAddressPrefixFormat', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  for (const bad of ['10.10.0.0./16', '10.0.0.0/33', '10.0.0.256/16', 'vnet-space']) {
    await expectRejected(engine, (tx) => putVirtualNetwork(tx, AZ, RG, 'vnet', vnetBody([bad])),
      azureBadRequest('InvalidAddressPrefixFormat', new RegExp(`Address prefix ${esc(bad)} of resource .*/virtualNetworks/vnet is not formatted correctly\\. It should follow CIDR notation`)), NET_KINDS);
  }
});

void test('VNet: host bits set is 400 InvalidCIDRNotation and the message shows the corrected prefix', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  await expectRejected(engine, (tx) => putVirtualNetwork(tx, AZ, RG, 'vnet', vnetBody(['10.216.52.0/21'])),
    azureBadRequest('InvalidCIDRNotation', /The address prefix 10\.216\.52\.0\/21 in resource .*\/virtualNetworks\/vnet has an invalid CIDR notation\. For the given prefix length, the address prefix should be 10\.216\.48\.0\/21\./), NET_KINDS);
});

void test('VNet: changing an address prefix of an existing VNet to a malformed one keeps the old address space', async (t) => {
  const engine = await openEngine(t);
  const { vnetId } = await azureBase(engine);
  await expectRejected(engine, (tx) => putVirtualNetwork(tx, AZ, RG, 'vnet', vnetBody(['10.20.0.1/16'])), azureBadRequest('InvalidCIDRNotation', /should be 10\.20\.0\.0\/16/), NET_KINDS);
  assert.deepEqual(await engine.read((v) => v.get('azure.VirtualNetwork', vnetId)?.properties.addressSpace.addressPrefixes), ['10.20.0.0/16']);
});

// ── subnets ──────────────────────────────────────────────────────────────────────────────────────

void test('Subnet: a prefix outside the VNet is 400 NetcfgSubnetRangeOutsideVnet (inline and through PUT subnet)', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  const message = /Subnet 'app' is not valid because its IP address range is outside the IP address range of virtual network 'vnet'\./;
  await expectRejected(engine, (tx) => putVirtualNetwork(tx, AZ, RG, 'vnet', vnetBody(['10.20.0.0/16'], [{ name: 'app', prefix: '10.30.1.0/24' }])),
    azureBadRequest('NetcfgSubnetRangeOutsideVnet', message), NET_KINDS);
  await mutate(engine, (tx) => putVirtualNetwork(tx, AZ, RG, 'vnet', vnetBody(['10.20.0.0/16'])));
  await expectRejected(engine, (tx) => putSubnet(tx, AZ, RG, 'vnet', 'app', { properties: { addressPrefix: '10.20.0.0/15' } }),
    azureBadRequest('NetcfgSubnetRangeOutsideVnet', message), NET_KINDS);
});

void test('Subnet: overlapping subnets are 400 NetcfgSubnetRangesOverlap, inline in the VNet PUT', async (t) => {
  const engine = await openEngine(t);
  await resourceGroup(engine);
  await expectRejected(engine, (tx) => putVirtualNetwork(tx, AZ, RG, 'vnet', vnetBody(['10.20.0.0/16'], [{ name: 'app', prefix: '10.20.1.0/24' }, { name: 'db', prefix: '10.20.1.128/25' }])),
    azureBadRequest('NetcfgSubnetRangesOverlap', /Subnet 'db' is not valid because its IP address range overlaps with that of an existing subnet 'app' in virtual network 'vnet'/), NET_KINDS);
  assert.deepEqual(await engine.read((v) => v.list('azure.VirtualNetwork')), []);
});

void test('Subnet: overlapping subnets are 400 NetcfgSubnetRangesOverlap through PUT subnet', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  await expectRejected(engine, (tx) => putSubnet(tx, AZ, RG, 'vnet', 'db', { properties: { addressPrefix: '10.20.1.0/25' } }),
    azureBadRequest('NetcfgSubnetRangesOverlap', /Subnet 'db' is not valid because its IP address range overlaps with that of an existing subnet 'app'/), NET_KINDS);
  // Re-PUT of the same subnet with its own prefix is not an overlap with itself.
  const again = await mutate(engine, (tx) => putSubnet(tx, AZ, RG, 'vnet', 'app', { properties: { addressPrefix: '10.20.1.0/24' } }));
  assert.equal(again.properties.addressPrefix, '10.20.1.0/24');
});

void test('Subnet: a valid subnet and an overlapping one in the same request leave neither', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  await expectRejected(engine, (tx) => {
    putSubnet(tx, AZ, RG, 'vnet', 'db', { properties: { addressPrefix: '10.20.2.0/24' } });
    putSubnet(tx, AZ, RG, 'vnet', 'cache', { properties: { addressPrefix: '10.20.2.0/26' } });
  }, azureBadRequest('NetcfgSubnetRangesOverlap', /Subnet 'cache' .* existing subnet 'db'/), NET_KINDS);
  assert.deepEqual((await engine.read((v) => v.list('azure.Subnet').map((s) => s.name))).sort(), ['GatewaySubnet', 'app']);
});

void test('Subnet: deleting a subnet a NIC uses is 400 InUseSubnetCannotBeDeleted naming the ip configuration', async (t) => {
  const engine = await openEngine(t);
  const { appSubnetId } = await azureBase(engine);
  const nicId = await nic(engine, 'vm1-nic', appSubnetId);
  const message = new RegExp(`Subnet app is in use by ${esc(nicId)}/ipConfigurations/ipconfig1 and cannot be deleted\\. In order to delete the subnet, delete all the resources within the subnet`);
  await expectRejected(engine, (tx) => { deleteSubnet(tx, AZ, RG, 'vnet', 'app'); }, azureBadRequest('InUseSubnetCannotBeDeleted', message), [...NET_KINDS, 'azure.NetworkInterface']);
  // Dropping it from an inline VNet PUT is the same delete.
  await expectRejected(engine, (tx) => putVirtualNetwork(tx, AZ, RG, 'vnet', vnetBody(['10.20.0.0/16'], [{ name: 'GatewaySubnet', prefix: '10.20.255.0/27' }])),
    azureBadRequest('InUseSubnetCannotBeDeleted', message), [...NET_KINDS, 'azure.NetworkInterface']);
});

void test('VNet: deleting a VNet whose GatewaySubnet holds a gateway is 400 InUseSubnetCannotBeDeleted', async (t) => {
  const engine = await openEngine(t);
  const { vnetId, gatewaySubnetId } = await azureBase(engine);
  const gatewayId = await erGateway(engine, gatewaySubnetId);
  await expectRejected(engine, (tx) => { deleteVirtualNetwork(tx, AZ, RG, 'vnet'); },
    azureBadRequest('InUseSubnetCannotBeDeleted', new RegExp(`Subnet GatewaySubnet is in use by ${esc(gatewayId)}/ipConfigurations/default and cannot be deleted`)),
    [...NET_KINDS, 'azure.VirtualNetworkGateway']);
  assert.equal(await engine.read((v) => v.get('azure.VirtualNetwork', vnetId)?.properties.provisioningState), 'Succeeded');
});

// ── NICs ─────────────────────────────────────────────────────────────────────────────────────────

function putNic(name: string, subnetId: string, privateIPAddress?: string) {
  return (tx: Tx) => putNetworkInterface(tx, AZ, RG, name, {
    location: LOCATION,
    properties: { ipConfigurations: [{ name: 'ipconfig1', properties: { subnet: { id: subnetId }, ...(privateIPAddress === undefined ? {} : { privateIPAddress, privateIPAllocationMethod: 'Static' as const }) } }] },
  });
}

const NIC_KINDS = ['azure.NetworkInterface'] as const;

void test('NIC: a NIC in the GatewaySubnet is 400 GatewaySubnet', async (t) => {
  const engine = await openEngine(t);
  const { gatewaySubnetId } = await azureBase(engine);
  await expectRejected(engine, putNic('nic', gatewaySubnetId),
    azureBadRequest('GatewaySubnet', /Subnet with name 'GatewaySubnet' can be used only for the Gateway resource\./), NIC_KINDS);
});

void test('NIC: a private IP outside the subnet is 400 PrivateIPAddressNotInSubnet', async (t) => {
  const engine = await openEngine(t);
  const { appSubnetId } = await azureBase(engine);
  await expectRejected(engine, putNic('nic', appSubnetId, '10.20.2.10'),
    azureBadRequest('PrivateIPAddressNotInSubnet', new RegExp(`IP address 10\\.20\\.2\\.10 does not belong to subnet ${esc(appSubnetId)}`)), NIC_KINDS);
});

// Real ARM answers PrivateIPAddressInReservedRange (Microsoft's "common deployment errors" table;
// a Terraform log: StatusCode=400 Code="PrivateIPAddressInReservedRange" Message="Private static IP
// address 10.10.100.31 falls within reserved...").
void test('NIC: the first four addresses and the last one are reserved: 400 PrivateIPAddressInReservedRange', async (t) => {
  const engine = await openEngine(t);
  const { appSubnetId } = await azureBase(engine);
  for (const ip of ['10.20.1.0', '10.20.1.1', '10.20.1.2', '10.20.1.3', '10.20.1.255']) {
    await expectRejected(engine, putNic('nic', appSubnetId, ip), azureBadRequest('PrivateIPAddressInReservedRange', new RegExp(esc(ip))), NIC_KINDS);
  }
});

void test('NIC: the first usable address is .4 (control for the reserved range)', async (t) => {
  const engine = await openEngine(t);
  const { appSubnetId } = await azureBase(engine);
  await nic(engine, 'static', appSubnetId, '10.20.1.4');
  await nic(engine, 'dynamic', appSubnetId);
  const ips = await engine.read((v) => Object.fromEntries(v.list('azure.NetworkInterface').map((n) => [n.name, n.properties.ipConfigurations[0]?.properties.privateIPAddress])));
  assert.deepEqual(ips, { static: '10.20.1.4', dynamic: '10.20.1.5' });
});

// Real ARM answers PrivateIPAddressIsAllocated with this very message ("IP configuration ... is
// using the private IP address 10.2.1.5 which is already allocated to resource ..."; seen with
// HTTP 400 in F5Networks/terraform-azure-bigip-module#63 and daniel-rhoades/acs-engine-terraform#10).

void test('NIC: a private IP another NIC holds is 400 PrivateIPAddressIsAllocated', async (t) => {
  const engine = await openEngine(t);
  const { appSubnetId } = await azureBase(engine);
  await nic(engine, 'first', appSubnetId, '10.20.1.10');
  await expectRejected(engine, putNic('second', appSubnetId, '10.20.1.10'),
    azureBadRequest('PrivateIPAddressIsAllocated', /is using the private IP address 10\.20\.1\.10 which is already allocated/), NIC_KINDS);
});
