// `fastroute check LAB.yaml` runs without a server (FASTROUTE_URL points nowhere) and exits 0 when
// the lab holds, 1 when an expectation fails, 2 when the lab is invalid.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { CheckReport, ErrorBody } from '../../src/api/admin/contract.ts';
import { expectingDroppedPing, rejectedByOci } from '../check/labs.ts';
import { runCli } from './run.ts';

/** Nothing listens here: check must not need a server. */
const env = { FASTROUTE_URL: 'http://127.0.0.1:9' };
const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-check-'));

function labFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

void describe('fastroute check', () => {
  void it('the tutorial holds: exit 0, and --json has passed 4 failed 0', async () => {
    const json = await runCli(['check', 'labs/tutorial.yaml', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout) as CheckReport;
    assert.equal(report.passed, 4);
    assert.equal(report.failed, 0);
    assert.equal(report.ok, true);

    const human = await runCli(['check', 'labs/tutorial.yaml'], env);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^Lab tutorial: 4 expectation\(s\), 4 passed, 0 failed/);
    assert.match(human.stdout, /✓ oci-to-azure-ping: vm-oci → vm-azure icmp: expected delivered, got delivered/);
    assert.match(human.stdout, /✓ azure-to-oci-ssh: vm-azure → vm-oci tcp\/22/);
    assert.match(human.stdout, /Result: OK/);
    assert.ok(!human.stdout.includes('\u001b['), 'no colour when stdout is not a terminal');
  });

  void it('a failing expectation: exit 1 and the report says which', async () => {
    const file = labFile('dropped-ping.yaml', expectingDroppedPing());
    const r = await runCli(['check', file], env);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /✗ oci-to-azure-ping: vm-oci → vm-azure icmp: expected dropped, got delivered/);
    assert.match(r.stdout, /Result: FAILED \(2 expectation\(s\) failed\)/);
    const json = await runCli(['check', file, '--json'], env);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout) as CheckReport;
    assert.deepEqual([report.passed, report.failed, report.ok], [2, 2, false]);
  });

  void it('a failed drop reason shows the hop that decided', async () => {
    const file = labFile('wrong-reason.yaml', `${expectingDroppedPing().replace(/expect: dropped/g, 'expect: delivered')}  - { name: http, from: vm-azure, to: vm-oci, protocol: tcp, port: 80, expect: dropped, reason: NSG_DENY }\n`);
    const r = await runCli(['check', file], env);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /✗ http: vm-azure → vm-oci tcp\/80: expected dropped \(NSG_DENY\), got dropped \(SECURITY_LIST_DENY\)/);
    assert.match(r.stdout, /request dropped at hop:\n\s+\d+\. \[oci\] vnic-ingress · drop · vm-oci · SECURITY_LIST_DENY/);
  });

  void it('findings name their resources; --ids and --json keep the ids', async () => {
    const r = await runCli(['check', 'labs/broken/missing-route-rule.yaml'], env);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /resources: rt-oci, subnet-oci, drg-oci\n/);
    assert.doesNotMatch(r.stdout, /ocid1\./);
    const ids = await runCli(['check', 'labs/broken/missing-route-rule.yaml', '--ids'], env);
    assert.match(ids.stdout, /resources: ocid1\.routetable\.\S+, ocid1\.subnet\.\S+, ocid1\.drg\.\S+\n/);
    const report = JSON.parse((await runCli(['check', 'labs/broken/missing-route-rule.yaml', '--json'], env)).stdout) as CheckReport;
    const finding = report.findings.find((f) => f.resources.length === 3);
    assert.deepEqual(finding?.resources.map((id) => report.names[id]), ['rt-oci', 'subnet-oci', 'drg-oci']);

    const azure = await runCli(['check', 'labs/broken/gateway-subnet-nsg.yaml'], env);
    assert.match(azure.stdout, /resources: vnet-azure\/GatewaySubnet, nsg-workload, ergw\n/);
  });

  void it('a syntactically broken lab: exit 2 with the line number', async () => {
    const file = labFile('broken.yaml', 'name: broken\noci:\n  region: us-ashburn-1\n  vcns: [\n');
    const r = await runCli(['check', file], env);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, new RegExp(`${file.replace(/[.\\]/g, '\\$&')}:5:1: \\(yaml\\): `));
    assert.equal(r.stdout, '');
    const json = await runCli(['check', file, '--json'], env);
    assert.equal(json.code, 2);
    const body = JSON.parse(json.stdout) as ErrorBody;
    assert.equal(body.code, 'LabInvalid');
    assert.equal(body.issues?.[0]?.line, 5);
  });

  void it('a schema error is reported at its line; a missing file and a rejected lab exit 2 too', async () => {
    const typo = labFile('typo.yaml', expectingDroppedPing().replace('  region: us-ashburn-1', '  regoin: us-ashburn-1'));
    const r = await runCli(['check', typo], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /typo\.yaml:12:3: oci\.regoin: unknown field "regoin"; did you mean "region"\?/);

    const missing = await runCli(['check', path.join(dir, 'nope.yaml')], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope\.yaml/);

    const rejected = await runCli(['check', labFile('rejected.yaml', rejectedByOci())], env);
    assert.equal(rejected.code, 2, rejected.stderr);
    assert.match(rejected.stdout, /Lab tutorial was REJECTED/);
    assert.match(rejected.stdout, /10\.30\.10\.0\/24/);
  });
});
