// A VNet's private addresses and a NIC's ip configurations through @azure/arm-network:
// CheckIPAddressAvailability (free, taken with the next free ones offered, Azure's reserved
// addresses, an address in no subnet), the per-subnet usage list (virtualNetworks/usages), the NIC's
// ip configurations read as their own resources; and the gateway actions FastRoute does not model
// answering FeatureNotModelled (after the resource's own 404) rather than 501.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NetworkManagementClient } from '@azure/arm-network';
import { armError, FAST_POLL, startArmServer, type ArmTestServer } from './harness.ts';

const RG = 'rg-addresses';

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

void describe('private addresses: availability, usage, NIC ip configurations', () => {
  let s: ArmTestServer;
  let network: NetworkManagementClient;

  before(async () => {
    s = await startArmServer();
    const c = s.clients();
    network = c.network;
    await c.resources.resourceGroups.createOrUpdate(RG, { location: 'eastus' });
    const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet', {
      location: 'eastus', addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
      subnets: [{ name: 'app', addressPrefix: '10.0.1.0/29' }, { name: 'GatewaySubnet', addressPrefix: '10.0.255.0/27' }],
    }, FAST_POLL);
    const subnet = (name: string) => vnet.subnets?.find((x) => x.name === name)?.id;
    // 10.0.1.0/29: .0-.3 and .7 are Azure's; the NIC takes .4 and .6, which leaves .5.
    await network.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'nic', { location: 'eastus', ipConfigurations: [
      { name: 'first', privateIPAddress: '10.0.1.4', privateIPAllocationMethod: 'Static', subnet: { id: subnet('app') } },
      { name: 'second', privateIPAddress: '10.0.1.6', privateIPAllocationMethod: 'Static', subnet: { id: subnet('app') } },
    ] }, FAST_POLL);
    await network.virtualNetworkGateways.beginCreateOrUpdateAndWait(RG, 'ergw', {
      location: 'eastus', gatewayType: 'ExpressRoute', sku: { name: 'Standard', tier: 'Standard' }, ipConfigurations: [{ name: 'default', subnet: { id: subnet('GatewaySubnet') } }],
    }, FAST_POLL);
  });
  after(async () => { await s.close(); });

  void it('answers available for a free address and nothing else', async () => {
    assert.deepEqual(await network.virtualNetworks.checkIPAddressAvailability(RG, 'vnet', '10.0.1.5'), { available: true });
  });

  void it('offers the free addresses of the subnet after a taken or reserved one', async () => {
    assert.deepEqual(await network.virtualNetworks.checkIPAddressAvailability(RG, 'vnet', '10.0.1.4'), { available: false, availableIPAddresses: ['10.0.1.5'] });
    assert.deepEqual(await network.virtualNetworks.checkIPAddressAvailability(RG, 'vnet', '10.0.1.1'), { available: false, availableIPAddresses: ['10.0.1.5'] });
    assert.deepEqual(await network.virtualNetworks.checkIPAddressAvailability(RG, 'vnet', '10.0.1.6'), { available: false, availableIPAddresses: [] });
  });

  void it('refuses an address in no subnet, and a VNet that does not exist', async () => {
    await assert.rejects(network.virtualNetworks.checkIPAddressAvailability(RG, 'vnet', '10.0.2.4'), armError(400, 'PrivateIPAddressNotInAnySubnet'));
    await assert.rejects(network.virtualNetworks.checkIPAddressAvailability(RG, 'nope', '10.0.1.5'), armError(404, 'ResourceNotFound'));
  });

  void it('lists each subnet with its usable size and the addresses taken (GatewaySubnet -1)', async () => {
    const usage = await all(network.virtualNetworks.listUsage(RG, 'vnet'));
    const byName = Object.fromEntries(usage.map((u): [string, unknown[]] => [u.id?.split('/').pop() ?? '', [u.currentValue, u.limit, u.unit, u.name?.value]]));
    assert.deepEqual(byName, { app: [2, 3, 'Count', 'SubnetSpace'], GatewaySubnet: [-1, -1, 'Count', 'SubnetSpace'] });
  });

  void it("lists and gets the NIC's ip configurations as its GET shows them; 404 for one that is not there", async () => {
    const nic = await network.networkInterfaces.get(RG, 'nic');
    assert.deepEqual(await all(network.networkInterfaceIPConfigurations.list(RG, 'nic')), nic.ipConfigurations);
    const second = await network.networkInterfaceIPConfigurations.get(RG, 'nic', 'SECOND');
    assert.equal(second.privateIPAddress, '10.0.1.6');
    assert.equal(second.id, nic.ipConfigurations?.[1]?.id);
    await assert.rejects(network.networkInterfaceIPConfigurations.get(RG, 'nic', 'third'), armError(404, 'ResourceNotFound'));
    await assert.rejects(network.networkInterfaceIPConfigurations.get(RG, 'nope', 'first'), armError(404, 'ResourceNotFound'));
    assert.deepEqual(await all(network.networkInterfaceLoadBalancers.list(RG, 'nic')), []);
  });

  void it('refuses VPN, failover-test and network-policy actions by name, after the resource\'s own 404', async () => {
    await assert.rejects(network.virtualNetworkGateways.beginResetAndWait(RG, 'ergw', FAST_POLL), (e: { code?: string; statusCode?: number; message?: string }) => {
      assert.equal(e.code, 'FeatureNotModelled');
      assert.equal(e.statusCode, 400);
      assert.match(e.message ?? '', /VPN gateways/);
      return true;
    });
    await assert.rejects(network.virtualNetworkGateways.beginGetFailoverAllTestDetailsAndWait(RG, 'ergw', 'SingleSiteFailover', true, FAST_POLL), armError(400, 'FeatureNotModelled'));
    await assert.rejects(network.virtualNetworkGateways.beginResetAndWait(RG, 'nope', FAST_POLL), armError(404, 'ResourceNotFound'));
    await assert.rejects(network.virtualNetworkGatewayConnections.getSharedKey(RG, 'nope'), armError(404, 'ResourceNotFound'));
    await assert.rejects(network.subnets.beginPrepareNetworkPoliciesAndWait(RG, 'vnet', 'app', { serviceName: 'Microsoft.Sql/managedInstances' }, FAST_POLL), armError(400, 'FeatureNotModelled'));
    await assert.rejects(network.subnets.beginPrepareNetworkPoliciesAndWait(RG, 'vnet', 'nope', {}, FAST_POLL), armError(404, 'ResourceNotFound'));
  });
});
