// The deployment routes over raw HTTPS (the pinned @azure/arm-resources has no deployments client):
// the JSONC body azure-cli sends (unquoted key, comments) is read there and only there; validate
// answers what it would deploy without deploying; what-if compares with what exists (Create,
// NoChange, Modify with a delta, Ignore for the group's other resources, Delete in Complete mode).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { startArmServer, type ArmTestServer } from './harness.ts';
import { postWhatIf } from './what-if-poll.ts';

const RG_ID = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-preview`;
const DEPLOYMENT = `${RG_ID}/providers/Microsoft.Resources/deployments/d1`;
const VNET_ID = `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet-a`;
const RT_ID = `${RG_ID}/providers/Microsoft.Network/routeTables/rt-other`;
const Q = '?api-version=2022-09-01';

type Obj = Record<string, unknown>;

function template(prefixes: string[]): string {
  return `{
    // a VNet, as a template file with comments
    "resources": [{
      "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2022-07-01", "name": "vnet-a",
      "location": "[resourceGroup().location]", /* inline comment */
      "properties": { "addressSpace": { "addressPrefixes": ${JSON.stringify(prefixes)} } }
    }]
  }`;
}

/** The body as azure-cli 2.45's JsonCTemplatePolicy builds it: the file's text behind an unquoted key. */
function cliBody(prefixes: string[], mode = 'Incremental'): string {
  return `{"properties": {"parameters": {}, "mode": "${mode}", template:${template(prefixes)}}}`;
}

function changes(body: unknown): Record<string, Obj> {
  const list = (body as { properties: { changes: Obj[] } }).properties.changes;
  return Object.fromEntries(list.map((c) => [String(c.resourceId), c]));
}

void describe('deployment validate and what-if', () => {
  let s: ArmTestServer;

  before(async () => {
    s = await startArmServer();
    assert.equal((await s.arm('PUT', `${RG_ID}${Q}`, { location: 'westeurope' })).status, 201);
    const rt = await s.arm('PUT', `${RT_ID}?api-version=2022-07-01`, { location: 'westeurope' });
    assert.equal(rt.status, 201, rt.text);
  });

  after(async () => {
    await s.close();
  });

  void it('reads the JSONC body on the deployment routes only; elsewhere it stays InvalidRequestContent', async () => {
    const elsewhere = await s.arm('PUT', `${RG_ID}${Q}`, '{ location: "westeurope" }');
    assert.deepEqual([elsewhere.status, (elsewhere.body as { error: Obj }).error.code], [400, 'InvalidRequestContent']);
    const broken = await s.arm('POST', `${DEPLOYMENT}/validate${Q}`, '{"properties": {"mode": "Incremental", template: {');
    assert.deepEqual([broken.status, (broken.body as { error: Obj }).error.code], [400, 'InvalidRequestContent']);
  });

  void it('validates without deploying: the resources it would deploy, the template hash', async () => {
    const r = await s.arm('POST', `${DEPLOYMENT}/validate${Q}`, cliBody(['10.1.0.0/16']));
    assert.equal(r.status, 200, r.text);
    const p = (r.body as { properties: Obj }).properties;
    assert.deepEqual([p.provisioningState, p.validatedResources, p.mode], ['Succeeded', [{ id: VNET_ID }], 'Incremental']);
    assert.match(String(p.templateHash), /^\d+$/);
    assert.equal((await s.arm('GET', `${VNET_ID}?api-version=2022-07-01`)).status, 404);
    assert.equal((await s.arm('GET', `${DEPLOYMENT}${Q}`)).status, 404);
  });

  void it("refuses a template that does not evaluate with ARM's InvalidTemplate", async () => {
    const body = cliBody(['10.1.0.0/16']).replace('[resourceGroup().location]', "[parameters('nope')]");
    const r = await s.arm('POST', `${DEPLOYMENT}/validate${Q}`, body);
    assert.deepEqual([r.status, (r.body as { error: Obj }).error.code], [400, 'InvalidTemplate']);
  });

  void it('what-if: 202 and a Location, whose result shows Create, and Ignore for what the template does not name', async () => {
    const accepted = await s.arm('POST', `${DEPLOYMENT}/whatIf${Q}`, cliBody(['10.1.0.0/16']));
    assert.deepEqual([accepted.status, accepted.body], [202, undefined]);
    assert.match(String(accepted.headers.location), /\/subscriptions\/[^/]+\/operationresults\/[0-9a-f-]{36}\?api-version=2022-09-01$/);
    const r = await postWhatIf(s, `${DEPLOYMENT}/whatIf${Q}`, cliBody(['10.1.0.0/16']));
    assert.equal(r.status, 200, r.text);
    assert.equal((r.body as Obj).status, 'Succeeded');
    const c = changes(r.body);
    assert.deepEqual([c[VNET_ID]?.changeType, c[RT_ID]?.changeType], ['Create', 'Ignore']);
    assert.equal((c[VNET_ID]?.after as Obj).location, 'westeurope');
  });

  void it('what-if after the deployment: NoChange, then Modify with the address prefixes delta', async () => {
    const put = await s.arm('PUT', `${DEPLOYMENT}${Q}`, cliBody(['10.1.0.0/16']));
    assert.equal(put.status, 201, put.text);
    assert.equal(((await s.arm('GET', `${DEPLOYMENT}${Q}`)).body as { properties: Obj }).properties.provisioningState, 'Succeeded');
    const same = changes((await postWhatIf(s, `${DEPLOYMENT}/whatIf${Q}`, cliBody(['10.1.0.0/16']))).body);
    assert.equal(same[VNET_ID]?.changeType, 'NoChange');
    const edited = changes((await postWhatIf(s, `${DEPLOYMENT}/whatIf${Q}`, cliBody(['10.1.0.0/16', '10.2.0.0/16']))).body);
    assert.equal(edited[VNET_ID]?.changeType, 'Modify');
    assert.deepEqual(edited[VNET_ID]?.delta, [{
      path: 'properties.addressSpace.addressPrefixes', propertyChangeType: 'Array',
      children: [{ path: '1', propertyChangeType: 'Create', after: '10.2.0.0/16' }],
    }]);
    // Nothing was changed by looking.
    const vnet = await s.arm('GET', `${VNET_ID}?api-version=2022-07-01`);
    assert.deepEqual(((vnet.body as { properties: { addressSpace: Obj } }).properties.addressSpace).addressPrefixes, ['10.1.0.0/16']);
  });

  void it('lists the operations of a deployment: per resource its state, status and target', async () => {
    const ops = await s.arm('GET', `${DEPLOYMENT}/operations${Q}`);
    assert.equal(ops.status, 200, ops.text);
    const list = (ops.body as { value: { operationId: string; properties: Obj }[] }).value;
    assert.deepEqual(list.map((o) => [o.properties.provisioningState, o.properties.statusCode, o.properties.targetResource]), [
      ['Succeeded', 'Created', { id: VNET_ID, resourceType: 'Microsoft.Network/virtualNetworks', resourceName: 'vnet-a' }],
    ]);
    const one = await s.arm('GET', `${DEPLOYMENT}/operations/${list[0]?.operationId ?? ''}${Q}`);
    assert.equal((one.body as { operationId: string }).operationId, list[0]?.operationId);
  });

  void it("a resource refused while deploying: its operation is Failed with its status and error", async () => {
    // A reference to an NSG that does not exist is found only when the resource is PUT (ARM's
    // preflight does not look); a subnet outside the VNet would be refused by the PUT's preflight.
    const failing = `${RG_ID}/providers/Microsoft.Resources/deployments/d-bad`;
    const nsg = `${RG_ID}/providers/Microsoft.Network/networkSecurityGroups/nsg-nowhere`;
    const body = cliBody(['10.1.0.0/16']).replace('"addressSpace"', `"subnets": [{ "name": "in", "properties": { "addressPrefix": "10.1.9.0/24", "networkSecurityGroup": { "id": "${nsg}" } } }], "addressSpace"`);
    assert.equal((await s.arm('PUT', `${failing}${Q}`, body)).status, 201);
    const list = ((await s.arm('GET', `${failing}/operations${Q}`)).body as { value: { properties: Obj }[] }).value;
    assert.deepEqual(list.map((o) => [o.properties.provisioningState, o.properties.statusCode, (o.properties.statusMessage as { error: Obj }).error.code]), [
      ['Failed', 'BadRequest', 'InvalidResourceReference'],
    ]);
    const outside = cliBody(['10.1.0.0/16']).replace('"addressSpace"', '"subnets": [{ "name": "out", "properties": { "addressPrefix": "10.9.0.0/24" } }], "addressSpace"');
    const refused = await s.arm('PUT', `${RG_ID}/providers/Microsoft.Resources/deployments/d-outside${Q}`, outside);
    assert.deepEqual([refused.status, (refused.body as { error: Obj }).error.code], [400, 'InvalidTemplateDeployment'], refused.text);
    assert.match(refused.text, /NetcfgSubnetRangeOutsideVnet/);
  });

  void it('deletes the deployment record, not its resources', async () => {
    assert.equal((await s.arm('DELETE', `${DEPLOYMENT}${Q}`)).status, 204);
    assert.equal((await s.arm('GET', `${DEPLOYMENT}${Q}`)).status, 404);
    assert.equal((await s.arm('GET', `${VNET_ID}?api-version=2022-07-01`)).status, 200);
    assert.equal((await s.arm('DELETE', `${DEPLOYMENT}${Q}`)).status, 204);
  });

  void it('refuses a resource type FastRoute does not serve as not modelled, naming the resource and the feature', async () => {
    const template = { resources: [
      { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2022-07-01', name: 'vnet-a', location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.1.0.0/16'] } } },
      { type: 'Microsoft.Network/localNetworkGateways', apiVersion: '2022-07-01', name: 'onprem', location: 'westeurope', properties: { gatewayIpAddress: '1.1.1.1' } },
    ] };
    const r = await s.arm('POST', `${DEPLOYMENT}/validate${Q}`, { properties: { mode: 'Incremental', template } });
    const error = (r.body as { error: Obj }).error;
    assert.deepEqual([r.status, error.code], [400, 'InvalidTemplate']);
    assert.match(String(error.message), /template resource 'onprem' of type 'Microsoft\.Network\/localNetworkGateways' \(local network gateways \(VPN\)\) is not modelled by FastRoute/);
  });

  void it('what-if: a null in the template sets nothing, so it is no change', async () => {
    const path = `${RG_ID}/providers/Microsoft.Network/routeTables/rt-null`;
    const route = (nextHop: string | null) => ({ name: 'r1', properties: { addressPrefix: '10.9.0.0/16', nextHopType: 'None', nextHopIpAddress: nextHop, hasBgpOverride: null } });
    const template = { resources: [{ type: 'Microsoft.Network/routeTables', apiVersion: '2022-07-01', name: 'rt-null', location: 'westeurope', properties: { routes: [route(null)] } }] };
    const put = await s.arm('PUT', `${path}?api-version=2022-07-01`, { location: 'westeurope', properties: { routes: [route(null)] } });
    assert.equal(put.status, 201, put.text);
    const stored = ((put.body as { properties: { routes: Obj[] } }).properties.routes[0]?.properties ?? {}) as Obj;
    assert.deepEqual([stored.nextHopType, 'nextHopIpAddress' in stored], ['None', false], 'a null nextHopIpAddress is not set');
    const c = changes((await postWhatIf(s, `${DEPLOYMENT}/whatIf${Q}`, { properties: { mode: 'Incremental', template } })).body);
    assert.deepEqual([c[path]?.changeType, c[path]?.delta], ['NoChange', undefined]);
  });

  void it('what-if never shows a secret and does not count it as a change (a VM\'s adminPassword is never read back)', async () => {
    const net = 'Microsoft.Network';
    const template = { resources: [
      { type: `${net}/virtualNetworks`, apiVersion: '2022-07-01', name: 'vnet-vm', location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.7.0.0/16'] }, subnets: [{ name: 's', properties: { addressPrefix: '10.7.0.0/24' } }] } },
      { type: `${net}/networkInterfaces`, apiVersion: '2022-07-01', name: 'nic-vm', location: 'westeurope', dependsOn: ['vnet-vm'], properties: { ipConfigurations: [{ name: 'ip', properties: { subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-vm', 's')]" } } }] } },
      {
        type: 'Microsoft.Compute/virtualMachines', apiVersion: '2023-03-01', name: 'vm1', location: 'westeurope', dependsOn: ['nic-vm'],
        properties: {
          hardwareProfile: { vmSize: 'Standard_B1s' }, osProfile: { computerName: 'vm1', adminUsername: 'azureuser', adminPassword: 'S3cret-Pa55word!' },
          networkProfile: { networkInterfaces: [{ id: "[resourceId('Microsoft.Network/networkInterfaces', 'nic-vm')]" }] },
        },
      },
    ] };
    const body = { properties: { mode: 'Incremental', template } };
    const vm = `${RG_ID}/providers/Microsoft.Compute/virtualMachines/vm1`;
    const planned = await postWhatIf(s, `${RG_ID}/providers/Microsoft.Resources/deployments/vm/whatIf${Q}`, body);
    assert.equal(changes(planned.body)[vm]?.changeType, 'Create');
    assert.doesNotMatch(planned.text, /S3cret/, 'the secret is not shown');
    assert.equal((await s.arm('PUT', `${RG_ID}/providers/Microsoft.Resources/deployments/vm${Q}`, body)).status, 201);
    const after = changes((await postWhatIf(s, `${RG_ID}/providers/Microsoft.Resources/deployments/vm/whatIf${Q}`, body)).body);
    assert.deepEqual([after[vm]?.changeType, after[vm]?.delta], ['NoChange', undefined]);
  });

  void it("what-if in Complete mode: the group's other resources Delete", async () => {
    const c = changes((await postWhatIf(s, `${DEPLOYMENT}/whatIf${Q}`, cliBody(['10.1.0.0/16'], 'Complete'))).body);
    assert.deepEqual([c[VNET_ID]?.changeType, c[RT_ID]?.changeType], ['NoChange', 'Delete']);
    assert.equal((c[RT_ID]?.before as Obj).id, RT_ID);
  });
});
