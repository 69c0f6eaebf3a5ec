// Azure NSG rules, route tables and ExpressRoute virtual network gateways: ARM's validation codes,
// and that nothing changes when a request is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteNetworkSecurityGroup, putNetworkSecurityGroup, putSecurityRule, type SecurityRuleInput } from '../../src/lifecycle/azure/nsg.ts';
import { deleteRouteTable, putRoute, putRouteTable } from '../../src/lifecycle/azure/route-table.ts';
import { putSubnet } from '../../src/lifecycle/azure/vnet.ts';
import { putVirtualNetworkGateway } from '../../src/lifecycle/azure/gateway.ts';
import {
  AZ, LOCATION, RG, azureBase, azureBadRequest, erGateway, expectRejected, gatewayBody, mutate, openEngine, vnetWithGatewaySubnet,
} from '../helpers/validation-fixtures.ts';

const NSG_KINDS = ['azure.NetworkSecurityGroup', 'azure.SecurityRule'] as const;
const rule = (overrides: SecurityRuleInput = {}): SecurityRuleInput => ({
  protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '443', sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: '10.20.1.0/24',
  access: 'Allow', priority: 200, direction: 'Inbound', ...overrides,
});
const nsgWith = (...rules: [string, SecurityRuleInput][]) => ({ location: LOCATION, properties: { securityRules: rules.map(([name, properties]) => ({ name, properties })) } });
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// ── NSG rules ────────────────────────────────────────────────────────────────────────────────────

void test('NSG rule: priority 99 and 4097 are 400 SecurityRuleInvalidPriority; 100 and 4096 are accepted', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  for (const priority of [99, 4097, 0, 150.5]) {
    await expectRejected(engine, (tx) => putNetworkSecurityGroup(tx, AZ, RG, 'nsg', nsgWith(['web', rule({ priority })])),
      azureBadRequest('SecurityRuleInvalidPriority', new RegExp(`Security rule has invalid Priority\\. Value provided: ${esc(String(priority))} Allowed range 100-4096\\.`)), NSG_KINDS);
  }
  await mutate(engine, (tx) => putNetworkSecurityGroup(tx, AZ, RG, 'nsg', nsgWith(['low', rule({ priority: 100 })], ['high', rule({ priority: 4096 })])));
  await expectRejected(engine, (tx) => putSecurityRule(tx, AZ, RG, 'nsg', 'low', { properties: rule({ priority: 99 }) }),
    azureBadRequest('SecurityRuleInvalidPriority', /Value provided: 99/), NSG_KINDS);
  const priorities = await engine.read((v) => v.list('azure.SecurityRule').map((r) => r.properties.priority).sort((a, b) => a - b));
  assert.deepEqual(priorities, [100, 4096]);
});

void test('NSG rule: two rules with the same priority and direction are 400 SecurityRuleConflict (inline and per rule)', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  await expectRejected(engine, (tx) => putNetworkSecurityGroup(tx, AZ, RG, 'nsg', nsgWith(['https', rule()], ['ssh', rule({ destinationPortRange: '22' })])),
    azureBadRequest('SecurityRuleConflict', /Security rule ssh conflicts with rule https\. Rules cannot have the same Priority and Direction\./), NSG_KINDS);
  // Same priority in the other direction is fine.
  await mutate(engine, (tx) => putNetworkSecurityGroup(tx, AZ, RG, 'nsg', nsgWith(['https', rule()], ['out', rule({ direction: 'Outbound' })])));
  await expectRejected(engine, (tx) => putSecurityRule(tx, AZ, RG, 'nsg', 'ssh', { properties: rule({ destinationPortRange: '22' }) }),
    azureBadRequest('SecurityRuleConflict', /Security rule ssh conflicts with rule https/), NSG_KINDS);
});

void test('NSG rule: a bad port range is 400 SecurityRuleInvalidPortRange', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  for (const bad of ['100-50', '70000', 'https', '80,443']) {
    await expectRejected(engine, (tx) => putNetworkSecurityGroup(tx, AZ, RG, 'nsg', nsgWith(['web', rule({ destinationPortRange: bad })])),
      azureBadRequest('SecurityRuleInvalidPortRange', new RegExp(`Security rule has invalid Port range\\. Value provided: ${esc(bad)}\\. Value should be an integer OR integer range`)), NSG_KINDS);
  }
  await expectRejected(engine, (tx) => putNetworkSecurityGroup(tx, AZ, RG, 'nsg', nsgWith(['web', rule({ destinationPortRanges: ['443', '9000-8000'] })])),
    azureBadRequest('SecurityRuleInvalidPortRange', /Value provided: 9000-8000/), NSG_KINDS);
});

