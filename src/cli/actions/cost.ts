// What `fastroute cost LAB.yaml` does (loaded only when it runs): the lab brought up in a private
// in-memory engine, as `fastroute check` does, and its declared traffic priced; no server.
import type { CostReport } from '../../cost/types.ts';
import { estimateCost } from '../../cost/estimate.ts';
import { withPrivateEngine } from '../../check/check.ts';
import { upLab } from '../../engine/lab-runner.ts';
import { CloudError } from '../../model/errors.ts';
import { CliExit } from '../output.ts';
import { EXIT_INVALID_LAB, loadLab } from './check.ts';

/** The estimate of a lab file's world for its own traffic, over the UTC day of `at` (default today). */
export async function labCost(file: string, at: string | undefined, asJson: boolean): Promise<CostReport> {
  const instant = at === undefined ? Date.now() : Date.parse(at);
  if (Number.isNaN(instant)) throw new CliExit(1, 'at is an ISO 8601 date-time, e.g. 2026-01-15T12:00:00Z');
  const lab = await loadLab(file, asJson, 'cost');
  return withPrivateEngine(async (engine) => {
    try {
      await upLab(engine, lab);
    } catch (err) {
      if (err instanceof CloudError) throw new CliExit(EXIT_INVALID_LAB, `fastroute cost: the clouds reject lab ${lab.name}: ${err.code}: ${err.message}`);
      throw err;
    }
    return engine.read(() => estimateCost(engine.routing, lab.traffic, instant));
  });
}
