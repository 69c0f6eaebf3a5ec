// How a full route recompute grows with the size of the world: the routing world
// (bench/routing-world.ts) at 0.5×, 1×, 2× and 4× (VCNs, VNets, subnets, hence the prefixes the
// ExpressRoute gateway learns, and security rules scale; 50 VMs a side), each brought up once on a fresh
// in-memory engine (lab build timed separately, in details), then a fresh Routing computing every
// table of the world a few times:
//   routes-scaling-exponent   least-squares slope of log(median full time) against log(size)
//   routes-full-4x-ms         full recompute at 4×
//   routes-rss-4x-mb          process RSS right after the 4× runs (engine and last Routing alive)
import { caseResult, type CaseSpec } from '../result.ts';
import { collectGarbage, log } from '../harness.ts';
import { timedUp, withEngine } from '../lab-up.ts';
import { scaledRoutingLab, securityRuleCount } from '../routing-world.ts';
import { median, round } from '../stats.ts';
import type { BenchCase } from './case.ts';
import { Routing } from '../../src/routing/routing.ts';

const EXPONENT: CaseSpec = { name: 'routes-scaling-exponent', unit: 'exponent', targetBelow: 1.2 };
const FULL_4X: CaseSpec = { name: 'routes-full-4x-ms', unit: 'ms', targetBelow: 2000 };
const RSS_4X: CaseSpec = { name: 'routes-rss-4x-mb', unit: 'MB', targetBelow: 1536 };

/**
 * Sizes and measured runs at each. The small sizes take tens of milliseconds, where one stray pause
 * moves a median most, so they get more runs (they are cheap); the first size also gets warm-up runs
 * for the JIT, so later sizes do not look cheaper merely for running on optimised code.
 */
const SIZES: readonly { factor: number; runs: number }[] = [
  { factor: 0.5, runs: 11 }, { factor: 1, runs: 9 }, { factor: 2, runs: 5 }, { factor: 4, runs: Number(process.env.BENCH_SCALING_RUNS_4X ?? 3) },
];
const FIRST_SIZE_WARMUP = 3;

interface SizeResult {
  factor: number;
  vcns: number;
  vnets: number;
  subnets: number;
  learnedPrefixes: number;
  securityRules: number;
  labUpMs: number;
  fullMs: number[];
  medianMs: number;
  /** Process CPU time (user + system, all threads) of the same runs: less sensitive to other load. */
  cpuMs: number[];
  medianCpuMs: number;
  rssMb: number;
  heapUsedMb: number;
  routesCounted: number;
}

/** Least-squares slope of log(y) against log(x). */
export function logLogSlope(points: readonly { x: number; y: number }[]): number {
  const xs = points.map((p) => Math.log(p.x));
  const ys = points.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => { num += (x - mx) * ((ys[i] ?? 0) - my); den += (x - mx) ** 2; });
  return num / den;
}

async function measureSize(factor: number, runs: number, warmup: number): Promise<SizeResult> {
  const lab = scaledRoutingLab(factor);
  return withEngine('memory', async (engine) => {
    const up = await timedUp(engine, lab);
    const fullMs: number[] = [];
    const cpuMs: number[] = [];
    let routing: Routing | undefined;
    let routesCounted = 0;
    for (let i = 0; i < warmup + runs; i++) {
      routing = undefined; // the previous Routing is garbage before the next one is built
      collectGarbage();
      const cpu = process.cpuUsage();
      const t = performance.now();
      routing = new Routing(engine.world);
      routesCounted = routing.computeAll();
      const ms = performance.now() - t;
      const used = process.cpuUsage(cpu);
      if (i >= warmup) { fullMs.push(ms); cpuMs.push((used.user + used.system) / 1000); }
    }
    const mem = process.memoryUsage();
    const learned = routing === undefined ? 0 : engine.world.list('azure.VirtualNetworkGateway').reduce((n, g) => n + (routing?.gatewayLearned(g.id).routes.length ?? 0), 0);
    const result: SizeResult = {
      factor, vcns: lab.oci.vcns.length, vnets: lab.azure.vnets.length,
      subnets: engine.world.list('oci.Subnet').length + engine.world.list('azure.Subnet').length,
      learnedPrefixes: learned, securityRules: securityRuleCount(lab), labUpMs: Math.round(up.ms),
      fullMs, medianMs: median(fullMs), cpuMs, medianCpuMs: median(cpuMs), rssMb: Math.round(mem.rss / 2 ** 20), heapUsedMb: Math.round(mem.heapUsed / 2 ** 20), routesCounted,
    };
    log(`routing world ${factor}×: up in ${result.labUpMs} ms, full recompute median ${round(result.medianMs, 1)} ms over ${runs} runs, RSS ${result.rssMb} MB`);
    return result;
  });
}

export const routingScalingCase: BenchCase = {
  specs: [EXPONENT, FULL_4X, RSS_4X],
  async run() {
    const sizes: SizeResult[] = [];
    for (const [i, s] of SIZES.entries()) sizes.push(await measureSize(s.factor, s.runs, i === 0 ? FIRST_SIZE_WARMUP : 0));
    const slope = logLogSlope(sizes.map((s) => ({ x: s.factor, y: s.medianMs })));
    const cpuSlope = logLogSlope(sizes.map((s) => ({ x: s.factor, y: s.medianCpuMs })));
    const at4 = sizes[sizes.length - 1];
    const perSize = sizes.map((s) => ({
      ...s, fullMs: s.fullMs.map((x) => round(x, 1)), medianMs: round(s.medianMs, 1), cpuMs: s.cpuMs.map((x) => round(x, 1)), medianCpuMs: round(s.medianCpuMs, 1),
    }));
    const scaled = 'VCNs, VNets, subnets (20 per network), learned prefixes (= OCI subnets) and security rules (~100 per network); 50 VMs per cloud at every size; one DRG, one hub with the ExpressRoute gateway, one circuit; /19 per network';
    return [
      caseResult(EXPONENT, [round(slope, 3)], {
        sizes: perSize, cpuExponent: round(cpuSlope, 3), whatScales: scaled, labUpNote: 'labUpMs (upLab of each world) is outside every timing',
        note: 'the exponent is fitted on wall-time medians; cpuExponent, on CPU-time medians, is a cross-check when other processes load the machine',
      }),
      caseResult(FULL_4X, at4?.fullMs ?? [], { factor: 4, learnedPrefixes: at4?.learnedPrefixes, vnets: at4?.vnets }),
      caseResult(RSS_4X, [at4?.rssMb ?? 0], { heapUsedMb: at4?.heapUsedMb, note: 'sizes run in order 0.5×→4× in one process; the earlier engines are closed before' }),
    ];
  },
};
