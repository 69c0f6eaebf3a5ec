// Wall time of the compiled CLI as a user runs it (`node bin/fastroute.js ...`, a fresh process each
// time), next to `node -e 0` measured in the same rounds, so the ratio says how much FastRoute adds
// to Node's own start-up on this machine.
//   cli-help-ms            — `fastroute --help`; target < 300 ms.
//   cli-status-ms          — `fastroute status` against a running FastRoute (tutorial lab, in this
//                            process, free ports); target < 400 ms.
//   cli-check-tutorial-ms  — `fastroute check labs/tutorial.yaml` (in-process engine, no server);
//                            target < 1,000 ms.
// Needs the compiled build (`npm run build`); without dist/ every case fails saying so.
import path from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { startServer } from '../../src/server/start.ts';
import { assertCompiled, REPO, timeCli, timeNode } from '../compiled-cli.ts';
import { log, repeat } from '../harness.ts';
import { caseResult, failedCase, type CaseResult, type CaseSpec } from '../result.ts';
import { median, round } from '../stats.ts';
import { makeTempDir } from '../temp-dirs.ts';
import type { BenchCase } from './case.ts';

const HELP: CaseSpec = { name: 'cli-help-ms', unit: 'ms', targetBelow: 300, warmup: 2 };
const STATUS: CaseSpec = { name: 'cli-status-ms', unit: 'ms', targetBelow: 400, warmup: 2 };
const CHECK: CaseSpec = { name: 'cli-check-tutorial-ms', unit: 'ms', targetBelow: 1000, warmup: 1 };
const TUTORIAL = path.join(REPO, 'labs', 'tutorial.yaml');

/** Each run times `node -e 0`, then the CLI: machine noise hits both alike. */
async function measure(spec: CaseSpec, runs: number, args: readonly string[], env: Record<string, string> = {}): Promise<CaseResult> {
  const baseline: number[] = [];
  const samples = await repeat(spec.name, { warmup: spec.warmup ?? 0, runs }, async (i) => {
    const node = (await timeNode(['-e', '0'])).ms;
    if (i >= (spec.warmup ?? 0)) baseline.push(node);
    return timeCli(args, env);
  });
  const nodeMs = median(baseline);
  return caseResult(spec, samples, {
    command: `node bin/fastroute.js ${args.join(' ')}`,
    nodeEmptyMedianMs: round(nodeMs),
    nodeEmptySamples: baseline.map((s) => round(s)),
    ratioToNodeEmpty: round(median(samples) / nodeMs),
  });
}

async function guarded(spec: CaseSpec, run: () => Promise<CaseResult>): Promise<CaseResult> {
  try {
    return await run();
  } catch (err) {
    log(`${spec.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    return failedCase(spec, err);
  }
}

async function statusCase(): Promise<CaseResult> {
  const config = loadConfig({ cwd: makeTempDir('cli-status'), env: {}, flags: { inMemory: true, adminPort: '0', ociPort: '0', armPort: '0', lab: TUTORIAL, logLevel: 'silent' } });
  const server = await startServer(config);
  try {
    return await measure(STATUS, 10, ['status'], { FASTROUTE_URL: server.adminUrl });
  } finally {
    await server.close();
  }
}

export const cliCase: BenchCase = {
  specs: [HELP, STATUS, CHECK],
  async run() {
    assertCompiled();
    return [
      await guarded(HELP, () => measure(HELP, 10, ['--help'])),
      await guarded(STATUS, statusCase),
      await guarded(CHECK, () => measure(CHECK, 5, ['check', TUTORIAL], { FASTROUTE_URL: 'http://127.0.0.1:9' })),
    ];
  },
};