void test('NSG rule: an unknown protocol is 400 SecurityRuleInvalidProtocol', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  for (const protocol of ['HTTP', '6']) {
    await expectRejected(engine, (tx) => putNetworkSecurityGroup(tx, AZ, RG, 'nsg', nsgWith(['web', rule({ protocol: protocol as SecurityRuleInput['protocol'] })])),
      azureBadRequest('SecurityRuleInvalidProtocol', new RegExp(`Security rule has invalid Protocol\\. Value provided: ${protocol}`)), NSG_KINDS);
  }
});

void test('NSG: a good rule and a bad one in one request leave neither (nor the NSG)', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  await expectRejected(engine, (tx) => {
    putNetworkSecurityGroup(tx, AZ, RG, 'nsg', nsgWith(['https', rule()]));
    putSecurityRule(tx, AZ, RG, 'nsg', 'ssh', { properties: rule({ priority: 300, destinationPortRange: '22-21' }) });
  }, azureBadRequest('SecurityRuleInvalidPortRange', /Value provided: 22-21/), NSG_KINDS);
  assert.deepEqual(await engine.read((v) => [v.list('azure.NetworkSecurityGroup').length, v.list('azure.SecurityRule').length]), [0, 0]);
});

void test('NSG: deleting an NSG associated with a subnet is 400 InUseNetworkSecurityGroupCannotBeDeleted', async (t) => {
  const engine = await openEngine(t);
  const { appSubnetId } = await azureBase(engine);
  const nsg = await mutate(engine, (tx) => putNetworkSecurityGroup(tx, AZ, RG, 'nsg', nsgWith(['https', rule()])));
  await mutate(engine, (tx) => putSubnet(tx, AZ, RG, 'vnet', 'app', { properties: { addressPrefix: '10.20.1.0/24', networkSecurityGroup: { id: nsg.id } } }));
  await expectRejected(engine, (tx) => { deleteNetworkSecurityGroup(tx, AZ, RG, 'nsg'); },
    azureBadRequest('InUseNetworkSecurityGroupCannotBeDeleted', new RegExp(`Network security group ${esc(nsg.id)} cannot be deleted because it is in use by the following resources: ${esc(appSubnetId)}`)),
    [...NSG_KINDS, 'azure.Subnet']);
});

// ── route tables ─────────────────────────────────────────────────────────────────────────────────

void test('Route table: deleting one associated with a subnet is 400 InUseRouteTableCannotBeDeleted', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  const table = await mutate(engine, (tx) => putRouteTable(tx, AZ, RG, 'rt', { location: LOCATION, properties: { routes: [{ name: 'to-oci', properties: { addressPrefix: '10.0.0.0/16', nextHopType: 'VirtualNetworkGateway' } }] } }));
  await mutate(engine, (tx) => putSubnet(tx, AZ, RG, 'vnet', 'app', { properties: { addressPrefix: '10.20.1.0/24', routeTable: { id: table.id } } }));
  await expectRejected(engine, (tx) => { deleteRouteTable(tx, AZ, RG, 'rt'); },
    azureBadRequest('InUseRouteTableCannotBeDeleted', /Route table rt is in use and cannot be deleted\./), ['azure.RouteTable', 'azure.Route', 'azure.Subnet']);
});

