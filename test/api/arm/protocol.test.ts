// ARM's protocol as clients see it on the wire: case-insensitive paths with names echoed as sent,
// api-version and bearer required, the LRO headers and polling (InProgress with Retry-After under
// a manual clock, then Succeeded), DELETE 202/204, preconditions, and ARM's error bodies.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { FAST_POLL, startArmServer, type ArmResponse, type ArmTestServer } from './harness.ts';

const SUB = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}`;
const V = '?api-version=2022-01-01';
const VNET = { location: 'eastus', properties: { addressSpace: { addressPrefixes: ['10.20.0.0/16'] }, subnets: [{ name: 'workload', properties: { addressPrefix: '10.20.1.0/24' } }] } };

function errorOf(r: ArmResponse): { code: string; message: string } {
  return (r.body as { error: { code: string; message: string } }).error;
}

function pathOf(url: string | string[] | undefined): string {
  assert.equal(typeof url, 'string', 'header present');
  const u = new URL(url as string);
  return `${u.pathname}${u.search}`;
}

void describe('ARM protocol (instant clock)', () => {
  let s: ArmTestServer;
  before(async () => {
    s = await startArmServer();
    assert.equal((await s.arm('PUT', `${SUB}/resourcegroups/Rg-Proto${V}`, { location: 'eastus' })).status, 201);
  });
  after(async () => {
    await s.close();
  });

  void it('matches paths without case and echoes names as they were created', async () => {
    const put = await s.arm('PUT', `${SUB}/resourceGroups/rg-proto/providers/Microsoft.Network/virtualNetworks/VNet-Mixed${V}`, VNET);
    assert.equal(put.status, 201);
    const got = await s.arm('GET', `${SUB.toUpperCase()}/RESOURCEGROUPS/RG-PROTO/PROVIDERS/microsoft.network/VIRTUALNETWORKS/vnet-mixed${V}`);
    assert.equal(got.status, 200);
    const body = got.body as { name: string; id: string; properties: { provisioningState: string } };
    assert.equal(body.name, 'VNet-Mixed');
    assert.match(body.id, /\/resourceGroups\/Rg-Proto\/providers\/Microsoft\.Network\/virtualNetworks\/VNet-Mixed$/);
    assert.equal(body.properties.provisioningState, 'Succeeded');
    const again = await s.arm('PUT', `${SUB}/resourceGroups/rg-proto/providers/Microsoft.Network/virtualNetworks/vnet-mixed${V}`, VNET);
    assert.equal(again.status, 200, 'a PUT on an existing resource is an update');
    assert.equal((again.body as { name: string }).name, 'VNet-Mixed');
  });

  void it('collapses duplicate slashes, as the CLI sometimes sends them', async () => {
    assert.equal((await s.arm('GET', `/${SUB}/resourcegroups/rg-proto${V}`)).status, 200);
  });

  void it('requires api-version and a bearer token with ARM\'s codes', async () => {
    const noVersion = await s.arm('GET', `${SUB}/resourcegroups/rg-proto`);
    assert.equal(noVersion.status, 400);
    assert.equal(errorOf(noVersion).code, 'MissingApiVersionParameter');
    const noToken = await s.arm('GET', `${SUB}/resourcegroups/rg-proto${V}`, undefined, { authorization: '' });
    assert.equal(noToken.status, 401);
    assert.equal(errorOf(noToken).code, 'AuthenticationFailed');
  });

  void it('answers ResourceGroupNotFound, ResourceNotFound, NotFound and NotImplemented', async () => {
    const rg = await s.arm('PUT', `${SUB}/resourceGroups/nope/providers/Microsoft.Network/virtualNetworks/v${V}`, VNET);
    assert.equal(rg.status, 404);
    assert.equal(errorOf(rg).code, 'ResourceGroupNotFound');
    const res = await s.arm('GET', `${SUB}/resourceGroups/rg-proto/providers/Microsoft.Network/virtualNetworks/absent${V}`);
    assert.equal(res.status, 404);
    assert.equal(errorOf(res).code, 'ResourceNotFound');
    assert.match(errorOf(res).message, /Microsoft\.Network\/virtualNetworks\/absent/);
    const route = await s.arm('GET', `/no/such/thing${V}`);
    assert.equal(route.status, 404);
    assert.equal(errorOf(route).code, 'NotFound');
    const lb = await s.arm('PUT', `${SUB}/resourceGroups/rg-proto/providers/Microsoft.Network/loadBalancers/lb${V}`, { location: 'eastus' });
    assert.equal(lb.status, 501);
    assert.equal(errorOf(lb).code, 'NotImplemented');
    assert.match(errorOf(lb).message, /loadBalancers/);
    // A last name left empty (".../routeTables/") names nothing: not a route FastRoute lacks.
    const empty = await s.arm('POST', `${SUB}/resourceGroups/rg-proto/providers/Microsoft.Network/expressRouteCircuits/c/peerings/AzurePrivatePeering/routeTables/${V}`);
    assert.equal(empty.status, 404);
    assert.equal(errorOf(empty).code, 'NotFound');
  });

  void it('PUT answers 201 with Azure-AsyncOperation; the status resource says Succeeded', async () => {
    const put = await s.arm('PUT', `${SUB}/resourceGroups/rg-proto/providers/Microsoft.Network/virtualNetworks/v-lro${V}`, VNET);
    assert.equal(put.status, 201);
    assert.equal((put.body as { properties: { provisioningState: string } }).properties.provisioningState, 'Updating');
    const async = put.headers['azure-asyncoperation'];
    assert.match(String(async), /\/providers\/Microsoft\.Network\/locations\/eastus\/operations\/[\w-]+\?api-version=2022-01-01$/);
    const status = await s.arm('GET', pathOf(async));
    assert.equal(status.status, 200);
    assert.equal((status.body as { status: string }).status, 'Succeeded');
  });

  void it('DELETE answers 202 with Location, the Location answers 204 once gone, and a second DELETE is 204', async () => {
    await s.arm('PUT', `${SUB}/resourceGroups/rg-proto/providers/Microsoft.Network/virtualNetworks/v-del${V}`, VNET);
    const del = await s.arm('DELETE', `${SUB}/resourceGroups/rg-proto/providers/Microsoft.Network/virtualNetworks/v-del${V}`);
    assert.equal(del.status, 202);
    assert.equal(del.headers['retry-after'], '1');
    const loc = await s.arm('GET', pathOf(del.headers.location));
    assert.equal(loc.status, 204);
    assert.equal((await s.arm('DELETE', `${SUB}/resourceGroups/rg-proto/providers/Microsoft.Network/virtualNetworks/v-del${V}`)).status, 204);
  });

  void it('If-Match with a stale etag and If-None-Match: * on an existing resource are 412 PreconditionFailed', async () => {
    const url = `${SUB}/resourceGroups/rg-proto/providers/Microsoft.Network/virtualNetworks/v-etag${V}`;
    const created = await s.arm('PUT', url, VNET);
    const etag = (created.body as { etag: string }).etag;
    const stale = await s.arm('PUT', url, VNET, { 'if-match': 'W/"stale"' });
    assert.equal(stale.status, 412);
    assert.equal(errorOf(stale).code, 'PreconditionFailed');
    assert.equal((await s.arm('PUT', url, VNET, { 'if-match': etag })).status, 200);
    assert.equal((await s.arm('PUT', url, VNET, { 'if-none-match': '*' })).status, 412);
  });

  void it('bad JSON, wrong types and oversized bodies are refused and change nothing', async () => {
    const url = `${SUB}/resourceGroups/rg-proto/providers/Microsoft.Network/virtualNetworks/v-bad${V}`;
    await s.arm('PUT', url, VNET);
    const before = (await s.arm('GET', url)).body;
    const json = await s.arm('PUT', url, '{"location": "eastus", ');
    assert.equal(json.status, 400);
    assert.equal(errorOf(json).code, 'InvalidRequestContent');
    const typed = await s.arm('PUT', url, { location: 'eastus', properties: { addressSpace: { addressPrefixes: '10.0.0.0/8' } } });
    assert.equal(typed.status, 400);
    assert.equal(errorOf(typed).code, 'InvalidRequestFormat');
    assert.match(errorOf(typed).message, /properties\.addressSpace\.addressPrefixes/);
    const huge = await s.arm('PUT', url, { location: 'eastus', tags: { pad: 'x'.repeat(5 * 1024 * 1024) } });
    assert.equal(huge.status, 413);
    const prefix = await s.arm('PUT', url, { ...VNET, properties: { addressSpace: { addressPrefixes: ['10.20.0.0/33'] } } });
    assert.equal(prefix.status, 400);
    assert.deepEqual((await s.arm('GET', url)).body, before, 'the stored VNet is unchanged');
  });

  void it('HEAD on a resource group is 204 when it exists and 404 when not; request ids come back', async () => {
    const yes = await s.arm('HEAD', `${SUB}/resourcegroups/rg-proto${V}`, undefined, { 'x-ms-client-request-id': 'mine-1' });
    assert.equal(yes.status, 204);
    assert.equal(yes.headers['x-ms-client-request-id'], 'mine-1');
    assert.match(String(yes.headers['x-ms-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal((await s.arm('HEAD', `${SUB}/resourcegroups/absent${V}`)).status, 404);
  });

  void it('the SDK follows the same protocol: create, page, delete', async () => {
    const { network, resources } = s.clients();
    await resources.resourceGroups.createOrUpdate('rg-sdk', { location: 'westeurope' });
    for (let i = 0; i < 3; i++) {
      await network.virtualNetworks.beginCreateOrUpdateAndWait('rg-sdk', `vnet-${i}`, { location: 'westeurope', addressSpace: { addressPrefixes: [`10.${30 + i}.0.0/16`] } }, FAST_POLL);
    }
    const names: string[] = [];
    for await (const v of network.virtualNetworks.list('rg-sdk')) names.push(v.name ?? '');
    assert.deepEqual(names, ['vnet-0', 'vnet-1', 'vnet-2']);
    await network.virtualNetworks.beginDeleteAndWait('rg-sdk', 'vnet-1', FAST_POLL);
    await assert.rejects(network.virtualNetworks.get('rg-sdk', 'vnet-1'), (e: { statusCode?: number; code?: string }) => e.statusCode === 404 && e.code === 'ResourceNotFound');
    assert.equal(await resources.resourceGroups.checkExistence('rg-sdk').then((r) => r.body), true);
  });
});

void describe('ARM LRO polling under a manual clock', () => {
  let s: ArmTestServer;
  before(async () => {
    s = await startArmServer({ clock: 'manual' });
    await s.arm('PUT', `${SUB}/resourcegroups/rg-slow${V}`, { location: 'eastus' });
  });
  after(async () => {
    await s.close();
  });

  void it('reports InProgress with Retry-After: 1 until the clock moves, then Succeeded', async () => {
    const put = await s.arm('PUT', `${SUB}/resourceGroups/rg-slow/providers/Microsoft.Network/virtualNetworks/v${V}`, VNET);
    const status = pathOf(put.headers['azure-asyncoperation']);
    const running = await s.arm('GET', status);
    assert.equal((running.body as { status: string }).status, 'InProgress');
    assert.equal(running.headers['retry-after'], '1');
    await s.engine.advance(3600);
    const done = await s.arm('GET', status);
    assert.equal((done.body as { status: string }).status, 'Succeeded');
    assert.equal(done.headers['retry-after'], undefined);
  });

  void it('a DELETE\'s Location answers 202 while deleting and 204 once the resource is gone', async () => {
    const del = await s.arm('DELETE', `${SUB}/resourceGroups/rg-slow/providers/Microsoft.Network/virtualNetworks/v${V}`);
    assert.equal(del.status, 202);
    const loc = pathOf(del.headers.location);
    const running = await s.arm('GET', loc);
    assert.equal(running.status, 202);
    assert.equal(running.headers['retry-after'], '1');
    assert.equal((await s.arm('GET', `${SUB}/resourceGroups/rg-slow/providers/Microsoft.Network/virtualNetworks/v${V}`)).status, 200, 'still there, Deleting');
    await s.engine.advance(3600);
    assert.equal((await s.arm('GET', loc)).status, 204);
  });
});
