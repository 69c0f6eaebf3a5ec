// Server start as a user sees it: `node bin/fastroute.js start` (the compiled build) in a fresh temp
// data directory on free ports, timed from spawn until the admin API answers, then stopped by pid.
//   server-start-empty-ms    — `start --no-lab`: until GET /fastroute/v1/status answers 200;
//                              target < 1,000 ms.
//   server-start-tutorial-ms — `start` (the tutorial lab by default): until /status lists the
//                              tutorial lab with every interconnect's connections Connected;
//                              target < 1,500 ms.
// Each run is a first start: a new data directory, so the database, its migrations and the ARM TLS
// material are created, and the tutorial is applied. Needs `npm run build` (dist/).
import type { StatusResponse } from '../../src/api/admin/contract.ts';
import { assertCompiled, freePort, spawnCli, stop, timeNode } from '../compiled-cli.ts';
import { log, repeat } from '../harness.ts';
import { caseResult, failedCase, type CaseResult, type CaseSpec } from '../result.ts';
import { median, round } from '../stats.ts';
import { makeTempDir, removeTempDir } from '../temp-dirs.ts';
import type { BenchCase } from './case.ts';

const EMPTY: CaseSpec = { name: 'server-start-empty-ms', unit: 'ms', targetBelow: 1000, warmup: 1 };
const TUTORIAL: CaseSpec = { name: 'server-start-tutorial-ms', unit: 'ms', targetBelow: 1500, warmup: 1 };
const RUNS = 5;
const POLL_MS = 5;
const GIVE_UP_MS = 30_000;

type Ready = (status: StatusResponse) => boolean;

const answers: Ready = () => true;
const tutorialReady: Ready = (s) =>
  s.labs.includes('tutorial') && s.interconnects.length > 0 && s.interconnects.every((i) => i.connections.length > 0 && i.connections.every((c) => c.connectionStatus === 'Connected'));

async function statusOf(url: string): Promise<StatusResponse | undefined> {
  try {
    const res = await fetch(`${url}/fastroute/v1/status`);
    return res.ok ? ((await res.json()) as StatusResponse) : undefined;
  } catch {
    return undefined; // not listening yet
  }
}

/** One first start: spawn, poll until `ready`, stop. Returns the ms from spawn to ready. */
async function startOnce(withLab: boolean, ready: Ready): Promise<number> {
  const dataDir = makeTempDir('server-start');
  const [admin, oci, arm] = [await freePort(), await freePort(), await freePort()];
  const url = `http://127.0.0.1:${admin}`;
  const args = ['start', '--data-dir', dataDir, '--admin-port', String(admin), '--oci-port', String(oci), '--arm-port', String(arm), '--log-level', 'silent', ...(withLab ? [] : ['--no-lab'])];
  const start = performance.now();
  const server = spawnCli(args);
  let exited = false;
  void server.exited.then(() => (exited = true));
  try {
    for (;;) {
      const status = await statusOf(url);
      if (status !== undefined && ready(status)) return performance.now() - start;
      if (exited) throw new Error(`fastroute start exited before it was ready: ${server.output().trim()}`);
      if (performance.now() - start > GIVE_UP_MS) throw new Error(`not ready after ${GIVE_UP_MS} ms: ${server.output().trim()}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    await stop(server);
    removeTempDir(dataDir);
  }
}

async function measure(spec: CaseSpec, withLab: boolean, ready: Ready): Promise<CaseResult> {
  try {
    // `node -e 0` before each run, as in the CLI cases: the ratio depends less on the machine's load.
    const baseline: number[] = [];
    const samples = await repeat(spec.name, { warmup: spec.warmup ?? 0, runs: RUNS }, async (i) => {
      const node = (await timeNode(['-e', '0'])).ms;
      if (i >= (spec.warmup ?? 0)) baseline.push(node);
      return startOnce(withLab, ready);
    });
    return caseResult(spec, samples, {
      command: `node bin/fastroute.js start --data-dir <fresh temp dir> <free ports>${withLab ? '' : ' --no-lab'}`,
      pollMs: POLL_MS,
      nodeEmptyMedianMs: round(median(baseline)),
      nodeEmptySamples: baseline.map((b) => round(b)),
      ratioToNodeEmpty: round(median(samples) / median(baseline)),
    });
  } catch (err) {
    log(`${spec.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    return failedCase(spec, err);
  }
}

export const serverStartCase: BenchCase = {
  specs: [EMPTY, TUTORIAL],
  async run() {
    assertCompiled();
    return [await measure(EMPTY, false, answers), await measure(TUTORIAL, true, tutorialReady)];
  },
};
