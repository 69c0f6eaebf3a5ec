// Deployments through the official deployments client, @azure/arm-resourcesdeployments 2.0.0 (its
// default api-version 2026-06-01), over HTTPS: the case list (each case validated, what-if'd, deployed,
// read, listed, its operations read, what-if'd again, exported, deleted: sdk-deployment-case.ts), what-if
// Modify and Complete-mode Delete, preflight refusals in validate, the errors a user gets, and
// subscription-scope deployments that create a resource group and deploy into it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DeploymentsClient, type Deployment } from '@azure/arm-resourcesdeployments';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { FAST_POLL, startArmServer, staticCredential, type ArmTestServer } from './harness.ts';
import { changesById, runSdkDeploymentCase, type DeploymentCase } from './sdk-deployment-case.ts';

const SUB = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}`;
const NET_API = '2024-05-01';

type Obj = Record<string, unknown>;

function vnet(name: string, prefixes: string[], subnets: [string, string][] = []): Obj {
  return {
    type: 'Microsoft.Network/virtualNetworks', apiVersion: NET_API, name, location: '[parameters(\'location\')]',
    properties: { addressSpace: { addressPrefixes: prefixes }, subnets: subnets.map(([n, p]) => ({ name: n, properties: { addressPrefix: p } })) },
  };
}

const LOCATION_PARAMETER = { location: { type: 'string', defaultValue: '[resourceGroup().location]' } };

/** Hand-written cases; the Azure Quickstart cases (test/fixtures/quickstarts/cases.ts) join this list. */
const CASES: DeploymentCase[] = [
  {
    name: 'vnet-nsg-route-table',
    template: {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0',
      parameters: { ...LOCATION_PARAMETER, prefix: { type: 'string', defaultValue: 'app' } },
      variables: { nsgName: "[format('{0}-nsg', parameters('prefix'))]", rtName: "[format('{0}-rt', parameters('prefix'))]" },
      resources: [
        {
          type: 'Microsoft.Network/networkSecurityGroups', apiVersion: NET_API, name: "[variables('nsgName')]", location: "[parameters('location')]",
          properties: { securityRules: [{ name: 'ssh', properties: { priority: 100, protocol: 'Tcp', access: 'Allow', direction: 'Inbound', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '22' } }] },
        },
        { type: 'Microsoft.Network/routeTables', apiVersion: NET_API, name: "[variables('rtName')]", location: "[parameters('location')]", properties: { routes: [{ name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }] } },
        {
          type: 'Microsoft.Network/virtualNetworks', apiVersion: NET_API, name: "[format('{0}-vnet', parameters('prefix'))]", location: "[parameters('location')]",
          dependsOn: ["[resourceId('Microsoft.Network/networkSecurityGroups', variables('nsgName'))]", "[variables('rtName')]"],
          properties: {
            addressSpace: { addressPrefixes: ['10.40.0.0/16'] },
            subnets: [{ name: 'web', properties: { addressPrefix: '10.40.1.0/24', networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', variables('nsgName'))]" }, routeTable: { id: "[resourceId('Microsoft.Network/routeTables', variables('rtName'))]" } } }],
          },
        },
      ],
      outputs: { vnetId: { type: 'string', value: "[resourceId('Microsoft.Network/virtualNetworks', format('{0}-vnet', parameters('prefix')))]" } },
    },
    parameters: { prefix: { value: 'shop' } },
  },
  {
    name: 'vnet-with-subnet-child-resource',
    template: {
      parameters: LOCATION_PARAMETER,
      resources: [
        { ...vnet('vnet-children', ['10.41.0.0/16']), properties: { addressSpace: { addressPrefixes: ['10.41.0.0/16'] } } },
        { type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: NET_API, name: 'vnet-children/app', dependsOn: ['vnet-children'], properties: { addressPrefix: '10.41.2.0/24' } },
      ],
    },
  },
  {
    name: 'nested-deployment-inner-scope',
    template: {
      parameters: { rtName: { type: 'string', defaultValue: 'rt-nested' } },
      resources: [{
        type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner',
        properties: {
          mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, parameters: { name: { value: "[parameters('rtName')]" } },
          template: {
            parameters: { name: { type: 'string' } },
            resources: [{ type: 'Microsoft.Network/routeTables', apiVersion: NET_API, name: "[parameters('name')]", location: '[resourceGroup().location]' }],
            outputs: { id: { type: 'string', value: "[resourceId('Microsoft.Network/routeTables', parameters('name'))]" } },
          },
        },
      }],
      outputs: { routeTableId: { type: 'string', value: "[reference('inner').outputs.id.value]" } },
    },
  },
];

let s: ArmTestServer;
let client: DeploymentsClient;

function deployment(template: Obj, mode: 'Incremental' | 'Complete' = 'Incremental'): Deployment {
  return { properties: { mode, template } };
}

async function group(name: string): Promise<string> {
  await s.clients().resources.resourceGroups.createOrUpdate(name, { location: 'westeurope' });
  return name;
}

void describe('@azure/arm-resourcesdeployments against FastRoute', () => {
  before(async () => {
    s = await startArmServer();
    client = new DeploymentsClient(staticCredential(), DEFAULT_SUBSCRIPTION_ID, { endpoint: s.armUrl, tlsOptions: { ca: s.caPem }, retryOptions: { maxRetries: 0 } });
  });

  after(async () => {
    await s.close();
  });

  for (const [i, c] of CASES.entries()) {
    void it(`case ${c.name}: validate, what-if, create, read, operations, what-if again, export, delete`, async () => {
      await runSdkDeploymentCase(client, await group(`rg-case-${i}`), c);
    });
  }

  void it('what-if: Modify with the changed property after an edit; Complete mode deletes what the template leaves out', async () => {
    const rg = await group('rg-modify');
    const template = (prefixes: string[]) => ({ parameters: LOCATION_PARAMETER, resources: [vnet('vnet-m', prefixes)] });
    await client.deployments.createOrUpdate(rg, 'm1', deployment(template(['10.50.0.0/16'])), FAST_POLL).pollUntilDone();
    await s.clients().network.routeTables.beginCreateOrUpdateAndWait(rg, 'rt-extra', { location: 'westeurope' }, FAST_POLL);
    const vnetId = `${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/vnet-m`.toLowerCase();
    const rtId = `${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/routeTables/rt-extra`.toLowerCase();

    const edited = changesById((await client.deployments.whatIf(rg, 'm2', deployment(template(['10.50.0.0/16', '10.51.0.0/16'])), FAST_POLL).pollUntilDone()).changes);
    const change = edited.get(vnetId);
    assert.equal(change?.changeType, 'Modify');
    assert.deepEqual(change.delta?.map((d) => [d.path, d.propertyChangeType]), [['properties.addressSpace.addressPrefixes', 'Array']]);
    assert.equal(edited.get(rtId)?.changeType, 'Ignore');

    const complete = changesById((await client.deployments.whatIf(rg, 'm3', deployment(template(['10.50.0.0/16']), 'Complete'), FAST_POLL).pollUntilDone()).changes);
    assert.deepEqual([complete.get(vnetId)?.changeType, complete.get(rtId)?.changeType], ['NoChange', 'Delete']);
    // What-if changes nothing.
    assert.equal((await s.clients().network.routeTables.get(rg, 'rt-extra')).name, 'rt-extra');
  });

  void it("answers an invalid template with ARM's code: a RestError on create, a failed validation", async () => {
    const rg = await group('rg-errors');
    const bad = { resources: [{ type: 'Microsoft.Network/routeTables', apiVersion: NET_API, name: "[parameters('missing')]", location: 'westeurope' }] };
    await assert.rejects(client.deployments.createOrUpdate(rg, 'bad', deployment(bad), FAST_POLL).pollUntilDone(), (e: Error & { statusCode?: number; code?: string }) => {
      assert.equal(e.name, 'RestError');
      assert.deepEqual([e.statusCode, e.code], [400, 'InvalidTemplate']);
      assert.match(e.message, /The template parameter 'missing' is not found/);
      return true;
    });
    // Validate answers 400 with the error in its body, as the spec's DeploymentValidateResult; the
    // client's poller reports the failure (core-lro reads no error from an initial response).
    let raw: { status?: number; body?: string } = {};
    await assert.rejects(client.deployments.validate(rg, 'bad', deployment(bad), { ...FAST_POLL, onResponse: (r) => { raw = { status: r.status, body: r.bodyAsText ?? '' }; } }).pollUntilDone(), /long-running operation has failed/);
    assert.equal(raw.status, 400);
    assert.equal((JSON.parse(raw.body ?? '{}') as { error: { code: string } }).error.code, 'InvalidTemplate');
    await assert.rejects(client.deployments.get(rg, 'bad'), { statusCode: 404, code: 'DeploymentNotFound' });
  });

  void it('validate runs preflight: each refused resource in InvalidTemplateDeployment, nothing created', async () => {
    const rg = await group('rg-preflight');
    const template = {
      parameters: LOCATION_PARAMETER,
      resources: [
        vnet('vnet-bad-prefix', ['10.60.0.0/33']),
        vnet('vnet-overlap', ['10.61.0.0/16'], [['a', '10.61.0.0/24'], ['b', '10.61.0.128/25']]),
        { type: 'Microsoft.Network/expressRouteCircuits', apiVersion: NET_API, name: 'er-bad-sku', location: 'westeurope', sku: { name: 'Gold_Data' }, properties: { serviceProviderProperties: { serviceProviderName: 'Equinix', peeringLocation: 'Amsterdam', bandwidthInMbps: 50 } } },
        vnet('vnet-fine', ['10.62.0.0/16']),
        { type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: NET_API, name: 'vnet-fine/child', dependsOn: ['vnet-fine'], properties: { addressPrefix: '10.62.1.0/24' } },
      ],
    };
    const r = await s.arm('POST', `${SUB}/resourceGroups/${rg}/providers/Microsoft.Resources/deployments/pre/validate?api-version=2026-06-01`, deployment(template));
    assert.equal(r.status, 400, r.text);
    const error = (r.body as { error: { code: string; message: string; details: { code: string; details: { code: string; target: string }[] }[] } }).error;
    assert.equal(error.code, 'InvalidTemplateDeployment');
    assert.match(error.message, /^The template deployment 'pre' is not valid according to the validation procedure\. The tracking id is '[0-9a-f-]{36}'\. See inner errors for details\.$/);
    assert.equal(error.details[0]?.code, 'PreflightValidationCheckFailed');
    const inner = (error.details[0]?.details ?? []).map((d) => [d.target.split('/').at(-1), d.code]);
    assert.deepEqual(inner.map(([n]) => n), ['vnet-bad-prefix', 'vnet-overlap', 'er-bad-sku'], JSON.stringify(inner));
    assert.deepEqual(inner.map(([, code]) => code), ['InvalidAddressPrefixFormat', 'NetcfgSubnetRangesOverlap', 'InvalidCircuitSku']);
    const listed = [];
    for await (const v of s.clients().network.virtualNetworks.list(rg)) listed.push(v.name);
    assert.deepEqual(listed, [], 'validate created nothing');
  });
});

void describe('subscription-scope deployments (@azure/arm-resourcesdeployments)', () => {
  let sub: ArmTestServer;
  let c: DeploymentsClient;
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#', contentVersion: '1.0.0.0',
    parameters: { rgName: { type: 'string' } },
    resources: [
      { type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: "[parameters('rgName')]", location: '[deployment().location]', tags: { owner: 'sdk' } },
      {
        type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'network', resourceGroup: "[parameters('rgName')]",
        dependsOn: ["[resourceId('Microsoft.Resources/resourceGroups', parameters('rgName'))]"],
        properties: {
          mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' },
          template: { resources: [{ type: 'Microsoft.Network/virtualNetworks', apiVersion: NET_API, name: 'vnet-sub', location: '[resourceGroup().location]', properties: { addressSpace: { addressPrefixes: ['10.70.0.0/16'] } } }] },
        },
      },
    ],
    outputs: {
      subscriptionId: { type: 'string', value: '[subscription().subscriptionId]' },
      groupId: { type: 'string', value: "[subscriptionResourceId('Microsoft.Resources/resourceGroups', parameters('rgName'))]" },
      location: { type: 'string', value: '[deployment().location]' },
    },
  };
  const body = (rgName: string): Deployment => ({ location: 'northeurope', properties: { mode: 'Incremental', template, parameters: { rgName: { value: rgName } } } });

  before(async () => {
    sub = await startArmServer();
    c = new DeploymentsClient(staticCredential(), DEFAULT_SUBSCRIPTION_ID, { endpoint: sub.armUrl, tlsOptions: { ca: sub.caPem }, retryOptions: { maxRetries: 0 } });
  });

  after(async () => {
    await sub.close();
  });

  void it('creates a resource group and deploys into it: validate, what-if, create, get, list, operations, delete', async () => {
    const rgId = `${SUB}/resourceGroups/rg-from-sub`;
    const nestedId = `${rgId}/providers/Microsoft.Resources/deployments/network`;
    const validated = await c.deployments.validateAtSubscriptionScope('sub1', body('rg-from-sub'), FAST_POLL).pollUntilDone();
    assert.deepEqual(validated.properties?.validatedResources?.map((r) => r.id), [rgId, nestedId]);
    await assert.rejects(sub.clients().resources.resourceGroups.get('rg-from-sub'), { statusCode: 404 }, 'validate creates nothing');

    // What-if expands the nested deployment into its resources, in the group the template creates first.
    const vnetId = `${rgId}/providers/Microsoft.Network/virtualNetworks/vnet-sub`;
    const planned = changesById((await c.deployments.whatIfAtSubscriptionScope('sub1', body('rg-from-sub'), FAST_POLL).pollUntilDone()).changes);
    assert.deepEqual([...planned].map(([id, change]) => [id, change.changeType]), [[rgId.toLowerCase(), 'Create'], [vnetId.toLowerCase(), 'Create']]);
    assert.equal((planned.get(vnetId.toLowerCase())?.after as { location?: string } | undefined)?.location, 'northeurope');

    const done = await c.deployments.createOrUpdateAtSubscriptionScope('sub1', body('rg-from-sub'), FAST_POLL).pollUntilDone();
    assert.equal(done.properties?.provisioningState, 'Succeeded', JSON.stringify(done.properties?.error));
    assert.deepEqual([done.id, done.location], [`${SUB}/providers/Microsoft.Resources/deployments/sub1`, 'northeurope']);
    assert.deepEqual(done.properties?.outputs, {
      subscriptionId: { type: 'String', value: DEFAULT_SUBSCRIPTION_ID },
      groupId: { type: 'String', value: rgId },
      location: { type: 'String', value: 'northeurope' },
    });
    const rg = await sub.clients().resources.resourceGroups.get('rg-from-sub');
    assert.deepEqual([rg.location, rg.tags], ['northeurope', { owner: 'sdk' }]);
    assert.equal((await sub.clients().network.virtualNetworks.get('rg-from-sub', 'vnet-sub')).location, 'northeurope');
    assert.equal((await c.deployments.get('rg-from-sub', 'network')).properties?.provisioningState, 'Succeeded');

    assert.equal((await c.deployments.getAtSubscriptionScope('sub1')).properties?.provisioningState, 'Succeeded');
    const listed = [];
    for await (const d of c.deployments.listAtSubscriptionScope()) listed.push(d.name);
    assert.deepEqual(listed, ['sub1']);
    const ops = [];
    for await (const op of c.deploymentOperations.listAtSubscriptionScope('sub1')) ops.push(op);
    assert.deepEqual(ops.map((o) => [o.properties?.targetResource?.id, o.properties?.provisioningState]), [[rgId, 'Succeeded'], [nestedId, 'Succeeded']]);
    assert.deepEqual((await c.deploymentOperations.getAtSubscriptionScope('sub1', ops[0]?.operationId ?? '')).properties?.targetResource?.id, rgId);

    const again = changesById((await c.deployments.whatIfAtSubscriptionScope('sub1', body('rg-from-sub'), FAST_POLL).pollUntilDone()).changes);
    assert.deepEqual([...again].map(([id, change]) => [id, change.changeType]), [[rgId.toLowerCase(), 'NoChange'], [vnetId.toLowerCase(), 'NoChange']], JSON.stringify([...again.values()]));

    await c.deployments.deleteAtSubscriptionScope('sub1', FAST_POLL).pollUntilDone();
    assert.equal((await c.deployments.checkExistenceAtSubscriptionScope('sub1')).body, false);
    assert.equal((await sub.clients().resources.resourceGroups.get('rg-from-sub')).name, 'rg-from-sub', 'deleting a deployment leaves its resources');
  });

  void it("refuses a nested deployment's refused resource at the PUT, as validate does; a failure found while deploying fails it with the nested deployment named", async () => {
    const broken = JSON.parse(JSON.stringify(body('rg-broken')).replace('10.70.0.0/16', '10.70.0.0/40')) as Deployment;
    for (const send of [
      () => sub.arm('POST', `${SUB}/providers/Microsoft.Resources/deployments/broken/validate?api-version=2026-06-01`, broken),
      () => sub.arm('PUT', `${SUB}/providers/Microsoft.Resources/deployments/broken?api-version=2026-06-01`, broken),
    ]) {
      const v = await send();
      const details = (v.body as { error: { code: string; details: { details: { code: string; target: string }[] }[] } }).error;
      assert.equal(details.code, 'InvalidTemplateDeployment', v.text);
      assert.deepEqual(details.details[0]?.details.map((d) => [d.code, d.target.split('/').at(-1)]), [['InvalidAddressPrefixFormat', 'vnet-sub']]);
    }
    await assert.rejects(c.deployments.getAtSubscriptionScope('broken'), { statusCode: 404, code: 'DeploymentNotFound' });
    await assert.rejects(sub.clients().resources.resourceGroups.get('rg-broken'), { statusCode: 404 }, 'the preflight created nothing');

    // A reference to a route table that does not exist: ARM finds it only while deploying.
    const missing = JSON.parse(JSON.stringify(body('rg-dangling')).replace('"addressSpace":{"addressPrefixes":["10.70.0.0/16"]}', '"addressSpace":{"addressPrefixes":["10.70.0.0/16"]},"subnets":[{"name":"a","properties":{"addressPrefix":"10.70.1.0/24","routeTable":{"id":"[resourceId(\'Microsoft.Network/routeTables\', \'rt-nowhere\')]"}}}]')) as Deployment;
    assert.match(JSON.stringify(missing), /rt-nowhere/);
    const nestedId = `${SUB}/resourceGroups/rg-dangling/providers/Microsoft.Resources/deployments/network`;
    await assert.rejects(c.deployments.createOrUpdateAtSubscriptionScope('dangling', missing, FAST_POLL).pollUntilDone(), /long-running operation has failed\. DeploymentFailed/);
    const failed = await c.deployments.getAtSubscriptionScope('dangling');
    assert.equal(failed.properties?.provisioningState, 'Failed');
    assert.deepEqual(failed.properties?.error?.details?.map((d) => [d.code, d.target]), [['ResourceDeploymentFailure', nestedId]]);
    assert.equal((await c.deployments.get('rg-dangling', 'network')).properties?.provisioningState, 'Failed');
  });

  void it("refuses Complete mode at subscription scope on the PUT, validate and what-if, with ARM's InvalidDeployment", async () => {
    const complete = { ...body('rg-complete'), properties: { ...body('rg-complete').properties, mode: 'Complete' } } as Deployment;
    for (const op of ['', '/validate', '/whatIf']) {
      const r = await sub.arm(op === '' ? 'PUT' : 'POST', `${SUB}/providers/Microsoft.Resources/deployments/complete${op}?api-version=2026-06-01`, complete);
      assert.deepEqual([r.status, (r.body as { error: { code: string; message: string } }).error], [400, {
        code: 'InvalidDeployment', message: "Specified deployment mode 'Complete' is not supported for deployment at the current scope. Please see https://aka.ms/deployment-modes for usage details.", details: [],
      }], `${op || 'PUT'}: ${r.text}`);
    }
  });

  void it("refuses what ARM refuses at subscription scope: no location, resourceGroup()", async () => {
    const { location: _location, ...noLocation } = body('rg-x');
    await assert.rejects(c.deployments.createOrUpdateAtSubscriptionScope('no-location', noLocation, FAST_POLL).pollUntilDone(), {
      statusCode: 400, code: 'InvalidDeployment', message: "The 'location' property must be specified for 'no-location'. Please see https://aka.ms/arm-deployment-subscription for usage details.",
    });
    const usesGroup = { resources: [{ type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: "[resourceGroup().name]", location: 'westeurope' }] };
    await assert.rejects(c.deployments.createOrUpdateAtSubscriptionScope('uses-group', { location: 'westeurope', properties: { mode: 'Incremental', template: usesGroup } }, FAST_POLL).pollUntilDone(), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'InvalidTemplate');
      assert.match(e.message, /The template function 'RESOURCEGROUP' is not expected at this location/);
      return true;
    });
    await assert.rejects(c.deployments.getAtSubscriptionScope('uses-group'), { statusCode: 404, code: 'DeploymentNotFound' });
    // In a resource's body it is found by validate, which evaluates every body.
    const inBody = { resources: [{ type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: 'rg-y', location: '[resourceGroup().location]' }] };
    const r = await sub.arm('POST', `${SUB}/providers/Microsoft.Resources/deployments/in-body/validate?api-version=2026-06-01`, { location: 'westeurope', properties: { mode: 'Incremental', template: inBody } });
    assert.deepEqual([r.status, (r.body as { error: { code: string } }).error.code], [400, 'InvalidTemplate'], r.text);
  });
});
