// One VCN holding thousands of subnets (bench/wide-network-lab.ts), the shape that was quadratic
// (issue 12, item 9: 10,000 subnets took 300 s and the server answered nothing meanwhile).
//   wide-vcn-apply-10000-ms        upLab of 10,000 subnets on a fresh in-memory engine (lab parsed once)
//   wide-vcn-scaling-exponent      least-squares slope of log(upLab) against log(subnets) over 1k, 2k, 4k, 10k
//   wide-vcn-status-during-apply-ms  the slowest GET /status (polled every 20 ms) while a server applies
//                                  the 10,000-subnet lab POSTed to it; details: the parse before it
import { caseResult, type CaseSpec } from '../result.ts';
import { repeat } from '../harness.ts';
import { timedUp, withEngine } from '../lab-up.ts';
import { wideNetworkLabYaml } from '../wide-network-lab.ts';
import { applyWhilePolling } from '../status-poller.ts';
import { startServer } from '../../src/server/start.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { logLogSlope } from './routing-scaling.ts';
import { benchServerConfig } from '../oci-server.ts';
import type { BenchCase } from './case.ts';

const APPLY: CaseSpec = { name: 'wide-vcn-apply-10000-ms', unit: 'ms', targetBelow: 10_000, warmup: 1 };
const EXPONENT: CaseSpec = { name: 'wide-vcn-scaling-exponent', unit: 'exponent', targetBelow: 1.3 };
const STATUS: CaseSpec = { name: 'wide-vcn-status-during-apply-ms', unit: 'ms', targetBelow: 250 };
const SIZES = [1000, 2000, 4000, 10_000];
const RUNS = 3;

async function applyMs(subnets: number, runs: number, warmup: number): Promise<number[]> {
  const lab = parseLab(wideNetworkLabYaml({ subnets }), 'wide.yaml');
  return repeat(`wide-vcn-apply-${subnets}`, { warmup, runs }, () => withEngine('memory', async (engine) => (await timedUp(engine, lab)).ms));
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export const wideLabCase: BenchCase = {
  specs: [APPLY, EXPONENT, STATUS],
  async run() {
    const medians: { x: number; y: number }[] = [];
    let big: number[] = [];
    for (const subnets of SIZES) {
      const samples = await applyMs(subnets, RUNS, subnets === SIZES[0] ? 1 : 0);
      medians.push({ x: subnets, y: median(samples) });
      if (subnets === 10_000) big = samples;
    }
    const polls: Awaited<ReturnType<typeof applyWhilePolling>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      const server = await startServer(benchServerConfig());
      try {
        polls.push(await applyWhilePolling(server.adminUrl, wideNetworkLabYaml({ subnets: 10_000 })));
      } finally {
        await server.close();
      }
    }
    return [
      caseResult(APPLY, big, { subnets: 10_000 }),
      caseResult(EXPONENT, [Math.round(logLogSlope(medians) * 1000) / 1000], { medianMsBySubnets: Object.fromEntries(medians.map((m) => [m.x, Math.round(m.y)])) }),
      caseResult(STATUS, polls.map((p) => p.maxStatusApplyMs), { runs: polls }),
    ];
  },
};
