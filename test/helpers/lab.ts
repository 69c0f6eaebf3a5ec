// Brings a lab file (or a variant of its text) up on a fresh in-memory engine.
import { readFileSync } from 'node:fs';
import { parseLab } from '../../src/lab/parse.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { Lab } from '../../src/lab/types.ts';
import { memoryEngine } from './interconnect.ts';

export async function labEngine(file: string, edit: (text: string) => string = (t) => t): Promise<{ engine: Engine; lab: Lab }> {
  const text = edit(readFileSync(file, 'utf8'));
  if (edit !== undefined && text === readFileSync(file, 'utf8') && edit.toString() !== ((t: string) => t).toString()) throw new Error('the lab edit changed nothing');
  const lab = parseLab(text, file);
  const engine = await memoryEngine();
  await upLab(engine, lab);
  return { engine, lab };
}
