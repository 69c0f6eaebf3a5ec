// `fastroute diff`: each side brought up in a private in-memory engine (a lab, or a copy of the
// running world), the change applied to the after side (API operations, or a lab applied on top),
// then the pure diff (src/diff) reads both. When both sides start from the same thing, one engine
// serves both: the before world is read, the change committed, and routing's memo recomputes only
// what the change touched.
import type { Lab } from '../lab/types.ts';
import type { ChangeEntry } from '../model/world.ts';
import { Engine } from './engine.ts';
import { upLab } from './lab-runner.ts';
import { openStore } from '../store/open.ts';
import { DiffRun, type DiffExpectation, type DiffWorld } from '../diff/diff.ts';
import { changeRanges, mergeRanges, ruleRanges } from '../diff/flows.ts';
import type { DiffReport, FailOn } from '../diff/types.ts';
import { applyOperations, type ApiOperation } from './diff-change.ts';

/** A side's starting point: the running world (copied), or a lab brought up from nothing. */
export type DiffBase = { running: true } | { lab: Lab; file: string };

export interface DiffChange {
  operations?: readonly ApiOperation[];
  /** A lab applied on top of the base. */
  lab?: Lab;
  file?: string;
}

export interface DiffRequest {
  before: DiffBase;
  /** Default: the same base as before. */
  after?: DiffBase;
  /** Applied to the after side. */
  change?: DiffChange;
  within?: boolean;
  failOn?: FailOn;
}

const labelOf = (b: DiffBase) => ('running' in b ? 'running' : b.file);

/** The running world's entities, as rows for a fresh store (timers left out: the copy is the world as it stands). */
function snapshotOf(running: Engine): ChangeEntry[] {
  const rows: ChangeEntry[] = [];
  for (const kind of running.world.kinds()) {
    if (kind === 'fr.Timer') continue;
    for (const [key, after] of running.world.table(kind)) rows.push({ kind, key, before: undefined, after });
  }
  return rows;
}

async function privateEngine(base: DiffBase, running: Engine | undefined): Promise<Engine> {
  const store = await openStore({ inMemory: true });
  if ('running' in base) {
    if (!running) throw new Error('the running world is not available here');
    await store.commit(await running.readCommitted(() => snapshotOf(running)), []);
  }
  const engine = await Engine.open({ store });
  try {
    if ('lab' in base) await upLab(engine, base.lab);
    return engine;
  } catch (err) {
    await engine.close();
    throw err;
  }
}

async function applyChange(engine: Engine, change: DiffChange | undefined, region: string): Promise<void> {
  if (change?.operations && change.operations.length > 0) await applyOperations(engine, change.operations, region);
  if (change?.lab) await upLab(engine, change.lab);
}

function worldOf(engine: Engine, label: string): DiffWorld {
  return { r: engine.routing, view: engine.world, now: engine.now(), label };
}

function expectationsOf(req: DiffRequest): DiffExpectation[] {
  const labs = [req.before, req.after ?? req.before].flatMap((b) => ('lab' in b ? [b.lab] : []));
  if (req.change?.lab) labs.push(req.change.lab);
  const seen = new Set<string>();
  const out: DiffExpectation[] = [];
  for (const lab of labs) {
    for (const e of lab.expectations) {
      const key = JSON.stringify([e.name, e.from, e.to, e.protocol, e.port]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ expectation: e, region: lab.oci.region });
    }
  }
  return out;
}

function regionOf(req: DiffRequest): string {
  for (const b of [req.after ?? req.before, req.before]) if ('lab' in b) return b.lab.oci.region;
  return req.change?.lab?.oci.region ?? 'us-ashburn-1';
}

function sameBase(a: DiffBase, b: DiffBase | undefined): boolean {
  if (b === undefined || a === b) return true;
  return 'running' in a && 'running' in b;
}

/** Brings both sides up privately and diffs them. `running`: the server's engine, for "running" sides (read, never changed). */
export async function runDiff(req: DiffRequest, running?: Engine): Promise<DiffReport> {
  const started = performance.now();
  const report = await diffSides(req, running);
  return { ...report, elapsedMs: Math.round(performance.now() - started) };
}

async function diffSides(req: DiffRequest, running: Engine | undefined): Promise<DiffReport> {
  const opts = { within: req.within === true, failOn: req.failOn ?? 'lost', expectations: expectationsOf(req) };
  const changeLabel = [req.change?.file, req.change?.operations ? `${req.change.operations.length} operation(s)` : undefined].filter((x) => x !== undefined).join(', ');
  const afterBase = req.after ?? req.before;
  const afterLabel = changeLabel === '' ? labelOf(afterBase) : `${labelOf(afterBase)} + ${changeLabel}`;
  const region = regionOf(req);
  if (sameBase(req.before, req.after)) {
    const engine = await privateEngine(req.before, running);
    try {
      const afterRanges = mergeRanges(ruleRanges(engine.world), changeRanges([req.change?.operations, req.change?.lab]));
      const diff = await engine.read(() => DiffRun.begin(worldOf(engine, labelOf(req.before)), { ...opts, afterRanges }));
      await applyChange(engine, req.change, region);
      return await engine.read(() => diff.finish(worldOf(engine, afterLabel)));
    } finally {
      await engine.close();
    }
  }
  const before = await privateEngine(req.before, running);
  try {
    const after = await privateEngine(afterBase, running);
    try {
      await applyChange(after, req.change, region);
      const diff = await before.read(() => DiffRun.begin(worldOf(before, labelOf(req.before)), { ...opts, afterRanges: ruleRanges(after.world) }));
      return await after.read(() => diff.finish(worldOf(after, afterLabel)));
    } finally {
      await after.close();
    }
  } finally {
    await before.close();
  }
}
