// `fastroute traffic` and the drill's traffic table through the real CLI against a server with the
// tutorial up (its lab declares two flows): --json prints exactly the API's answer; the table shows
// per-link utilisation; a primary link-down drill shows the secondary's load doubling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTutorialServer } from '../api/tutorial-server.ts';
import { runCli, serverForSuite } from './run.ts';

const NOON = '2026-01-15T12:00:00Z';

void describe('CLI: traffic', () => {
  const suite = serverForSuite(startTutorialServer);

  void it('traffic --json prints the API response', async () => {
    const r = await runCli(['traffic', '--at', NOON, '--json'], suite.env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), (await suite.s.api('GET', `/traffic?at=${NOON}`)).body);
  });

  void it('traffic prints per-link utilisation, by name', async () => {
    const r = await runCli(['traffic', '--at', NOON], suite.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^2 flow\(s\) at 2026-01-15T12:00:00.000Z: 422 Mbps offered, 422 delivered, 0 dropped/);
    assert.match(r.stdout, /vc-azure secondary\s*│?\s*link\s*│?\s*to-azure\s*│?\s*1000\s*│?\s*60\s*│?\s*60\s*│?\s*0\s*│?\s*6\.0%/);
    assert.match(r.stdout, /ergw\s*│?\s*er-gateway\s*│?\s*to-oci\s*│?\s*1000\s*│?\s*302\s*│?\s*302\s*│?\s*0\s*│?\s*30\.2%/);
    assert.match(r.stdout, /Nothing is dropped\./);
    assert.doesNotMatch(r.stdout, /ocid1\./);
    const bad = await runCli(['traffic', '--at', 'noon'], suite.env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /at is an ISO 8601 date-time/);
  });

  void it('drill link-down prints the traffic before and during: the secondary carries twice as much', async () => {
    const r = await runCli(['drill', 'link-down', '--path', 'primary'], suite.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Traffic \(placed at [^)]+\): (\d+(\.\d)?) Mbps delivered before, \1 during\./);
    const row = /vc-azure secondary\s*│?\s*to-azure\s*│?\s*([\d.]+)\s*│?\s*[\d.]+%\s*│?\s*([\d.]+)\s*│?/.exec(r.stdout);
    assert.ok(row, r.stdout);
    assert.equal(Number(row[2]), 2 * Number(row[1]));
    assert.equal((await runCli(['drill', 'stop'], suite.env)).code, 0);
  });
});
