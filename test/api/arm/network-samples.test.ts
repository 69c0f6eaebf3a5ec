// The @azure/arm-network samples (vendored byte-identical under test/fixtures/arm-network-samples,
// sources in its README) run unchanged against FastRoute, but for the mechanical substitutions in
// network-samples/substitute.ts: each succeeds and leaves the state it asked for, or stops with the
// error the cloud gives too, or FastRoute's explicit FeatureNotModelled. Never a silent success.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { startArmServer, type ArmTestServer } from './harness.ts';
import { CHAINS } from './network-samples/plan.ts';
import { runChains, stepKey, type StepResult } from './network-samples/run-chains.ts';

void describe('@azure/arm-network samples against FastRoute', () => {
  let s: ArmTestServer;
  let results: Map<string, StepResult>;

  before(async () => {
    s = await startArmServer();
    results = await runChains(CHAINS, {
      armUrl: s.armUrl,
      caFile: s.endpoints.armCa,
      subscriptionId: DEFAULT_SUBSCRIPTION_ID,
      clients: (rg) => ({ ...s.clients(), rg, ociEndpoint: s.endpoints.oci }),
    });
  });
  after(async () => {
    // One summary line: samples run, those that stopped with an error, and each chain's sample time.
    const reports = [...results.values()].flatMap((r) => (r.report ? [r.report] : []));
    const chainMs = Object.fromEntries(CHAINS.map((c) => [c.rg, c.steps.reduce((ms, st) => ms + (results.get(stepKey(c, st))?.report?.ms ?? 0), 0)]));
    console.log(`SAMPLES ${JSON.stringify({ run: reports.length, stopped: reports.filter((r) => r.errors.length > 0).length, chainMs })}`);
    await s.close();
  });

  for (const chain of CHAINS) {
    for (const step of chain.steps) {
      void it(`${step.file} (${chain.rg})${step.fails === undefined ? '' : ` stops with ${step.fails}`}`, () => {
        const r = results.get(stepKey(chain, step));
        assert.ok(r, 'the sample did not run (an earlier one in its chain timed out?)');
        assert.equal(r.prepareError, undefined, `a prerequisite failed: ${String(r.prepareError)}`);
        const report = r.report;
        assert.ok(report);
        assert.equal(report.timedOut, false, `the sample did not finish: ${JSON.stringify(report.errors)}`);
        const codes = report.errors.map((e) => e.code ?? e.message);
        assert.deepEqual(codes, step.fails === undefined ? [] : [step.fails], JSON.stringify(report.errors));
        const printed = report.out.join('\n');
        for (const re of step.prints ?? []) assert.match(printed, re);
        assert.equal(r.checkError, undefined, `the state it left: ${String(r.checkError)}`);
      });
    }
  }
});
