// A VNet's private-address views through @azure/arm-network: CheckIPAddressAvailability (free,
// taken with the next free ones offered, Azure's reserved addresses, an address in no subnet) and
// the per-subnet usage list (virtualNetworks/usages), which follows the NICs placed in a subnet.
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

void describe('virtual network address availability and usage', () => {
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
    const app = vnet.subnets?.find((x) => x.name === 'app');
    await network.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'nic', { location: 'eastus', ipConfigurations: [{ name: 'ipconfig1', privateIPAddress: '10.0.1.4', privateIPAllocationMethod: 'Static', subnet: { id: app?.id } }] }, FAST_POLL);
  });
  after(async () => { await s.close(); });

  void it('answers available for a free address and nothing else', async () => {
    assert.deepEqual(await network.virtualNetworks.checkIPAddressAvailability(RG, 'vnet', '10.0.1.5'), { available: true });
  });

  void it('offers the next free addresses of the subnet for a taken one', async () => {
    // 10.0.1.0/29: .0-.3 and .7 are reserved, .4 is the NIC's.
    assert.deepEqual(await network.virtualNetworks.checkIPAddressAvailability(RG, 'vnet', '10.0.1.4'), { available: false, availableIPAddresses: ['10.0.1.5', '10.0.1.6'] });
    assert.deepEqual(await network.virtualNetworks.checkIPAddressAvailability(RG, 'vnet', '10.0.1.1'), { available: false, availableIPAddresses: ['10.0.1.5', '10.0.1.6'] });
  });

  void it('refuses an address in no subnet, and a VNet that does not exist', async () => {
    await assert.rejects(network.virtualNetworks.checkIPAddressAvailability(RG, 'vnet', '10.0.2.4'), armError(400, 'PrivateIPAddressNotInAnySubnet'));
    await assert.rejects(network.virtualNetworks.checkIPAddressAvailability(RG, 'nope', '10.0.1.5'), armError(404, 'ResourceNotFound'));
  });

  void it('lists each subnet with its usable size and the addresses taken (GatewaySubnet -1)', async () => {
    const usage = await all(network.virtualNetworks.listUsage(RG, 'vnet'));
    const byName = Object.fromEntries(usage.map((u): [string, unknown[]] => [u.id?.split('/').pop() ?? '', [u.currentValue, u.limit, u.unit, u.name?.value]]));
    assert.deepEqual(byName, { app: [1, 3, 'Count', 'SubnetSpace'], GatewaySubnet: [-1, -1, 'Count', 'SubnetSpace'] });
  });
});
