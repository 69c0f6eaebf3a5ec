// dataplane-up-ms: labs/tutorial.yaml, already up on an in-memory engine, made real as Linux network
// namespaces (`Dataplane.up`: prerequisites (cached after the first), compile, namespaces, sysctls,
// veth pairs, one ip batch per namespace), then taken down untimed. dataplane-status-ms: with it up,
// one GET /dataplane's worth of work (`statusWithLinks`: the record, the processes inside, every
// link's kernel counters), which the console's data plane view asks for every 2 s. Needs root:
// skipped otherwise.
import { readFileSync } from 'node:fs';
import { parseLab } from '../../src/lab/parse.ts';
import { Dataplane } from '../../src/dataplane/service.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import { caseResult, SkipCase, type CaseSpec } from '../result.ts';
import { repeat } from '../harness.ts';
import { withEngine } from '../lab-up.ts';
import type { BenchCase } from './case.ts';
import { findTool } from '../../src/dataplane/probe.ts';

const LAB_FILE = new URL('../../labs/tutorial.yaml', import.meta.url);
const UP: CaseSpec = { name: 'dataplane-up-ms', unit: 'ms', targetBelow: 3000, warmup: 1 };
const RUNS = 8;
const STATUS: CaseSpec = { name: 'dataplane-status-ms', unit: 'ms', targetBelow: 250, warmup: 2 };
const STATUS_RUNS = 15;

export const dataplaneCase: BenchCase = {
  specs: [UP, STATUS],
  async run() {
    if (process.getuid?.() !== 0) throw new SkipCase('the data plane needs root');
    if (findTool('ip') === undefined) throw new SkipCase('ip not found (apt-get install iproute2)');
    const lab = parseLab(readFileSync(LAB_FILE, 'utf8'), 'labs/tutorial.yaml');
    return withEngine('memory', async (engine) => {
      await upLab(engine, lab);
      const dataplane = new Dataplane(engine, undefined);
      const downMs: number[] = [];
      let last: Awaited<ReturnType<Dataplane['up']>> | undefined;
      try {
        const samples = await repeat(UP.name, { warmup: UP.warmup ?? 0, runs: RUNS }, async () => {
          const t0 = performance.now();
          last = await dataplane.up();
          const ms = performance.now() - t0;
          const t1 = performance.now();
          await dataplane.down();
          downMs.push(performance.now() - t1);
          return ms;
        });
        downMs.sort((a, b) => a - b);
        await dataplane.up();
        let links = 0;
        const statusSamples = await repeat(STATUS.name, { warmup: STATUS.warmup ?? 0, runs: STATUS_RUNS }, async () => {
          const t0 = performance.now();
          const s = await dataplane.statusWithLinks();
          links = (s.interconnectLinks ?? []).length + (s.otherLinks ?? []).length;
          return performance.now() - t0;
        });
        await dataplane.down();
        return [caseResult(UP, samples, {
          namespaces: last?.status.namespaces.length, links: last?.status.links,
          lastRun: last ? { compileMs: last.compileMs, probeMs: last.probeMs, ...last.timings } : undefined,
          downMedianMs: Math.round(downMs[Math.floor(downMs.length / 2)] ?? 0),
        }), caseResult(STATUS, statusSamples, { linksWithCounters: links })];
      } finally {
        await dataplane.close();
      }
    });
  },
};
