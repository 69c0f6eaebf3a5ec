// The lab named in the configuration is applied at start-up only when it is not already present,
// so a restart keeps the persisted world instead of rebuilding (or duplicating) it; one the last run
// left without its connections (killed mid-apply) is finished.
import path from 'node:path';
import type { Engine } from '../engine/engine.ts';
import { labCutOff, resumeLab, upLab, type LabProgress, type LabUpReport } from '../engine/lab-runner.ts';
import { declareTraffic } from '../engine/traffic-runner.ts';
import { labNames } from '../lab/apply.ts';
import { parseLab } from '../lab/parse.ts';
import { LabLimitError } from '../lab/limits.ts';
import { readLabText } from '../engine/read-lab-file.ts';
import type { Lab } from '../lab/types.ts';

/** Reads and validates the lab file; throws LabError (line-accurate) before anything starts. */
export async function readLabFile(file: string): Promise<Lab> {
  const shown = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = await readLabText(file, shown);
  } catch (err) {
    if (err instanceof LabLimitError) throw err;
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (err as Error).message;
    throw new Error(`cannot read lab file ${shown}: ${reason}`);
  }
  return parseLab(text, shown);
}

export type StartupLabOutcome = { applied: true; report: LabUpReport } | { applied: false; name: string };

export async function applyStartupLab(engine: Engine, lab: Lab, onProgress?: (p: LabProgress) => void): Promise<StartupLabOutcome> {
  const options = onProgress ? { onProgress } : {};
  // The lab's flows live in memory: declared on every start, whether or not the lab is already up.
  declareTraffic(engine, lab.traffic, { lab: lab.name });
  // Killed mid-apply on the last run: finish the lab rather than keep it half made.
  if (await labCutOff(engine, lab)) return { applied: true, report: await resumeLab(engine, lab, options) };
  const present = await engine.read((view) => labNames(view));
  if (present.includes(lab.name)) return { applied: false, name: lab.name };
  const report = await upLab(engine, lab, options);
  return { applied: true, report };
}
