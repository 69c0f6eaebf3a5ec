// POST /diff through real HTTP: lab texts side by side, and the running world plus API operations
// (OCI and ARM) in one private engine, which must give what the two labs give; the server's world is
// read, never changed; a refused change is the cloud's error as a 400 ChangeRejected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorBody } from '../../src/api/admin/contract.ts';
import type { DiffReport } from '../../src/diff/types.ts';
import { denyingSsh, tutorialYaml, withoutRouteRule } from '../diff/labs.ts';
import { startTestServer, type TestServer } from './server.ts';

void describe('admin API: POST /diff', () => {
  let s: TestServer;
  let routeTableId = '';
  let nsgId = '';
  before(async () => {
    s = await startTestServer();
    assert.equal((await s.api('POST', '/labs', { yaml: tutorialYaml(), file: 'labs/tutorial.yaml' })).status, 201);
    const tables = (await s.api('GET', '/resources?kind=oci.RouteTable')).body as { items: { id: string; displayName: string }[] };
    routeTableId = tables.items.find((t) => t.displayName === 'rt-oci')?.id ?? '';
    const nsgs = (await s.api('GET', '/resources?kind=azure.NetworkSecurityGroup')).body as { items: { id: string; name: string }[] };
    nsgId = nsgs.items.find((n) => n.name === 'nsg-workload')?.id ?? '';
    assert.ok(routeTableId !== '' && nsgId !== '');
  });
  after(async () => {
    await s.close();
  });

  const diff = async (body: unknown): Promise<DiffReport> => {
    const r = await s.api('POST', '/diff', body);
    assert.equal(r.status, 200, r.text);
    return r.body as DiffReport;
  };

  void it('the running world plus an OCI route table update gives the flows the two labs give, and leaves the server\'s world as it was', async () => {
    const labs = await diff({ before: { yaml: tutorialYaml() }, after: { yaml: withoutRouteRule() } });
    const running = await diff({ before: 'running', change: { operations: [{ api: 'oci', method: 'PUT', path: `/20160918/routeTables/${routeTableId}`, body: { routeRules: [] } }] } });
    assert.equal(running.before, 'running');
    assert.equal(running.after, 'running + 1 operation(s)');
    assert.deepEqual(running.flows, labs.flows);
    assert.deepEqual(running.routes, labs.routes);
    assert.equal(running.failed, true);
    assert.ok(running.summary.walks.after <= running.summary.walks.before, `one engine: the memo answers what the change did not touch (${JSON.stringify(running.summary.walks)})`);
    const held = (await s.api('GET', `/resources/oci.RouteTable/${routeTableId}`)).body as { routeRules: unknown[] };
    assert.equal(held.routeRules.length, 1, 'the server\'s route table keeps its rule');
  });

  void it('an ARM security rule PUT gives what the lab with that rule gives', async () => {
    const labs = await diff({ before: { yaml: tutorialYaml() }, after: { yaml: denyingSsh() } });
    const rule = { properties: { priority: 105, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '10.10.0.0/16', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '22' } };
    const running = await diff({ before: 'running', change: { operations: [{ api: 'arm', method: 'PUT', path: `${nsgId}/securityRules/deny-oci-ssh?api-version=2023-09-01`, body: rule }] }, failOn: 'none' });
    assert.deepEqual(running.flows, labs.flows);
    assert.equal(running.flows[0]?.after.at, 'NSG nsg-workload rule deny-oci-ssh');
    assert.equal(running.failed, false, '--fail-on none');
  });

  void it('no change: an empty report', async () => {
    const r = await diff({ before: 'running', failOn: 'any' });
    assert.deepEqual([r.flows.length, r.routes.length, r.failed], [0, 0, false]);
  });

  void it('a change the API refuses is 400 ChangeRejected with the cloud\'s code; a bad body or lab is 400', async () => {
    const r = await s.api('POST', '/diff', { before: 'running', change: { operations: [{ api: 'oci', method: 'PUT', path: '/20160918/routeTables/ocid1.routetable.oc1.iad.nope', body: { routeRules: [] } }] } });
    assert.equal(r.status, 400, r.text);
    assert.equal((r.body as ErrorBody).code, 'ChangeRejected');
    assert.match((r.body as ErrorBody).message, /404 NotAuthorizedOrNotFound/);
    assert.equal((await s.api('POST', '/diff', { before: 'nothing' })).status, 400);
    assert.equal((await s.api('POST', '/diff', { before: 'running', failOn: 'sometimes' })).status, 400);
    const bad = await s.api('POST', '/diff', { before: { yaml: 'name: broken\noci:\n  region: 42\n' } });
    assert.equal(bad.status, 400);
    assert.equal((bad.body as ErrorBody).code, 'LabInvalid');
  });
});
