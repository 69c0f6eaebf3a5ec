// One deployment through the API (raw HTTPS, as template-deployment.test.ts) whose template uses a
// user-defined function, lambdas (map, toObject, filter), CIDR and date functions, and tenant(): the
// VNet's subnets are built by map() and cidrSubnet(), the outputs read them back through reference().
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID } from '../../../src/lifecycle/defaults.ts';
import { startArmServer, type ArmTestServer } from './harness.ts';

const RG_ID = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-lambdas`;
const Q = '?api-version=2022-09-01';
const NET = '?api-version=2022-07-01';

type Obj = Record<string, unknown>;

const TEMPLATE = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { count: { type: 'int', defaultValue: 3 } },
  functions: [{
    namespace: 'net',
    members: {
      subnetName: { parameters: [{ name: 'index', type: 'int' }], output: { type: 'string', value: "[format('subnet-{0:00}', parameters('index'))]" } },
    },
  }],
  variables: {
    space: '10.30.0.0/16',
    subnets: "[map(range(0, parameters('count')), lambda('i', createObject('name', net.subnetName(lambdaVariables('i')), 'properties', createObject('addressPrefix', cidrSubnet(variables('space'), 24, lambdaVariables('i'))))))]",
  },
  resources: [{
    type: 'Microsoft.Network/virtualNetworks', apiVersion: '2022-07-01', name: 'vnet-lambdas', location: '[resourceGroup().location]',
    properties: { addressSpace: { addressPrefixes: ["[variables('space')]"] }, subnets: "[variables('subnets')]" },
  }],
  outputs: {
    prefixes: { type: 'object', value: "[toObject(reference('vnet-lambdas').subnets, lambda('s', lambdaVariables('s').name), lambda('s', lambdaVariables('s').properties.addressPrefix))]" },
    odd: { type: 'array', value: "[map(filter(reference('vnet-lambdas').subnets, lambda('s', 'i', equals(mod(lambdaVariables('i'), 2), 1))), lambda('s', lambdaVariables('s').name))]" },
    gateway: { type: 'string', value: "[cidrHost(variables('space'), 0)]" },
    expires: { type: 'string', value: "[dateTimeAdd('2026-01-01T00:00:00Z', 'P30D')]" },
    tenant: { type: 'string', value: '[tenant().tenantId]' },
  },
};

let s: ArmTestServer;

const deploymentUrl = (name: string) => `${RG_ID}/providers/Microsoft.Resources/deployments/${name}${Q}`;

function put(name: string, template: unknown, parameters: Obj = {}): Promise<{ status: number; body: unknown; text: string }> {
  return s.arm('PUT', deploymentUrl(name), { properties: { mode: 'Incremental', template, parameters } });
}

void describe('template deployment with user-defined functions and lambdas', () => {
  before(async () => {
    s = await startArmServer();
    const group = await s.arm('PUT', `${RG_ID}${Q}`, { location: 'westeurope' });
    assert.equal(group.status, 201, group.text);
  });
  after(() => s.close());

  void it('deploys subnets built by map() and a user-defined function, and answers outputs computed by lambdas', async () => {
    const r = await put('lambdas', TEMPLATE, { count: { value: 4 } });
    assert.equal(r.status, 201, r.text);
    const got = await s.arm('GET', deploymentUrl('lambdas'));
    const p = (got.body as { properties: Obj }).properties;
    assert.equal(p.provisioningState, 'Succeeded', got.text);
    assert.deepEqual(p.outputs, {
      prefixes: { type: 'Object', value: { 'subnet-00': '10.30.0.0/24', 'subnet-01': '10.30.1.0/24', 'subnet-02': '10.30.2.0/24', 'subnet-03': '10.30.3.0/24' } },
      odd: { type: 'Array', value: ['subnet-01', 'subnet-03'] },
      gateway: { type: 'String', value: '10.30.0.1' },
      expires: { type: 'String', value: '2026-01-31T00:00:00Z' },
      tenant: { type: 'String', value: DEFAULT_TENANT_ID },
    });
    const vnet = (await s.arm('GET', `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet-lambdas${NET}`)).body as { properties: { subnets: { name: string; properties: { addressPrefix: string } }[] } };
    assert.deepEqual(vnet.properties.subnets.map((x) => [x.name, x.properties.addressPrefix]), [0, 1, 2, 3].map((i) => [`subnet-0${i}`, `10.30.${i}.0/24`]));
  });

  void it("refuses a function parameter with a default value and a lambda outside the lambda functions, with ARM's InvalidTemplate", async () => {
    const withDefault = structuredClone(TEMPLATE) as { functions: { members: { subnetName: { parameters: Obj[] } } }[] };
    (withDefault.functions[0]?.members.subnetName.parameters[0] ?? {}).defaultValue = 0;
    const d = await put('udf-default', withDefault);
    assert.equal(d.status, 400, d.text);
    assert.equal((d.body as { error: Obj }).error.code, 'InvalidTemplate');
    assert.match(String((d.body as { error: Obj }).error.message), /parameter 'index' of the template function 'net.subnetName' has a default value/);
    const stray = structuredClone(TEMPLATE) as { variables: Obj };
    stray.variables.subnets = "[length(lambda('i', lambdaVariables('i')))]";
    const l = await put('stray-lambda', stray);
    assert.equal(l.status, 400, l.text);
    assert.equal((l.body as { error: Obj }).error.code, 'InvalidTemplate');
    assert.match(String((l.body as { error: Obj }).error.message), /'lambda' at 'variables.subnets' is not expected at this location/);
  });
});
