// Labs through the admin API: the tutorial comes up with the interconnect's real states, refuses a
// second apply, tears down, and an invalid lab is a 400 with line-accurate issues.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTestServer, TUTORIAL, type TestServer } from './server.ts';

type Json = Record<string, unknown>;

void describe('admin API: labs', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s.close();
  });

  void it('an invalid lab is 400 LabInvalid with issues, and changes nothing', async () => {
    const r = await s.api('POST', '/labs', { yaml: 'name: broken\noci:\n  region: 42\n', file: 'broken.yaml' });
    assert.equal(r.status, 400);
    const body = r.body as { code: string; message: string; issues: { path: string; message: string; line?: number }[] };
    assert.equal(body.code, 'LabInvalid');
    assert.ok(body.issues.length > 0);
    assert.ok(body.issues.some((i) => typeof i.line === 'number'), 'issues carry line numbers');
    assert.deepEqual(((await s.api('GET', '/labs')).body as Json).labs, []);
    assert.equal((await s.api('POST', '/labs', { file: 'x.yaml' })).status, 400, 'yaml is required');
  });

  void it('POST /labs brings the tutorial up; status shows the provisioned interconnect', async () => {
    const yaml = readFileSync(TUTORIAL, 'utf8');
    const r = await s.api('POST', '/labs', { yaml, file: 'labs/tutorial.yaml' });
    assert.equal(r.status, 201, r.text);
    const report = r.body as { lab: string; created: number; incomplete: unknown[] };
    assert.equal(report.lab, 'tutorial');
    assert.ok(report.created > 0);
    assert.deepEqual(report.incomplete, []);

    assert.deepEqual(((await s.api('GET', '/labs')).body as Json).labs, ['tutorial']);
    const status = (await s.api('GET', '/status')).body as { labs: string[]; interconnects: Json[] };
    assert.deepEqual(status.labs, ['tutorial']);
    assert.equal(status.interconnects.length, 1);
    const ic = status.interconnects[0] as {
      virtualCircuit: Json;
      circuit: { serviceProviderProvisioningState: string; privatePeering?: Json };
      connections: Json[];
    };
    assert.equal(ic.virtualCircuit.lifecycleState, 'PROVISIONED');
    assert.equal(ic.virtualCircuit.providerState, 'ACTIVE');
    assert.equal(ic.virtualCircuit.bgpSessionState, 'UP');
    assert.equal(ic.circuit.serviceProviderProvisioningState, 'Provisioned');
    assert.equal(ic.circuit.privatePeering?.azureASN, 12076);
    assert.equal(ic.circuit.privatePeering?.peerASN, 31898);
    assert.equal(ic.connections[0]?.connectionStatus, 'Connected');

    const again = await s.api('POST', '/labs', { yaml, file: 'labs/tutorial.yaml' });
    assert.equal(again.status, 409, 'a lab that is up is not applied twice');
  });

  void it('DELETE /labs/:name tears it down; an unknown lab is 404', async () => {
    assert.equal((await s.api('DELETE', '/labs/nope')).status, 404);
    const r = await s.api('DELETE', '/labs/tutorial');
    assert.equal(r.status, 200, r.text);
    const body = r.body as { lab: string; deleted: number };
    assert.equal(body.lab, 'tutorial');
    assert.ok(body.deleted > 0);
    assert.deepEqual(((await s.api('GET', '/labs')).body as Json).labs, []);
  });

  void it('streams progress as NDJSON when asked', async () => {
    const yaml = readFileSync(TUTORIAL, 'utf8');
    const r = await s.api('POST', '/labs', { yaml }, { accept: 'application/x-ndjson' });
    assert.equal(r.status, 201);
    assert.match(r.contentType, /application\/x-ndjson/);
    const lines = r.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; body?: Json });
    assert.ok(lines.some((l) => l.type === 'progress'), 'at least one progress line');
    const last = lines[lines.length - 1]!;
    assert.equal(last.type, 'result');
    assert.equal(last.body?.lab, 'tutorial');
  });
});
