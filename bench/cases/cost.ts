// cost-estimate-10k-*: the monthly estimate (src/cost/estimate.ts) of the enterprise world for the
// traffic bench's 10,000 flows: with constant rates (one placement serves every hour), and with a
// 24-step daily profile on every flow (24 placements sharing one walk per distinct flow). Informative:
// the issue sets no target; it tells what `GET /cost` and the doctor's cost rules take at that size.
// Each run renames the flows, so the day is placed afresh (the routing memo keys it by the flows);
// the repeat case asks again for the same flows on the unchanged world (served from the memo).
import { caseResult, type CaseSpec } from '../result.ts';
import { collectGarbage, log } from '../harness.ts';
import { timedUp, withEngine } from '../lab-up.ts';
import { enterpriseLab } from '../enterprise-lab.ts';
import type { BenchCase } from './case.ts';
import { enterpriseFlows } from './traffic.ts';
import { estimateCost } from '../../src/cost/estimate.ts';
import type { TrafficFlow } from '../../src/traffic/types.ts';
import type { Engine } from '../../src/engine/engine.ts';

const CONSTANT: CaseSpec = { name: 'cost-estimate-10k-constant-ms', unit: 'ms', warmup: 1 };
const DAILY: CaseSpec = { name: 'cost-estimate-10k-daily-ms', unit: 'ms', warmup: 1 };
const REPEAT: CaseSpec = { name: 'cost-estimate-10k-repeat-ms', unit: 'ms', warmup: 1 };
const RUNS = 3;
const AT = Date.UTC(2026, 0, 15, 12);

async function time(engine: Engine, flows: readonly TrafficFlow[], fresh: boolean): Promise<{ samples: number[]; totalUsd: number }> {
  const samples: number[] = [];
  let totalUsd = 0;
  for (let i = 0; i <= RUNS; i++) {
    const run = fresh ? flows.map((f) => ({ ...f, name: `${f.name}-${i}` })) : flows;
    collectGarbage();
    const t = performance.now();
    totalUsd = (await engine.read(() => estimateCost(engine.routing, run, AT))).totalUsd;
    if (i > 0) samples.push(performance.now() - t);
  }
  return { samples, totalUsd };
}

export const costCase: BenchCase = {
  specs: [CONSTANT, DAILY, REPEAT],
  async run() {
    return withEngine('memory', async (engine) => {
      const up = await timedUp(engine, enterpriseLab());
      log(`enterprise world up in ${Math.round(up.ms)} ms`);
      const flows = enterpriseFlows(engine);
      const daily = flows.map((f) => ({ ...f, schedule: { daily: Array.from({ length: 24 }, (_, h) => 0.5 + h / 24) } }));
      const constant = await time(engine, flows, true);
      const scheduled = await time(engine, daily, true);
      const repeat = await time(engine, daily, false);
      const note = 'each sample is one whole estimate (placements, volumes, lines, plans); the first run is warm-up';
      return [
        caseResult(CONSTANT, constant.samples, { flows: flows.length, placements: 1, totalUsd: constant.totalUsd, note }),
        caseResult(DAILY, scheduled.samples, { flows: daily.length, placements: 24, totalUsd: scheduled.totalUsd, note }),
        caseResult(REPEAT, repeat.samples, { flows: daily.length, placements: 0, totalUsd: repeat.totalUsd, note: 'the same flows again on the unchanged world: the day comes from the routing memo' }),
      ];
    });
  },
};
