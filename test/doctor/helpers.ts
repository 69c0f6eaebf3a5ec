// Test helpers for the doctor: bring a lab file (or lab text) up on a fresh in-memory engine, and
// split a report into its loud (error/warning) and info codes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Engine, type EngineOptions } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { upLab, type LabUpReport } from '../../src/engine/lab-runner.ts';
import type { Lab } from '../../src/lab/types.ts';
import type { DoctorReport, Finding } from '../../src/doctor/types.ts';
import type { ReadView, Kind, Entity } from '../../src/model/world.ts';

export const LABS = path.join(import.meta.dirname, '../../labs');
export const BROKEN = path.join(LABS, 'broken');

export interface Up { engine: Engine; lab: Lab; report: LabUpReport }

export async function upText(text: string, file = 'lab.yaml', opts: Omit<EngineOptions, 'store'> = {}): Promise<Up> {
  const lab = parseLab(text, file);
  const engine = await Engine.open({ store: await openStore({ inMemory: true }), ...opts });
  const report = await upLab(engine, lab);
  return { engine, lab, report };
}

export async function upFile(file: string, opts: Omit<EngineOptions, 'store'> = {}): Promise<Up> {
  return upText(readFileSync(file, 'utf8'), file, opts);
}

export const readLab = (file: string): string => readFileSync(file, 'utf8');

/** Error and warning codes, sorted (duplicates kept: one per finding). */
export const loud = (r: DoctorReport): string[] => r.findings.filter((f) => f.severity !== 'info').map((f) => f.code).sort();
export const infos = (r: DoctorReport): string[] => r.findings.filter((f) => f.severity === 'info').map((f) => f.code).sort();
export const byCode = (r: DoctorReport, code: string): Finding[] => r.findings.filter((f) => f.code === code);

/** The same lab with every expectation turned into "delivered" (the tutorial's intent). */
export function intent(lab: Lab): Lab {
  return { ...lab, expectations: lab.expectations.map(({ reason: _reason, ...e }) => ({ ...e, expect: 'delivered' as const })) };
}

/** A read view over `base` with some entities rewritten (for worlds the clouds would refuse to build). */
export function patchedView(base: ReadView, patch: (kind: Kind, e: unknown) => unknown): ReadView {
  return {
    get: <K extends Kind>(kind: K, id: string) => {
      const e = base.get(kind, id);
      return e === undefined ? undefined : (patch(kind, e) as Entity<K>);
    },
    list: <K extends Kind>(kind: K) => base.list(kind).map((e) => patch(kind, e) as Entity<K>),
    children: <K extends Kind>(kind: K, parentId: string) => base.children(kind, parentId).map((e) => patch(kind, e) as Entity<K>),
  };
}
