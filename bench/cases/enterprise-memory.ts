// enterprise-apply-instant-ms: the generated enterprise lab (bench/enterprise-lab.ts) brought up on a
// fresh in-memory engine with the instant clock, `upLab` alone timed.
// enterprise-rss-mb: the process RSS right after the last measured run, its engine still open
// (so the enterprise world is in memory).
import { caseResult, type CaseSpec } from '../result.ts';
import { repeat, timed } from '../harness.ts';
import { entityCount, timedUp, withEngine } from '../lab-up.ts';
import { enterpriseLab, subnetCounts } from '../enterprise-lab.ts';
import type { BenchCase } from './case.ts';

const APPLY: CaseSpec = { name: 'enterprise-apply-instant-ms', unit: 'ms', targetBelow: 2000, warmup: 1 };
const RSS: CaseSpec = { name: 'enterprise-rss-mb', unit: 'MB' };
const RUNS = 5;

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export const enterpriseMemoryCase: BenchCase = {
  specs: [APPLY, RSS],
  async run() {
    const rssBefore = process.memoryUsage().rss;
    const generated = await timed(() => Promise.resolve(enterpriseLab()));
    const lab = generated.value;
    const total = (APPLY.warmup ?? 0) + RUNS;
    let created = 0;
    let entities = 0;
    let memory: NodeJS.MemoryUsage | undefined;
    const samples = await repeat(APPLY.name, { warmup: APPLY.warmup ?? 0, runs: RUNS }, (run) =>
      withEngine('memory', async (engine) => {
        const { ms, report } = await timedUp(engine, lab);
        created = report.created;
        entities = entityCount(engine);
        if (run === total - 1) memory = process.memoryUsage();
        return ms;
      }));
    if (memory === undefined) throw new Error('no measured run');
    return [
      caseResult(APPLY, samples, {
        resourcesCreated: created,
        worldEntities: entities,
        subnets: subnetCounts(lab),
        labGenerateAndValidateMs: Math.round(generated.ms * 100) / 100,
      }),
      caseResult(RSS, [mb(memory.rss)], {
        heapUsedMb: mb(memory.heapUsed),
        heapTotalMb: mb(memory.heapTotal),
        externalMb: mb(memory.external),
        rssBeforeCaseMb: mb(rssBefore),
      }),
    ];
  },
};
