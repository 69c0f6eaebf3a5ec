// `fastroute up` / `down` end to end through the CLI, with progress, against an in-process server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestServer, TUTORIAL } from '../api/server.ts';
import { runCli, serverForSuite } from './run.ts';

void describe('CLI: up, status, down', () => {
  const suite = serverForSuite(startTestServer);

  void it('up shows progress and the interconnect states', async () => {
    const r = await runCli(['up', TUTORIAL], suite.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\[\s*\d+\.\ds\]/, 'progress lines carry the elapsed time');
    assert.match(r.stdout, /Lab tutorial is up/);
    assert.match(r.stdout, /lifecycleState\s+│ PROVISIONED/);
  });

  void it('status shows VC, circuit, peering and connection states', async () => {
    const r = await runCli(['status'], suite.env);
    assert.equal(r.code, 0, r.stderr);
    for (const re of [/lifecycleState\s+│ PROVISIONED/, /providerState\s+│ ACTIVE/, /bgpSessionState\s+│ UP/, /serviceProviderProvisioningState\s+│ Provisioned/, /private peering\s+│ .*12076.*31898/, /Connection .*│ Connected/]) {
      assert.match(r.stdout, re);
    }
    const json = JSON.parse((await runCli(['status', '--json'], suite.env)).stdout) as { interconnects: { virtualCircuit: { lifecycleState: string } }[] };
    assert.equal(json.interconnects[0]?.virtualCircuit.lifecycleState, 'PROVISIONED');
  });

  void it('up of a lab that is already up is refused; down tears it down', async () => {
    const again = await runCli(['up', TUTORIAL], suite.env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already up/);
    const down = await runCli(['down'], suite.env);
    assert.equal(down.code, 0, down.stderr);
    assert.match(down.stdout, /Lab tutorial is down/);
  });
});
