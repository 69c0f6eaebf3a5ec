// POST /fastroute/v1/resolve over real HTTP on labs/dns-forwarding.yaml, and `fastroute resolve`
// (the compiled CLI) against the same server: answers both ways, a failure with its reason and exit
// code, and bad bodies rejected with 400.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ResolveResponse } from '../../src/api/admin/resolve.ts';
import { startTestServer } from './server.ts';
import { runCli, serverForSuite } from '../cli/run.ts';

const LAB = path.join(import.meta.dirname, '../../labs/dns-forwarding.yaml');

void describe('resolve: admin API and CLI', () => {
  const suite = serverForSuite(() => startTestServer({ lab: LAB }));

  void it('POST /resolve answers OCI → Azure and Azure → OCI, with the network hop\'s trace', async () => {
    const r = await suite.s.api('POST', '/resolve', { from: 'vm-oci', name: 'db.azure.example' });
    assert.equal(r.status, 200, r.text);
    const body = r.body as ResolveResponse;
    assert.equal(body.verdict, 'answered');
    assert.deepEqual(body.answer.map((a) => a.data), ['10.20.10.10']);
    assert.equal(body.hops.find((h) => h.kind === 'network')?.trace?.verdict, 'delivered');
    assert.equal(typeof body.names, 'object');
    const back = (await suite.s.api('POST', '/resolve', { from: 'vm-azure', name: 'vm-oci.subnetoci.vcnoci.oraclevcn.com', type: 'A' })).body as ResolveResponse;
    assert.deepEqual(back.answer.map((a) => a.data), ['10.10.10.10']);
  });

  void it('a failure carries its reason; bad bodies are 400', async () => {
    const nx = (await suite.s.api('POST', '/resolve', { from: 'vm-oci', name: 'nothing.azure.example' })).body as ResolveResponse;
    assert.equal(nx.reason, 'NXDOMAIN');
    for (const bad of [{ from: 'vm-oci' }, { from: 'vm-oci', name: 'x', type: 'MX' }, { from: 'vm-oci', name: 'x', extra: 1 }]) {
      const r = await suite.s.api('POST', '/resolve', bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
    }
  });

  void it('fastroute resolve prints the hops and exits 0 / 1 / 2', async () => {
    const ok = await runCli(['resolve', '--from', 'vm-azure', 'db.oci.example'], suite.env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /forwarding-rule/);
    assert.match(ok.stdout, /db\.oci\.example \d+ IN A 10\.10\.10\.10/);
    const failed = await runCli(['resolve', '--from', 'vm-oci', 'nothing.azure.example', '--json'], suite.env);
    assert.equal(failed.code, 1);
    assert.equal((JSON.parse(failed.stdout) as ResolveResponse).reason, 'NXDOMAIN');
    const usage = await runCli(['resolve', '--from', 'vm-oci', 'x.example', '--type', 'MX'], suite.env);
    assert.equal(usage.code, 2);
  });
});
