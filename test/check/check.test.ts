// checkLab in-process: the tutorial holds; expectations fail on the verdict or on the reason (one
// code or a list); a lab the clouds reject is a report, not a crash; a lab that does not parse throws
// a line-accurate LabError.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLab, checkLabText, LAB_REJECTED, summarise } from '../../src/check/check.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { LabError } from '../../src/lab/types.ts';
import { expectingDroppedPing, rejectedByOci, tutorialYaml, withExpectations } from './labs.ts';

void describe('checkLab', () => {
  void it('the tutorial: 4 passed, 0 failed, ok', async () => {
    const report = await checkLab(parseLab(tutorialYaml(), 'tutorial.yaml'));
    assert.equal(report.lab, 'tutorial');
    assert.equal(report.passed, 4);
    assert.equal(report.failed, 0);
    assert.equal(report.ok, true);
    assert.deepEqual(report.expectations.map((e) => [e.name, e.actual, e.passed]), [
      ['oci-to-azure-ping', 'delivered', true],
      ['azure-to-oci-ping', 'delivered', true],
      ['oci-to-azure-ssh', 'delivered', true],
      ['azure-to-oci-ssh', 'delivered', true],
    ]);
    const ssh = report.expectations[2];
    assert.equal(ssh?.port, 22);
    assert.equal(ssh.trace.returnPath?.verdict, 'delivered');
    assert.deepEqual(report.findings.filter((f) => f.severity === 'error'), []);
  });

  void it('a delivered flow expected to be dropped fails, and ok is false', async () => {
    const report = await checkLabText(expectingDroppedPing(), 'variant.yaml');
    assert.equal(report.passed, 2);
    assert.equal(report.failed, 2);
    assert.equal(report.ok, false);
    const ping = report.expectations[0];
    assert.equal(ping?.expect, 'dropped');
    assert.equal(ping.actual, 'delivered');
    assert.equal(ping.passed, false);
  });

  void it('a dropped expectation passes only when the reason is one of those given', async () => {
    const report = await checkLabText(withExpectations(
      '{ name: http-any-reason, from: vm-azure, to: vm-oci, protocol: tcp, port: 80, expect: dropped }',
      '{ name: http-right-reason, from: vm-azure, to: vm-oci, protocol: tcp, port: 80, expect: dropped, reason: SECURITY_LIST_DENY }',
      '{ name: http-one-of, from: vm-azure, to: vm-oci, protocol: tcp, port: 80, expect: dropped, reason: [NSG_DENY, SECURITY_LIST_DENY] }',
      '{ name: http-wrong-reason, from: vm-azure, to: vm-oci, protocol: tcp, port: 80, expect: dropped, reason: NSG_DENY }',
    ), 'reasons.yaml');
    const byName = new Map(report.expectations.map((e) => [e.name, e]));
    assert.equal(byName.get('http-any-reason')?.passed, true);
    assert.equal(byName.get('http-right-reason')?.passed, true);
    assert.deepEqual(byName.get('http-right-reason')?.expectedReason, ['SECURITY_LIST_DENY']);
    assert.equal(byName.get('http-one-of')?.passed, true);
    const wrong = byName.get('http-wrong-reason');
    assert.equal(wrong?.passed, false);
    assert.equal(wrong.reason, 'SECURITY_LIST_DENY');
    assert.equal(report.passed, 7);
    assert.equal(report.failed, 1);
    assert.equal(report.ok, false);
  });

  void it('a lab the clouds reject is a report with a LAB_REJECTED error finding', async () => {
    const report = await checkLabText(rejectedByOci(), 'rejected.yaml');
    assert.equal(report.ok, false);
    assert.deepEqual(report.expectations, []);
    assert.equal(report.findings.length, 1);
    const finding = report.findings[0];
    assert.equal(finding?.code, LAB_REJECTED);
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /10\.30\.10\.0\/24/);
  });

  void it('a lab that does not parse throws a LabError with line numbers', async () => {
    await assert.rejects(checkLabText('name: broken\noci:\n  region: [\n', 'broken.yaml'), (err: unknown) => {
      assert.ok(err instanceof LabError);
      assert.equal(err.file, 'broken.yaml');
      assert.ok(err.issues.every((i) => typeof i.line === 'number'));
      return true;
    });
  });

  void it('an error finding alone makes the report not ok; warnings do not', () => {
    const finding = (severity: 'error' | 'warning') => ({ code: 'X', severity, resources: [], message: 'm', fix: 'f' });
    assert.equal(summarise('lab', [], [finding('warning')]).ok, true);
    assert.equal(summarise('lab', [], [finding('error')]).ok, false);
  });
});
