// Issue 12 item 12: ARM inputs that used to crash (500) or be stored as sent. Locations are checked
// against Azure's public regions and normalised as ARM does; a resource cannot change location;
// a PATCH body that is not a JSON object is refused; nothing is stored after a refusal.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ResourceManagementClient } from '@azure/arm-resources';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { armError, FAST_POLL, startArmServer, type ArmTestServer } from './harness.ts';

const RG = 'Inputs-Rg';
const MN = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/${RG}/providers/Microsoft.Network`;
const API = '?api-version=2025-05-01';
const SPACE = { addressPrefixes: ['10.60.0.0/16'] };

void describe('ARM input validation through @azure/arm-network', () => {
  let s: ArmTestServer;
  let network: NetworkManagementClient;
  let resources: ResourceManagementClient;

  before(async () => {
    s = await startArmServer();
    ({ network, resources } = s.clients());
    await resources.resourceGroups.createOrUpdate(RG, { location: 'eastus' });
  });
  after(async () => { await s.close(); });

  void it('a location Azure does not offer is 400 LocationNotAvailableForResourceType listing the regions, and nothing is stored', async () => {
    for (const location of ['<script>', 'mars-north', 'x'.repeat(100_000), '\uD800', 'global']) {
      await assert.rejects(
        network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-bad', { location, addressSpace: SPACE }, FAST_POLL),
        (e: { statusCode?: number; code?: string; message?: string }) => {
          assert.equal(e.statusCode, 400, `location of ${location.length} chars`);
          assert.equal(e.code, 'LocationNotAvailableForResourceType');
          assert.match(e.message ?? '', /is not available for resource type 'Microsoft\.Network\/virtualNetworks'\. List of available regions for the resource type is '[a-z0-9,]*eastus,[a-z0-9,]*westeurope[a-z0-9,]*'\./);
          return true;
        },
      );
    }
    await assert.rejects(network.virtualNetworks.get(RG, 'vnet-bad'), armError(404, 'ResourceNotFound'));
  });

  void it('a display name is normalised as ARM does ("East US" → "eastus")', async () => {
    const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-east', { location: 'East US', addressSpace: SPACE }, FAST_POLL);
    assert.equal(vnet.location, 'eastus');
  });

  void it('a resource cannot move: another location is 400 InvalidResourceLocation and the resource stays', async () => {
    await assert.rejects(
      network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-east', { location: 'westeurope', addressSpace: SPACE }, FAST_POLL),
      (e: { statusCode?: number; code?: string; message?: string }) => {
        assert.equal(e.statusCode, 400);
        assert.equal(e.code, 'InvalidResourceLocation');
        assert.equal(e.message, `The resource 'vnet-east' already exists in location 'eastus' in resource group '${RG}'. A resource with the same name cannot be created in location 'westeurope'. Please select a new resource name.`);
        return true;
      },
    );
    assert.equal((await network.virtualNetworks.get(RG, 'vnet-east')).location, 'eastus');
  });

  void it('a resource group in a location Azure does not offer is 400 LocationNotAvailableForResourceGroup', async () => {
    await assert.rejects(resources.resourceGroups.createOrUpdate('rg-mars', { location: 'mars-north' }), armError(400, 'LocationNotAvailableForResourceGroup'));
    assert.equal((await resources.resourceGroups.checkExistence('rg-mars')).body, false);
  });

  void it('a PATCH whose body is not a JSON object is 400, and the resource is unchanged', async () => {
    for (const body of ['[]', 'null', '"x"', '42']) {
      const r = await s.arm('PATCH', `${MN}/virtualNetworks/vnet-east${API}`, body, { 'content-type': 'application/json' });
      assert.equal(r.status, 400, `PATCH ${body}: ${r.text}`);
      assert.match(((r.body as { error?: { code?: string } }).error?.code) ?? '', /^InvalidRequest(Content|Format)$/);
    }
    assert.deepEqual((await network.virtualNetworks.get(RG, 'vnet-east')).tags ?? {}, {});
  });
});