void test('Route: next hop VirtualAppliance without a nextHopIpAddress is rejected', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  await mutate(engine, (tx) => putRouteTable(tx, AZ, RG, 'rt', { location: LOCATION }));
  for (const nextHopIpAddress of [undefined, 'firewall']) {
    await expectRejected(engine, (tx) => putRoute(tx, AZ, RG, 'rt', 'default', { properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', ...(nextHopIpAddress === undefined ? {} : { nextHopIpAddress }) } }),
      azureBadRequest('InvalidNextHopIpAddress', /Route default has next hop type VirtualAppliance and requires a valid nextHopIpAddress/), ['azure.Route']);
  }
  const ok = await mutate(engine, (tx) => putRoute(tx, AZ, RG, 'rt', 'default', { properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.20.1.4' } }));
  assert.equal(ok.properties.nextHopIpAddress, '10.20.1.4');
});

// ── ExpressRoute gateways ────────────────────────────────────────────────────────────────────────

const GW_KINDS = ['azure.VirtualNetworkGateway'] as const;

void test('Gateway: an ipConfiguration subnet not named GatewaySubnet is 400 InvalidGatewaySubnet', async (t) => {
  const engine = await openEngine(t);
  const { appSubnetId } = await azureBase(engine);
  await expectRejected(engine, (tx) => putVirtualNetworkGateway(tx, AZ, RG, 'ergw', gatewayBody(appSubnetId)),
    azureBadRequest('InvalidGatewaySubnet', new RegExp(`Subnet ${esc(appSubnetId)} is not named 'GatewaySubnet'`)), GW_KINDS);
});

void test('Gateway: a /30 GatewaySubnet is 400 GatewaySubnetTooSmall', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  const subnetId = await vnetWithGatewaySubnet(engine, 'tiny', '10.40.255.0/30');
  await expectRejected(engine, (tx) => putVirtualNetworkGateway(tx, AZ, RG, 'ergw', gatewayBody(subnetId)),
    azureBadRequest('GatewaySubnetTooSmall', /\(10\.40\.255\.0\/30\) is too small: an ExpressRoute gateway needs \/29 or larger/), GW_KINDS);
});

void test('Gateway: UltraPerformance or ErGw3AZ with a /28 GatewaySubnet is 400 GatewaySubnetTooSmallForExpressrouteUltraPerformanceGatewaySku', async (t) => {
  const engine = await openEngine(t);
  await azureBase(engine);
  const subnetId = await vnetWithGatewaySubnet(engine, 'small', '10.40.255.0/28');
  for (const sku of ['UltraPerformance', 'ErGw3AZ']) {
    await expectRejected(engine, (tx) => putVirtualNetworkGateway(tx, AZ, RG, 'ergw', gatewayBody(subnetId, sku)),
      azureBadRequest('GatewaySubnetTooSmallForExpressrouteUltraPerformanceGatewaySku', new RegExp(`To deploy an Expressroute UltraPerformance gateway SKU, the GatewaySubnet ${esc(subnetId)} must be /27 or larger\\.`)), GW_KINDS);
  }
  // A smaller SKU fits in the /28.
  await erGateway(engine, subnetId, 'ergw', 'ErGw1AZ');
});

void test('Gateway: a second ExpressRoute gateway in one VNet is rejected', async (t) => {
  const engine = await openEngine(t);
  const { gatewaySubnetId } = await azureBase(engine);
  const first = await erGateway(engine, gatewaySubnetId, 'ergw1');
  await expectRejected(engine, (tx) => putVirtualNetworkGateway(tx, AZ, RG, 'ergw2', gatewayBody(gatewaySubnetId)),
    azureBadRequest('VnetAlreadyHasGatewayOfType', new RegExp(`A virtual network can't be associated with more than one gateway of type ExpressRoute: ${esc(first)} is already in it`)), GW_KINDS);
});

void test('Gateway: an SKU that is not an ExpressRoute gateway SKU is 400 InvalidGatewaySize', async (t) => {
  const engine = await openEngine(t);
  const { gatewaySubnetId } = await azureBase(engine);
  for (const sku of ['Basic', 'VpnGw1', 'ErGw4AZ', '', '<script>']) {
    await expectRejected(engine, (tx) => putVirtualNetworkGateway(tx, AZ, RG, 'ergw', gatewayBody(gatewaySubnetId, sku)),
      azureBadRequest('InvalidGatewaySize', /^The specified gateway size is not valid, supported gateway sizes are Standard,.*UltraPerformance.*ErGw3AZ,ErGwScale\.$/), GW_KINDS);
  }
});

void test('Gateway: a sku.tier that is not the sku.name is 400 InvalidGatewaySku', async (t) => {
  const engine = await openEngine(t);
  const { gatewaySubnetId } = await azureBase(engine);
  const body = gatewayBody(gatewaySubnetId, 'ErGw1AZ');
  const mismatched = { ...body, properties: { ...body.properties, sku: { name: 'ErGw1AZ', tier: 'UltraPerformance' } } };
  await expectRejected(engine, (tx) => putVirtualNetworkGateway(tx, AZ, RG, 'ergw', mismatched),
    azureBadRequest('InvalidGatewaySku', /^Virtual network gateway Sku specified is not valid for gateway \/subscriptions\/.*\/virtualNetworkGateways\/ergw$/), GW_KINDS);
});
