// One deployment through the API (raw HTTPS, as deployment-preview.test.ts) that uses what the
// Azure Quickstart networking templates use: a resource copy loop (serial), property copy loops
// (securityRules, subnets), a variable copy loop, a false `condition`, dependsOn by the loop's name,
// format/uniqueString/resourceId with a trailing '/', and outputs with copy and condition.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { uniqueString } from '../../../src/api/arm/protocol/unique-string.ts';
import { startArmServer, type ArmTestServer } from './harness.ts';
import { postWhatIf } from './what-if-poll.ts';

const RG_ID = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-loops`;
const Q = '?api-version=2022-09-01';
const NET = '?api-version=2022-07-01';

type Obj = Record<string, unknown>;

const TEMPLATE = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: {
    count: { type: 'int', defaultValue: 2 },
    deployRouteTable: { type: 'bool', defaultValue: false },
    prefix: { type: 'string', defaultValue: 'app' },
  },
  variables: {
    copy: [{ name: 'ports', count: 3, input: "[add(8080, copyIndex('ports'))]" }],
    suffix: '[take(uniqueString(resourceGroup().id), 5)]',
  },
  resources: [
    {
      type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2022-07-01',
      name: "[format('{0}-nsg-{1}', parameters('prefix'), copyIndex(1))]",
      location: '[resourceGroup().location]',
      copy: { name: 'nsgLoop', count: "[parameters('count')]", mode: 'Serial', batchSize: 1 },
      properties: {
        copy: [{
          name: 'securityRules', count: "[length(variables('ports'))]",
          input: {
            name: "[concat('allow-', variables('ports')[copyIndex('securityRules')])]",
            properties: {
              priority: "[add(100, copyIndex('securityRules'))]", protocol: 'Tcp', access: 'Allow', direction: 'Inbound',
              sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*',
              destinationPortRange: "[string(variables('ports')[copyIndex('securityRules')])]",
            },
          },
        }],
      },
    },
    {
      condition: "[parameters('deployRouteTable')]",
      type: 'Microsoft.Network/routeTables', apiVersion: '2022-07-01', name: 'rt-skipped', location: '[resourceGroup().location]',
    },
    {
      type: 'Microsoft.Network/virtualNetworks', apiVersion: '2022-07-01',
      name: "[concat(parameters('prefix'), '-vnet-', variables('suffix'))]",
      location: '[resourceGroup().location]',
      dependsOn: ['nsgLoop', 'rt-skipped'],
      properties: {
        addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
        copy: [{
          name: 'subnets', count: "[parameters('count')]",
          input: {
            name: "[format('subnet-{0}', copyIndex('subnets'))]",
            properties: {
              addressPrefix: "[format('10.20.{0}.0/24', copyIndex('subnets'))]",
              networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups/', format('{0}-nsg-{1}', parameters('prefix'), copyIndex('subnets', 1)))]" },
            },
          },
        }],
      },
    },
  ],
  outputs: {
    nsgIds: { type: 'array', copy: { count: "[parameters('count')]", input: "[resourceId('Microsoft.Network/networkSecurityGroups', format('{0}-nsg-{1}', parameters('prefix'), copyIndex(1)))]" } },
    vnetName: { type: 'string', value: "[concat(parameters('prefix'), '-vnet-', variables('suffix'))]" },
    subnetCount: { type: 'int', value: "[length(reference(concat(parameters('prefix'), '-vnet-', variables('suffix'))).subnets)]" },
    routeTable: { type: 'string', condition: "[parameters('deployRouteTable')]", value: 'rt-skipped' },
  },
};

function put(name: string, parameters: Obj = {}, template: unknown = TEMPLATE): Promise<{ status: number; body: unknown; text: string }> {
  return s.arm('PUT', `${RG_ID}/providers/Microsoft.Resources/deployments/${name}${Q}`, { properties: { mode: 'Incremental', template, parameters } });
}

let s: ArmTestServer;

void describe('template deployment with copy loops, condition and outputs', () => {
  before(async () => {
    s = await startArmServer();
    assert.equal((await s.arm('PUT', `${RG_ID}${Q}`, { location: 'westeurope' })).status, 201);
  });

  after(async () => {
    await s.close();
  });

  void it('deploys each copy, skips the false condition, and answers outputs with copy and condition', async () => {
    const body = { properties: { mode: 'Incremental', template: TEMPLATE, parameters: { count: { value: 3 } } } };
    const validated = await s.arm('POST', `${RG_ID}/providers/Microsoft.Resources/deployments/loops/validate${Q}`, body);
    assert.equal(validated.status, 200, validated.text);
    assert.equal(((validated.body as { properties: { validatedResources: unknown[] } }).properties.validatedResources).length, 4);
    const whatIf = await postWhatIf(s, `${RG_ID}/providers/Microsoft.Resources/deployments/loops/whatIf${Q}`, body);
    const planned = (whatIf.body as { properties: { changes: { changeType: string; after?: { properties?: { securityRules?: unknown[] } } }[] } }).properties.changes;
    assert.deepEqual(planned.map((c) => c.changeType), ['Create', 'Create', 'Create', 'Create']);
    assert.equal(planned[0]?.after?.properties?.securityRules?.length, 3);
    const r = await put('loops', { count: { value: 3 } });
    assert.equal(r.status, 201, r.text);
    const got = await s.arm('GET', `${RG_ID}/providers/Microsoft.Resources/deployments/loops${Q}`);
    const p = (got.body as { properties: Obj }).properties;
    assert.equal(p.provisioningState, 'Succeeded', got.text);
    const suffix = uniqueString([RG_ID]).slice(0, 5);
    const nsgIds = [1, 2, 3].map((i) => `${RG_ID}/providers/Microsoft.Network/networkSecurityGroups/app-nsg-${i}`);
    assert.deepEqual(p.outputs, {
      nsgIds: { type: 'Array', value: nsgIds },
      vnetName: { type: 'String', value: `app-vnet-${suffix}` },
      subnetCount: { type: 'Int', value: 3 },
    });
    // Serial copies are deployed in their order; the VNet after the loop it depends on.
    const deployed = (p.outputResources as { id: string }[]).map((o) => o.id);
    assert.deepEqual(deployed, [...nsgIds, `${RG_ID}/providers/Microsoft.Network/virtualNetworks/app-vnet-${suffix}`]);
    assert.equal((await s.arm('GET', `${RG_ID}/providers/Microsoft.Network/routeTables/rt-skipped${NET}`)).status, 404);

    const nsg = (await s.arm('GET', `${nsgIds[1] ?? ''}${NET}`)).body as { properties: { securityRules: { name: string; properties: Obj }[] } };
    assert.deepEqual(nsg.properties.securityRules.map((r) => [r.name, r.properties.priority, r.properties.destinationPortRange]), [['allow-8080', 100, '8080'], ['allow-8081', 101, '8081'], ['allow-8082', 102, '8082']]);
    const vnet = (await s.arm('GET', `${RG_ID}/providers/Microsoft.Network/virtualNetworks/app-vnet-${suffix}${NET}`)).body as { properties: { subnets: { name: string; properties: { addressPrefix: string; networkSecurityGroup: { id: string } } }[] } };
    assert.deepEqual(vnet.properties.subnets.map((x) => [x.name, x.properties.addressPrefix, x.properties.networkSecurityGroup.id.toLowerCase()]), [0, 1, 2].map((i) => [`subnet-${i}`, `10.20.${i}.0/24`, (nsgIds[i] ?? '').toLowerCase()]));
  });

  void it("refuses an invalid copy or expression with ARM's InvalidTemplate, naming where", async () => {
    const bad = structuredClone(TEMPLATE) as { resources: Obj[] };
    (bad.resources[0] as { copy: Obj }).copy.count = 801;
    const r = await put('bad-count', {}, bad);
    assert.equal(r.status, 400, r.text);
    assert.equal((r.body as { error: Obj }).error.code, 'InvalidTemplate');
    assert.match(String((r.body as { error: Obj }).error.message), /count '801' exceeds the maximum allowed value of '800'/);
    const broken = structuredClone(TEMPLATE) as { resources: Obj[] };
    (broken.resources[1] as Obj).name = "[substring('rt', 1, 5)]";
    const b = await put('bad-expression', {}, broken);
    assert.equal(b.status, 400, b.text);
    assert.match(String((b.body as { error: Obj }).error.message), /Microsoft.Network\/routeTables.name.*substring\('rt', 1, 5\).*index and length parameters must refer to a location within the string/);
  });

  void it('deploys nested templates: inner scope with its own parameters, outer scope with the parent\'s', async () => {
    const nested = (scope: 'inner' | 'outer', name: string, template: Obj, parameters: Obj = {}) => ({
      type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name,
      properties: { mode: 'Incremental', expressionEvaluationOptions: { scope }, template, parameters },
    });
    const parent = {
      parameters: { rtName: { type: 'string', defaultValue: 'rt-outer' } },
      resources: [
        nested('inner', 'inner-dep', {
          parameters: { rtName: { type: 'string' } },
          resources: [{ type: 'Microsoft.Network/routeTables', apiVersion: '2022-07-01', name: "[parameters('rtName')]", location: '[resourceGroup().location]' }],
          outputs: { made: { type: 'string', value: "[toUpper(parameters('rtName'))]" } },
        }, { rtName: { value: "[concat(parameters('rtName'), '-from-inner')]" } }),
        nested('outer', 'outer-dep', {
          resources: [{ type: 'Microsoft.Network/routeTables', apiVersion: '2022-07-01', name: "[parameters('rtName')]", location: '[resourceGroup().location]' }],
        }),
      ],
      outputs: { fromInner: { type: 'string', value: "[reference('inner-dep').outputs.made.value]" } },
    };
    // What-if expands both nested deployments into their resources, each evaluated in its own scope.
    const planned = await postWhatIf(s, `${RG_ID}/providers/Microsoft.Resources/deployments/nesting/whatIf${Q}`, { properties: { mode: 'Incremental', template: parent } });
    const changes = (planned.body as { properties: { changes: { resourceId: string; changeType: string }[] } }).properties.changes;
    const made = changes.filter((c) => c.changeType !== 'Ignore').map((c) => [c.resourceId.split('/').slice(-2).join('/'), c.changeType]);
    assert.deepEqual(made, [['routeTables/rt-outer-from-inner', 'Create'], ['routeTables/rt-outer', 'Create']], planned.text);
    assert.ok(changes.slice(2).every((c) => c.changeType === 'Ignore'), 'the group\'s other resources come after, once each');
    assert.equal(new Set(changes.map((c) => c.resourceId)).size, changes.length);
    const r = await put('nesting', {}, parent);
    assert.equal(r.status, 201, r.text);
    for (const rt of ['rt-outer-from-inner', 'rt-outer']) assert.equal((await s.arm('GET', `${RG_ID}/providers/Microsoft.Network/routeTables/${rt}${NET}`)).status, 200, rt);
    const got = await s.arm('GET', `${RG_ID}/providers/Microsoft.Resources/deployments/nesting${Q}`);
    const p = (got.body as { properties: Obj }).properties;
    assert.equal(p.provisioningState, 'Succeeded', got.text);
    assert.deepEqual(p.outputs, { fromInner: { type: 'String', value: 'RT-OUTER-FROM-INNER' } });
  });

  void it('deploys a nested deployment into the resource group it names, in that group\'s scope', async () => {
    const otherId = RG_ID.replace(/[^/]+$/, 'rg-other');
    assert.equal((await s.arm('PUT', `${otherId}${Q}`, { location: 'northeurope' })).status, 201);
    const parent = {
      resources: [{
        type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'cross', resourceGroup: "[concat('rg-', 'other')]",
        properties: {
          mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' },
          template: { resources: [{ type: 'Microsoft.Network/routeTables', apiVersion: '2022-07-01', name: 'rt-cross', location: '[resourceGroup().location]' }] },
        },
      }],
    };
    const r = await put('to-other-group', {}, parent);
    assert.equal(r.status, 201, r.text);
    const there = await s.arm('GET', `${otherId}/providers/Microsoft.Network/routeTables/rt-cross${NET}`);
    assert.equal(there.status, 200, there.text);
    assert.equal((there.body as Obj).location, 'northeurope');
    assert.equal((await s.arm('GET', `${RG_ID}/providers/Microsoft.Network/routeTables/rt-cross${NET}`)).status, 404, 'nothing in the parent\'s group');
    assert.equal((await s.arm('GET', `${otherId}/providers/Microsoft.Resources/deployments/cross${Q}`)).status, 200, 'the nested deployment is recorded in its group');
  });

  void it('answers a linked template with InvalidContentLink: FastRoute never fetches external URIs', async () => {
    const r = await s.arm('PUT', `${RG_ID}/providers/Microsoft.Resources/deployments/linked${Q}`, { properties: { mode: 'Incremental', templateLink: { uri: 'https://raw.githubusercontent.com/Azure/azure-quickstart-templates/master/x/azuredeploy.json' } } });
    assert.equal(r.status, 400, r.text);
    assert.equal((r.body as { error: Obj }).error.code, 'InvalidContentLink');
    assert.match(String((r.body as { error: Obj }).error.message), /Unable to download deployment content from 'https:\/\/raw.githubusercontent.com/);
  });
});
