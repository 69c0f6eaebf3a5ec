// Temporary smoke test (replaced by the real suites).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FAST_POLL, startArmServer, type ArmTestServer } from './harness.ts';

void describe('ARM smoke', () => {
  let s: ArmTestServer;
  before(async () => { s = await startArmServer(); });
  after(async () => { await s.close(); });
  void it('rg + vnet + subnet', async () => {
    const { network, resources } = s.clients();
    const rg = await resources.resourceGroups.createOrUpdate('Rg-One', { location: 'eastus' });
    assert.equal(rg.name, 'Rg-One');
    const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait('rg-one', 'VNet1', { location: 'eastus', addressSpace: { addressPrefixes: ['10.20.0.0/16'] }, subnets: [{ name: 'workload', addressPrefix: '10.20.1.0/24' }] }, FAST_POLL);
    assert.equal(vnet.provisioningState, 'Succeeded');
    assert.equal(vnet.subnets?.[0]?.name, 'workload');
    const sn = await network.subnets.beginCreateOrUpdateAndWait('rg-one', 'vnet1', 'GatewaySubnet', { addressPrefix: '10.20.255.0/27' }, FAST_POLL);
    assert.equal(sn.name, 'GatewaySubnet');
    const all = [];
    for await (const v of network.virtualNetworks.listAll()) all.push(v);
    assert.equal(all.length, 1);
    assert.equal(all[0]?.subnets?.length, 2);
    await network.virtualNetworks.beginDeleteAndWait('rg-one', 'vnet1', FAST_POLL);
    await assert.rejects(network.virtualNetworks.get('rg-one', 'vnet1'), (e: { statusCode?: number; code?: string }) => e.statusCode === 404 && e.code === 'ResourceNotFound');
    const raw = await s.arm('GET', '/subscriptions?api-version=2019-11-01');
    console.log(JSON.stringify(raw.body));
  });
});
