// ARM's api-version gate as clients meet it: an unknown version is a resource provider's 400
// NoRegisteredProviderFound listing the type's versions (or ARM's own InvalidApiVersionParameter for
// resource groups), a missing or empty one is MissingApiVersionParameter, a template resource's version
// is checked too; the versions the pinned SDKs, the az CLI 2.45 and its templates send all work.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { API_VERSIONS, registeredTypeOf, resourceTypeOf } from '../../../src/api/arm/protocol/api-versions.ts';
import { ARM_OPERATIONS } from '../../../src/api/arm/resources/index.ts';
import { FAST_POLL, startArmServer, type ArmResponse, type ArmTestServer } from './harness.ts';

const SUB = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}`;
const NET = `${SUB}/resourceGroups/rg-ver/providers/Microsoft.Network`;
const VNET = { location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.60.0.0/16'] } } };

function errorOf(r: ArmResponse): { code: string; message: string } {
  return (r.body as { error: { code: string; message: string } }).error;
}

/** NoRegisteredProviderFound's message, split into its parts (the shape real ARM prints). */
function providerRefusal(r: ArmResponse): { location: string; version: string; type: string; versions: string[]; locations: string[] } {
  assert.equal(r.status, 400, r.text);
  assert.equal(errorOf(r).code, 'NoRegisteredProviderFound');
  const m = /^No registered resource provider found for location '([^']*)' and API version '([^']*)' for type '([^']*)'\. The supported api-versions are '([^']*)'\. The supported locations are '([^']*)'\.$/.exec(errorOf(r).message);
  assert.ok(m, errorOf(r).message);
  return { location: m[1] ?? '', version: m[2] ?? '', type: m[3] ?? '', versions: (m[4] ?? '').split(', '), locations: (m[5] ?? '').split(', ') };
}

void describe('ARM api-versions', () => {
  let s: ArmTestServer;
  before(async () => {
    s = await startArmServer();
    assert.equal((await s.arm('PUT', `${SUB}/resourcegroups/rg-ver?api-version=2021-04-01`, { location: 'westeurope' })).status, 201);
  });
  after(async () => { await s.close(); });

  void it('refuses an unknown version on a Microsoft.Network type with NoRegisteredProviderFound listing its versions; nothing is stored', async () => {
    const r = providerRefusal(await s.arm('PUT', `${NET}/virtualNetworks/v1?api-version=2099-01-01`, VNET));
    assert.deepEqual([r.location, r.version, r.type], ['westeurope', '2099-01-01', 'virtualNetworks']);
    assert.deepEqual(r.versions, API_VERSIONS['Microsoft.Network/virtualNetworks']);
    for (const v of ['2015-06-15', '2022-01-01', '2025-05-01']) assert.ok(r.versions.includes(v), v);
    assert.ok(r.locations.includes('eastus') && r.locations.includes('westeurope'), r.locations.join());
    assert.equal((await s.arm('GET', `${NET}/virtualNetworks/v1?api-version=2025-05-01`)).status, 404, 'nothing was created');
  });

  void it("checks a child resource against its parent type, at the resource group's location when the body has none", async () => {
    assert.equal((await s.arm('PUT', `${NET}/virtualNetworks/v2?api-version=2025-05-01`, VNET)).status, 201);
    const r = providerRefusal(await s.arm('GET', `${NET}/virtualNetworks/v2/subnets?api-version=2025-13-01`));
    assert.deepEqual([r.location, r.type], ['westeurope', 'virtualNetworks']);
  });

  void it('knows a type registered later than its namespace (networkWatchers from 2016-09-01)', async () => {
    const r = providerRefusal(await s.arm('POST', `${NET}/networkWatchers/nw/nextHop?api-version=2015-06-15`, {}));
    assert.equal(r.type, 'networkWatchers');
    assert.equal(r.versions[0], '2016-09-01');
  });

  void it('gates the operation-status endpoints, at the location in their URL', async () => {
    const put = await s.arm('PUT', `${NET}/virtualNetworks/v3?api-version=2025-05-01`, VNET);
    const url = new URL(String(put.headers['azure-asyncoperation']));
    assert.equal((await s.arm('GET', `${url.pathname}${url.search}`)).status, 200);
    const r = providerRefusal(await s.arm('GET', `${url.pathname}?api-version=1999-01-01`));
    assert.deepEqual([r.location, r.type], ['westeurope', 'locations/operations']);
  });

  void it("refuses an unknown version on ARM's own types with InvalidApiVersionParameter", async () => {
    const r = await s.arm('GET', `${SUB}/resourcegroups/rg-ver?api-version=2023-02-01`);
    assert.equal(r.status, 400);
    assert.equal(errorOf(r).code, 'InvalidApiVersionParameter');
    const m = /^The api-version '2023-02-01' is invalid\. The supported versions are '([^']*)'\.$/.exec(errorOf(r).message);
    assert.ok(m, errorOf(r).message);
    assert.deepEqual((m[1] ?? '').split(','), API_VERSIONS['Microsoft.Resources/resourceGroups']);
    assert.equal(errorOf(await s.arm('GET', `${SUB}?api-version=2099-01-01`)).code, 'InvalidApiVersionParameter');
  });

  void it('answers a missing or empty api-version with MissingApiVersionParameter', async () => {
    for (const q of ['', '?api-version=']) {
      const r = await s.arm('GET', `${NET}/virtualNetworks/v2${q}`);
      assert.equal(r.status, 400);
      assert.deepEqual([errorOf(r).code, errorOf(r).message], ['MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.']);
    }
  });

  void it('accepts what the pinned SDKs send (arm-network 2025-05-01, arm-resources 2025-04-01)', async () => {
    const { network, resources } = s.clients();
    await resources.resourceGroups.createOrUpdate('rg-sdk', { location: 'eastus' });
    const v = await network.virtualNetworks.beginCreateOrUpdateAndWait('rg-sdk', 'v', { location: 'eastus', addressSpace: { addressPrefixes: ['10.61.0.0/16'] } }, FAST_POLL);
    assert.equal(v.provisioningState, 'Succeeded');
    await resources.resourceGroups.beginDeleteAndWait('rg-sdk', FAST_POLL);
  });

  void it('accepts the versions the az CLI 2.45 sends (network 2022-01-01/2021-08-01/2022-05-01/2022-07-01, resources 2021-04-01, subscriptions 2019-11-01)', async () => {
    for (const [path, version] of [
      [`${NET}/virtualNetworks`, '2022-01-01'], [`${NET}/routeTables`, '2021-08-01'], [`${NET}/networkSecurityGroups`, '2022-05-01'],
      [`${NET}/networkInterfaces`, '2022-07-01'], [`${SUB}/resourcegroups`, '2021-04-01'], ['/subscriptions', '2019-11-01'],
      [`${SUB}/resourcegroups/rg-ver/providers/Microsoft.Compute/virtualMachines`, '2022-11-01'],
    ] as const) {
      const r = await s.arm('GET', `${path}?api-version=${version}`);
      assert.equal(r.status, 200, `${path} ${version}: ${r.text}`);
    }
  });

  void it("checks a template resource's apiVersion: 2015-06-15 (az's connection template) passes, an unknown one is refused by the PUT's preflight", async () => {
    const deploy = (name: string, apiVersion: string) => {
      const template = {
        $schema: 'https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#', contentVersion: '1.0.0.0',
        resources: [{ type: 'Microsoft.Network/virtualNetworks', apiVersion, name, location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.62.0.0/16'] } } }],
      };
      return s.arm('PUT', `${SUB}/resourcegroups/rg-ver/providers/Microsoft.Resources/deployments/d-${name}?api-version=2021-04-01`, { properties: { template, mode: 'Incremental' } });
    };
    const ok = await deploy('tv-old', '2015-06-15');
    assert.ok(ok.status === 200 || ok.status === 201, ok.text);
    const state = async (name: string) => (await s.arm('GET', `${SUB}/resourcegroups/rg-ver/providers/Microsoft.Resources/deployments/d-${name}?api-version=2021-04-01`)).body as { properties?: { provisioningState: string } };
    assert.equal((await state('tv-old')).properties?.provisioningState, 'Succeeded');
    const refused = await deploy('tv-bad', '2031-01-01');
    assert.equal(refused.status, 400, refused.text);
    const error = (refused.body as { error: { code: string; details: { details: { code: string; message: string }[] }[] } }).error;
    assert.equal(error.code, 'InvalidTemplateDeployment');
    assert.equal(error.details[0]?.details[0]?.code, 'NoRegisteredProviderFound');
    assert.match(error.details[0]?.details[0]?.message ?? '', /^No registered resource provider found for location 'westeurope' and API version '2031-01-01' for type 'virtualNetworks'\./);
    assert.equal((await s.arm('GET', `${SUB}/resourcegroups/rg-ver/providers/Microsoft.Resources/deployments/d-tv-bad?api-version=2021-04-01`)).status, 404, 'no deployment record');
    assert.equal((await s.arm('GET', `${NET}/virtualNetworks/tv-bad?api-version=2025-05-01`)).status, 404);
  });

  void it('has an allowlist entry for every type FastRoute serves (add one in protocol/api-versions.ts for a new type)', () => {
    for (const op of ARM_OPERATIONS.filter((o) => o.auth !== 'none')) {
      const type = resourceTypeOf(op.path, { providerNamespace: 'Microsoft.Network' });
      assert.ok(type !== undefined && registeredTypeOf(type) !== undefined, `${op.name} (${op.path}) → ${type ?? 'no type'} has no API_VERSIONS entry`);
    }
  });
});
