// Denial-of-service cases with time and memory bounds (issue 12, the standing suite). The bounds are
// generous on purpose (a loaded 2-core CI machine): they catch quadratic work (10,000 subnets took
// 300 s, 40,000 unknown keys 85 s) and a server that stops answering, not a slow day.
// The other DoS cases live beside the feature they guard, and are not repeated here:
//   a 10 MB lab → 413, item, depth and alias bombs → 400 .... test/api/lab-limits.test.ts
//   ARM template amplification → DeploymentJobSizeExceeded .. test/api/arm/template-limits.test.ts
//   clock scale 1e12 → 400, the server keeps answering ....... test/api/clock-scale.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyWhilePolling } from '../../bench/status-poller.ts';
import { wideNetworkLabYaml } from '../../bench/wide-network-lab.ts';
import { MAX_LAB_ISSUES } from '../../src/lab/parse.ts';
import { startTestServer, type TestServer } from './server.ts';

const MB = 1024 * 1024;

/** Runs `fn`, returning how long it took and how much the RSS grew (at its highest, sampled). */
async function bounded<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; rssGrowthMb: number }> {
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, ms: performance.now() - started, rssGrowthMb: (peak - rss0) / MB };
  } finally {
    clearInterval(sampler);
  }
}

void describe('DoS: big inputs are answered in bounded time and memory, and /status keeps answering', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s.close();
  });

  void it('a lab of 2,000 subnets in one VCN applies in bounded time while /status answers within 500 ms', async () => {
    const subnets = 2000;
    const { value: run, ms, rssGrowthMb } = await bounded(() => applyWhilePolling(s.adminUrl, wideNetworkLabYaml({ subnets, name: 'wide' })));
    assert.equal(run.status, 201);
    assert.ok(ms < 45_000, `the apply took ${Math.round(ms)} ms`);
    assert.ok(rssGrowthMb < 600, `RSS grew ${Math.round(rssGrowthMb)} MB`);
    // Polled every 20 ms from the first progress line (the lab parsed) to the result.
    assert.ok(run.activitySeen > 0, `/status showed the apply in progress (${run.polls} polls)`);
    assert.ok(run.maxStatusApplyMs < 500, `the slowest /status during the apply took ${run.maxStatusApplyMs} ms`);
    const status = (await s.api('GET', '/status')).body as { labs: string[]; resourceCounts: Record<string, number>; activity?: unknown };
    assert.deepEqual(status.labs, ['wide']);
    assert.ok((status.resourceCounts['oci.Subnet'] ?? 0) >= subnets);
    assert.equal(status.activity, undefined, 'nothing is being applied any more');
    assert.equal((await s.api('DELETE', '/labs/wide')).status, 200);
  });

  void it('a big lab is parsed off the event loop: /status answers within 500 ms while 10,000 subnets are read', async () => {
    // Invalid at its very end, so the whole text is parsed and validated, then refused: the parse
    // alone (seconds for this size) is what is measured, not the apply.
    const yaml = `${wideNetworkLabYaml({ subnets: 10_000, name: 'parse-only' })}\nbogusTopLevelKey: 1\n`;
    let done = false;
    let slowestStatusMs = 0;
    let polls = 0;
    const poll = (async () => {
      while (!done) {
        const t = performance.now();
        assert.equal((await s.api('GET', '/status')).status, 200);
        slowestStatusMs = Math.max(slowestStatusMs, performance.now() - t);
        polls += 1;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const r = await s.api('POST', '/labs', { yaml, file: 'parse-only.yaml' }).finally(() => {
      done = true;
    });
    await poll;
    assert.equal(r.status, 400, r.text.slice(0, 300));
    assert.match(r.text, /bogusTopLevelKey/);
    assert.ok(polls >= 3, `/status was polled ${polls} times during the parse`);
    assert.ok(slowestStatusMs < 500, `the slowest /status during the parse took ${Math.round(slowestStatusMs)} ms`);
  });

  void it('40,000 unknown keys are a quick 400 with the first issues and a count of the rest', async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  bogus${i}: 1`).join('\n');
    const yaml = `name: unknown-keys\noci:\n  region: us-ashburn-1\n${keys}\nazure:\n  resourceGroup: rg\n  location: eastus\n`;
    const { value: r, ms, rssGrowthMb } = await bounded(() => s.api('POST', '/labs', { yaml, file: 'keys.yaml' }));
    assert.equal(r.status, 400, r.text.slice(0, 300));
    const body = r.body as { code: string; issues: { path: string; message: string; line?: number }[] };
    assert.equal(body.code, 'LabInvalid');
    assert.equal(body.issues.length, MAX_LAB_ISSUES + 1);
    assert.equal(body.issues[0]?.path, 'oci.bogus0');
    assert.equal(body.issues[0]?.line, 4);
    assert.match(body.issues[0]?.message ?? '', /unknown field "bogus0" \(allowed here: .*vcns/);
    assert.match(body.issues.at(-1)?.message ?? '', /and 39900 more issues not shown/);
    assert.ok(ms < 30_000, `answered in ${Math.round(ms)} ms`);
    assert.ok(rssGrowthMb < 600, `RSS grew ${Math.round(rssGrowthMb)} MB`);
    assert.equal((await s.api('GET', '/status')).status, 200);
  });

  void it('40,000 repeated keys are a quick 400 (YAML duplicate keys, checked without comparing every pair)', async () => {
    const yaml = `name: dup\n${Array.from({ length: 40_000 }, () => 'description: x').join('\n')}\n`;
    const { value: r, ms } = await bounded(() => s.api('POST', '/labs', { yaml, file: 'dup.yaml' }));
    assert.equal(r.status, 400, r.text.slice(0, 300));
    const body = r.body as { issues: { path: string; line?: number; message: string }[] };
    assert.equal(body.issues[0]?.line, 3, 'the first repetition');
    assert.match(body.issues[0]?.message ?? '', /unique/);
    assert.equal(body.issues.length, MAX_LAB_ISSUES + 1);
    assert.ok(ms < 30_000, `answered in ${Math.round(ms)} ms`);
  });
});
