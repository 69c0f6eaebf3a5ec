// `fastroute check LAB --dataplane` as users run it (root): the tutorial agrees and exits 0; a lab
// where the engine and the kernel disagree exits 1 and names both answers. The disagreement is the
// asymmetric-firewall ping whose request alone crosses the stateful firewall (the engine drops it, a
// real firewall forwards it: see ENGINE_DIFFERS in agreement.test.ts); when the engine changes, that
// lab agrees and exits 0, and this case must find another disagreement.
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

  void it('the asymmetric firewall: the replies fw-oci sees without their request are dropped for real; the ping it sees only the request of is not: exit 1, both answers named', async () => {
    const r = await runCli(['check', 'labs/broken/asymmetric-firewall.yaml', '--dataplane'], env);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    for (const name of ['azure-app-to-oci-app-ping', 'azure-app-to-oci-app-sqlnet', 'azure-data-to-oci-app-sqlnet']) {
      assert.match(r.stdout, new RegExp(`✓ ${name}: .*: both dropped`), name);
    }
    assert.match(r.stdout, /✗ oci-app-to-azure-app-ping: vm-app → vm-azure-app icmp: DISAGREE: engine says dropped \(ASYMMETRIC_RETURN\) via vm-app → .* → fw-oci → .* → vm-azure-app; kernel says delivered \(ping: 1 packets transmitted, 1 received/);
    assert.match(r.stdout, /Agreement: FAILED \(1 disagreement\(s\) between the engine and the kernel\)/);
    const json = await runCli(['check', 'labs/broken/asymmetric-firewall.yaml', '--dataplane', '--json'], env);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout) as DataplaneCheckReport;
    assert.equal(report.ok, false);
    assert.equal(report.dataplane?.disagreed, 1);
    assert.equal(report.dataplane?.agreed, 6);
  });
});
