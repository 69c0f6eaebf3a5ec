// snapshot-{tutorial,enterprise}-{save,restore}-ms: one in-memory engine with the lab up (instant
// clock); `Snapshots.save` and `Snapshots.restore` of the whole world timed, medians of several runs.
// The restore includes the one-transaction write and memory rebuilt through the restart path.
import { readFileSync } from 'node:fs';
import { parseLab } from '../../src/lab/parse.ts';
import { Snapshots } from '../../src/snapshots/service.ts';
import type { Lab } from '../../src/lab/schema.ts';
import { caseResult, type CaseResult, type CaseSpec } from '../result.ts';
import { repeat, timed } from '../harness.ts';
import { entityCount, timedUp, withEngine } from '../lab-up.ts';
import { enterpriseLab } from '../enterprise-lab.ts';
import type { BenchCase } from './case.ts';

const spec = (world: string, op: string, targetBelow?: number): CaseSpec => ({ name: `snapshot-${world}-${op}-ms`, unit: 'ms', warmup: 1, ...(targetBelow === undefined ? {} : { targetBelow }) });
const SPECS = { tutorial: [spec('tutorial', 'save'), spec('tutorial', 'restore', 100)], enterprise: [spec('enterprise', 'save'), spec('enterprise', 'restore', 2000)] };
const RUNS = 5;

async function measure(lab: Lab, [save, restore]: CaseSpec[]): Promise<CaseResult[]> {
  if (save === undefined || restore === undefined) throw new Error('two specs');
  return withEngine('memory', async (engine) => {
    await timedUp(engine, lab);
    const snapshots = new Snapshots(engine);
    const entities = entityCount(engine);
    let bytes = 0;
    const saves = await repeat(save.name, { warmup: save.warmup ?? 0, runs: RUNS }, async () => (await timed(() => snapshots.save('bench'))).ms);
    bytes = (await snapshots.export('bench')).length;
    const restores = await repeat(restore.name, { warmup: restore.warmup ?? 0, runs: RUNS }, async () => (await timed(() => snapshots.restore('bench'))).ms);
    if (entityCount(engine) !== entities) throw new Error(`restore changed the world: ${entityCount(engine)} entities, saved ${entities}`);
    return [caseResult(save, saves, { worldEntities: entities, snapshotBytes: bytes }), caseResult(restore, restores, { worldEntities: entities })];
  });
}

export const snapshotsCase: BenchCase = {
  specs: [...SPECS.tutorial, ...SPECS.enterprise],
  async run() {
    const tutorial = parseLab(readFileSync(new URL('../../labs/tutorial.yaml', import.meta.url), 'utf8'), 'labs/tutorial.yaml');
    return [...(await measure(tutorial, SPECS.tutorial)), ...(await measure(enterpriseLab(), SPECS.enterprise))];
  },
};
