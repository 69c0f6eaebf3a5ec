// A fresh engine on the instant clock, and a timed `upLab` that insists the lab really came up
// (every interconnect provisioned and its connection Connected) before its time counts.
import { Engine } from '../src/engine/engine.ts';
import { upLab, type LabUpReport } from '../src/engine/lab-runner.ts';
import { openStore } from '../src/store/open.ts';
import type { Lab } from '../src/lab/schema.ts';
import { timed } from './harness.ts';

/** In memory, or SQLite in `dataDir`. */
export async function freshEngine(where: { dataDir: string } | 'memory'): Promise<Engine> {
  const store = await openStore(where === 'memory' ? { inMemory: true } : { dataDir: where.dataDir });
  return Engine.open({ store, clock: 'instant' });
}

/** Times `upLab` alone; throws when the lab did not finish (that would make the time meaningless). */
export async function timedUp(engine: Engine, lab: Lab): Promise<{ ms: number; report: LabUpReport }> {
  const { ms, value: report } = await timed(() => upLab(engine, lab));
  if (report.incomplete.length > 0) {
    throw new Error(`lab ${lab.name} did not come up: ${report.incomplete.map((i) => `${i.name}: ${i.reason}`).join('; ')}`);
  }
  return { ms, report };
}

/** Entities in the engine's world, fastroute's own timers excluded. */
export function entityCount(engine: Engine): number {
  let n = 0;
  for (const [kind, count] of Object.entries(engine.countByKind())) if (kind !== 'fr.Timer') n += count;
  return n;
}

/** Runs `fn` on a fresh engine and closes it afterwards, whatever happens. */
export async function withEngine<T>(where: { dataDir: string } | 'memory', fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await freshEngine(where);
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
