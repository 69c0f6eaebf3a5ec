// POST /check: a lab checked in a private engine, whatever the server's own world holds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CheckReport, ErrorBody } from '../../src/api/admin/contract.ts';
import { expectingDroppedPing, tutorialYaml } from '../check/labs.ts';
import { startTestServer, type TestServer } from './server.ts';

void describe('admin API: POST /check', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s.close();
  });

  void it('checks the tutorial without bringing it up on the server', async () => {
    const r = await s.api('POST', '/check', { yaml: tutorialYaml(), file: 'labs/tutorial.yaml' });
    assert.equal(r.status, 200, r.text);
    const report = r.body as CheckReport;
    assert.equal(report.lab, 'tutorial');
    assert.equal(report.passed, 4);
    assert.equal(report.failed, 0);
    assert.equal(report.ok, true);
    assert.equal(report.expectations[0]?.trace.verdict, 'delivered');
    assert.deepEqual(((await s.api('GET', '/labs')).body as { labs: string[] }).labs, [], "the server's world is untouched");
  });

  void it('a failing expectation is a 200 report with ok false', async () => {
    const report = (await s.api('POST', '/check', { yaml: expectingDroppedPing() })).body as CheckReport;
    assert.equal(report.failed, 2);
    assert.equal(report.ok, false);
  });

  void it('an invalid lab is 400 LabInvalid with line-accurate issues; a bad body is 400', async () => {
    const r = await s.api('POST', '/check', { yaml: 'name: broken\noci:\n  region: 42\n', file: 'broken.yaml' });
    assert.equal(r.status, 400);
    const body = r.body as ErrorBody;
    assert.equal(body.code, 'LabInvalid');
    assert.ok((body.issues ?? []).some((i) => i.line === 3), JSON.stringify(body.issues));
    assert.equal((await s.api('POST', '/check', { file: 'x.yaml' })).status, 400, 'yaml is required');
    assert.equal((await s.api('POST', '/check', { yaml: 'x', extra: true })).status, 400, 'unknown fields are refused');
  });
});
