// Brings a lab file (or a variant of its text) up on a fresh in-memory engine.
import { readFileSync } from 'node:fs';
import { parseLab } from '../../src/lab/parse.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { Lab } from '../../src/lab/types.ts';
import { memoryEngine } from './interconnect.ts';

/** `edit` rewrites the lab text (a variant); it must change something, so a stale edit fails loudly. */
export async function labEngine(file: string, edit?: (text: string) => string): Promise<{ engine: Engine; lab: Lab }> {
  const original = readFileSync(file, 'utf8');
  const text = edit ? edit(original) : original;
  if (edit && text === original) throw new Error(`the edit of ${file} changed nothing`);
  const lab = parseLab(text, file);
  const engine = await memoryEngine();
  await upLab(engine, lab);
  return { engine, lab };
}
