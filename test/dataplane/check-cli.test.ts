// `fastroute check LAB --dataplane` as users run it (root): the tutorial agrees and exits 0; the
// asymmetric firewall (whose one-sided flows the engine judges per protocol, as the kernel's conntrack
// does) agrees too, and exits 1 for its doctor error only. No lab disagrees any more, so how a
// disagreement is printed is tested on the formatter (test/cli/check-dataplane-format.test.ts).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneCheckReport } from '../../src/check/check-dataplane.ts';
import { runCli } from '../cli/run.ts';
import { dataplaneMissing } from './machine.ts';

const env = { FASTROUTE_URL: 'http://127.0.0.1:9' };

describeWithTool('fastroute check --dataplane', dataplaneMissing(), () => {
  void it('the tutorial: engine and kernel agree on every expectation, exit 0', async () => {
    const r = await runCli(['check', 'labs/tutorial.yaml', '--dataplane'], env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Result: OK/);
    assert.match(r.stdout, /engine and kernel agree on 4 of 4 probed flow\(s\)/);
    assert.match(r.stdout, /✓ azure-to-oci-ssh: vm-azure → vm-oci tcp\/22: both delivered/);
    assert.match(r.stdout, /Agreement: OK/);
  });

  void it('the asymmetric firewall: the replies fw-oci sees without their request are dropped for real, the ping it sees only the request of is delivered, as the engine says; exit 1 for the doctor error alone', async () => {
    const r = await runCli(['check', 'labs/broken/asymmetric-firewall.yaml', '--dataplane'], env);
    // The lab is broken on purpose: the routing is asymmetric (ASYMMETRIC_ROUTING, an error) even where a ping survives it.
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /✗ ASYMMETRIC_ROUTING: /);
    for (const name of ['azure-app-to-oci-app-ping', 'azure-app-to-oci-app-sqlnet', 'azure-data-to-oci-app-sqlnet']) {
      assert.match(r.stdout, new RegExp(`✓ ${name}: .*: both dropped`), name);
    }
    assert.match(r.stdout, /✓ oci-app-to-azure-app-ping: vm-app → vm-azure-app icmp: both delivered/);
    assert.match(r.stdout, /Agreement: OK/);
    const json = await runCli(['check', 'labs/broken/asymmetric-firewall.yaml', '--dataplane', '--json'], env);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout) as DataplaneCheckReport;
    assert.equal(report.failed, 0, 'every expectation holds');
    assert.deepEqual(report.findings.filter((f) => f.severity === 'error').map((f) => f.code), ['ASYMMETRIC_ROUTING']);
    assert.equal(report.dataplane?.disagreed, 0);
    assert.equal(report.dataplane?.agreed, 7);
  });
});
