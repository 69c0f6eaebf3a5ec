// Public IP addresses and Network Watchers through @azure/arm-network over HTTPS: create, get,
// list, update (tags and properties), delete, with NRP's errors; a public IP referenced by an
// ExpressRoute gateway (must exist, be Standard, not be shared) cannot be deleted while it is used;
// one watcher per subscription and region, and nextHop answers on a created watcher.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NetworkManagementClient } from '@azure/arm-network';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { armError, FAST_POLL, startArmServer, type ArmTestServer } from './harness.ts';

const RG = 'Pip-Rg';
const LOC = 'eastus';
const MN = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.Network`;
const API = '?api-version=2025-05-01';

void describe('publicIPAddresses and networkWatchers through @azure/arm-network', () => {
  let s: ArmTestServer;
  let network: NetworkManagementClient;
  let gatewaySubnetId = '';

  before(async () => {
    s = await startArmServer();
    const c = s.clients();
    network = c.network;
    await c.resources.resourceGroups.createOrUpdate(RG, { location: LOC });
    const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet1', {
      location: LOC, addressSpace: { addressPrefixes: ['10.50.0.0/16'] },
      subnets: [{ name: 'workload', addressPrefix: '10.50.1.0/24' }, { name: 'GatewaySubnet', addressPrefix: '10.50.255.0/27' }],
    }, FAST_POLL);
    gatewaySubnetId = vnet.subnets?.find((x) => x.name === 'GatewaySubnet')?.id ?? '';
  });
  after(async () => { await s.close(); });

  void it('creates a public IP with the spec defaults (Basic, Dynamic, no address until used)', async () => {
    const pip = await network.publicIPAddresses.beginCreateOrUpdateAndWait(RG, 'pip-basic', { location: LOC }, FAST_POLL);
    assert.equal(pip.provisioningState, 'Succeeded');
    assert.deepEqual(pip.sku, { name: 'Basic', tier: 'Regional' });
    assert.equal(pip.publicIPAllocationMethod, 'Dynamic');
    assert.equal(pip.publicIPAddressVersion, 'IPv4');
    assert.equal(pip.idleTimeoutInMinutes, 4);
    assert.equal(pip.ipAddress, undefined);
    assert.equal(pip.type, 'Microsoft.Network/publicIPAddresses');
    const raw = await s.arm('GET', `${MN}/publicIPAddresses/pip-basic${API}`);
    assert.doesNotMatch(raw.text, /"fr"/);
  });

  void it('a Standard address is Static with an address and zones; NRP refuses the invalid combinations', async () => {
    const pip = await network.publicIPAddresses.beginCreateOrUpdateAndWait(RG, 'pip-std', { location: LOC, sku: { name: 'Standard' }, zones: ['1', '2', '3'] }, FAST_POLL);
    assert.equal(pip.publicIPAllocationMethod, 'Static');
    assert.match(pip.ipAddress ?? '', /^(198\.51\.100|203\.0\.113)\.\d+$/);
    assert.deepEqual(pip.zones, ['1', '2', '3']);
    const again = await network.publicIPAddresses.get(RG, 'PIP-STD');
    assert.equal(again.ipAddress, pip.ipAddress, 'the address is kept');
    await assert.rejects(network.publicIPAddresses.beginCreateOrUpdateAndWait(RG, 'pip-bad', { location: LOC, sku: { name: 'Standard' }, publicIPAllocationMethod: 'Dynamic' }, FAST_POLL), armError(400, 'StandardSkuPublicIPAddressesMustBeStatic'));
    await assert.rejects(network.publicIPAddresses.beginCreateOrUpdateAndWait(RG, 'pip-bad', { location: LOC, zones: ['1'] }, FAST_POLL), armError(400, 'ZonesNotAllowedInBasicSkuResource'));
    await assert.rejects(network.publicIPAddresses.beginCreateOrUpdateAndWait(RG, 'pip-bad', { location: LOC, idleTimeoutInMinutes: 31 }, FAST_POLL), armError(400, 'PublicIPIdleTimeoutIsOutOfRange'));
    await assert.rejects(network.publicIPAddresses.beginCreateOrUpdateAndWait(RG, 'pip-std', { location: LOC, sku: { name: 'Basic' }, publicIPAllocationMethod: 'Static' }, FAST_POLL), armError(400, 'PublicIPSkuDowngradeNotAllowed'));
    const bad = await s.arm('PUT', `${MN}/publicIPAddresses/pip-bad${API}`, { location: LOC, sku: { name: 'Premium' } });
    assert.equal(bad.status, 400);
    await assert.rejects(network.publicIPAddresses.get(RG, 'pip-bad'), armError(404, 'ResourceNotFound'));
  });

  void it('updates (idle timeout, tags) and lists in the group and the subscription', async () => {
    const updated = await network.publicIPAddresses.beginCreateOrUpdateAndWait(RG, 'pip-basic', { location: LOC, idleTimeoutInMinutes: 10 }, FAST_POLL);
    assert.equal(updated.idleTimeoutInMinutes, 10);
    const tagged = await network.publicIPAddresses.updateTags(RG, 'pip-basic', { tags: { env: 'lab' } });
    assert.deepEqual(tagged.tags, { env: 'lab' });
    const inGroup = [];
    for await (const p of network.publicIPAddresses.list(RG)) inGroup.push(p.name);
    assert.deepEqual(inGroup, ['pip-basic', 'pip-std']);
    const all = [];
    for await (const p of network.publicIPAddresses.listAll()) all.push(p.name);
    assert.deepEqual(all, ['pip-basic', 'pip-std']);
  });

  void it('an ExpressRoute gateway takes an existing Standard public IP, which then cannot be deleted or shared', async () => {
    const gw = (pip: string, name = 'ergw') => network.virtualNetworkGateways.beginCreateOrUpdateAndWait(RG, name, {
      location: LOC, gatewayType: 'ExpressRoute', sku: { name: 'ErGw1AZ', tier: 'ErGw1AZ' },
      ipConfigurations: [{ name: 'default', subnet: { id: gatewaySubnetId }, publicIPAddress: { id: `${MN}/publicIPAddresses/${pip}` } }],
    }, FAST_POLL);
    await assert.rejects(gw('pip-absent'), armError(400, 'InvalidResourceReference'));
    await assert.rejects(gw('pip-basic'), armError(400, 'PublicIpWithBasicSkuNotAllowedOnExpressRouteGateways'));
    const created = await gw('pip-std');
    assert.equal(created.ipConfigurations?.[0]?.publicIPAddress?.id, `${MN}/publicIPAddresses/pip-std`);
    const pip = await network.publicIPAddresses.get(RG, 'pip-std');
    assert.equal(pip.ipConfiguration?.id, `${created.id ?? ''}/ipConfigurations/default`);
    await assert.rejects(network.publicIPAddresses.beginDeleteAndWait(RG, 'pip-std', FAST_POLL), (e: { statusCode?: number; code?: string; message?: string }) => {
      assert.deepEqual([e.statusCode, e.code], [400, 'PublicIPAddressCannotBeDeleted']);
      assert.match(e.message ?? '', /can not be deleted since it is still allocated to resource .*virtualNetworkGateways\/ergw\/ipConfigurations\/default/);
      return true;
    });
    // A gateway re-PUT with its own address is fine; a second gateway cannot take it.
    await gw('pip-std');
    const vnet2 = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet2', { location: LOC, addressSpace: { addressPrefixes: ['10.51.0.0/16'] }, subnets: [{ name: 'GatewaySubnet', addressPrefix: '10.51.255.0/27' }] }, FAST_POLL);
    await assert.rejects(network.virtualNetworkGateways.beginCreateOrUpdateAndWait(RG, 'ergw2', {
      location: LOC, gatewayType: 'ExpressRoute', sku: { name: 'ErGw1AZ', tier: 'ErGw1AZ' },
      ipConfigurations: [{ name: 'default', subnet: { id: vnet2.subnets?.[0]?.id ?? '' }, publicIPAddress: { id: `${MN}/publicIPAddresses/pip-std` } }],
    }, FAST_POLL), armError(400, 'PublicIPAddressInUse'));
    // Once the gateway is gone, the address can go.
    await network.virtualNetworkGateways.beginDeleteAndWait(RG, 'ergw', FAST_POLL);
    await network.publicIPAddresses.beginDeleteAndWait(RG, 'pip-std', FAST_POLL);
    await assert.rejects(network.publicIPAddresses.get(RG, 'pip-std'), armError(404, 'ResourceNotFound'));
    const absent = await s.arm('DELETE', `${MN}/publicIPAddresses/pip-std${API}`);
    assert.equal(absent.status, 204);
  });

  void it('network watchers: one per subscription and region; list, tags, delete; nextHop answers on a created one', async () => {
    const w = await network.networkWatchers.createOrUpdate(RG, 'NetworkWatcher_eastus', { location: 'East US' });
    assert.equal(w.location, 'eastus');
    assert.equal(w.type, 'Microsoft.Network/networkWatchers');
    await assert.rejects(network.networkWatchers.createOrUpdate(RG, 'second-eastus', { location: LOC }), (e: { statusCode?: number; code?: string; message?: string }) => {
      assert.deepEqual([e.statusCode, e.code], [400, 'NetworkWatcherCountLimitReached']);
      assert.equal(e.message, 'Cannot create more than 1 network watchers for this subscription in this region.');
      return true;
    });
    await network.networkWatchers.createOrUpdate(RG, 'NetworkWatcher_westus', { location: 'westus' });
    const got = await network.networkWatchers.get(RG, 'networkwatcher_eastus');
    assert.equal(got.name, 'NetworkWatcher_eastus');
    assert.equal(got.provisioningState, 'Succeeded');
    const tagged = await network.networkWatchers.updateTags(RG, 'NetworkWatcher_eastus', { tags: { a: 'b' } });
    assert.deepEqual(tagged.tags, { a: 'b' });
    const all = [];
    for await (const x of network.networkWatchers.listAll()) all.push(x.name);
    assert.deepEqual(all, ['NetworkWatcher_eastus', 'NetworkWatcher_westus']);
    const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'nic1', {
      location: LOC, ipConfigurations: [{ name: 'ipconfig1', privateIPAllocationMethod: 'Static', privateIPAddress: '10.50.1.4', subnet: { id: gatewaySubnetId.replace('GatewaySubnet', 'workload') } }],
    }, FAST_POLL);
    const hop = await network.networkWatchers.beginGetNextHopAndWait(RG, 'NetworkWatcher_eastus', { targetResourceId: nic.id ?? '', targetNicResourceId: nic.id ?? '', sourceIPAddress: '10.50.1.4', destinationIPAddress: '10.50.1.5' }, FAST_POLL);
    assert.equal(hop.nextHopType, 'VnetLocal');
    await network.networkWatchers.beginDeleteAndWait(RG, 'NetworkWatcher_westus', FAST_POLL);
    await assert.rejects(network.networkWatchers.get(RG, 'NetworkWatcher_westus'), armError(404, 'ResourceNotFound'));
    // The region is free again.
    await network.networkWatchers.createOrUpdate(RG, 'other-westus', { location: 'westus' });
  });

  void it('deleting the resource group deletes its public IPs and watchers', async () => {
    await s.clients().resources.resourceGroups.beginDeleteAndWait(RG, FAST_POLL);
    const all = [];
    for await (const x of network.publicIPAddresses.listAll()) all.push(x.name);
    for await (const x of network.networkWatchers.listAll()) all.push(x.name);
    assert.deepEqual(all, []);
  });
});
