// tutorial-apply-instant-ms: labs/tutorial.yaml (parsed once) brought up on a fresh in-memory engine
// with the instant clock; only `upLab` is timed, which includes the connection reaching Connected.
import { readFileSync } from 'node:fs';
import { parseLab } from '../../src/lab/parse.ts';
import { caseResult, type CaseSpec } from '../result.ts';
import { repeat, timed } from '../harness.ts';
import { entityCount, timedUp, withEngine } from '../lab-up.ts';
import type { BenchCase } from './case.ts';

const LAB_FILE = new URL('../../labs/tutorial.yaml', import.meta.url);

const APPLY: CaseSpec = { name: 'tutorial-apply-instant-ms', unit: 'ms', targetBelow: 100, warmup: 3 };
const RUNS = 15;

export const tutorialCase: BenchCase = {
  specs: [APPLY],
  async run() {
    const text = readFileSync(LAB_FILE, 'utf8');
    const parsed = await timed(() => Promise.resolve(parseLab(text, 'labs/tutorial.yaml')));
    const lab = parsed.value;
    let created = 0;
    let entities = 0;
    const samples = await repeat(APPLY.name, { warmup: APPLY.warmup ?? 0, runs: RUNS }, (_run) =>
      withEngine('memory', async (engine) => {
        const { ms, report } = await timedUp(engine, lab);
        created = report.created;
        entities = entityCount(engine);
        return ms;
      }));
    return [caseResult(APPLY, samples, { resourcesCreated: created, worldEntities: entities, labParseMs: Math.round(parsed.ms * 100) / 100 })];
  },
};
