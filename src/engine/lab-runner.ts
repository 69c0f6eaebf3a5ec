// Brings a lab up and down on the engine clock. Phase 1 creates everything but the ExpressRoute
// connections; the runner then waits until each circuit is provisioned (or cannot be), creates the
// connections, and waits for them to connect. Teardown repeats "delete what can go now" as the
// clouds settle. Waiting means: settle now, else sleep until the next transition is due (realistic),
// or stop waiting (manual: only an explicit advance moves time).
import type { Activity, Engine } from './engine.ts';
import type { Lab } from '../lab/types.ts';
import { applyLabConnections, labNames, labRemaining, labResourceSteps, missingConnections, teardownLabStep } from '../lab/apply.ts';
import { census, labCount, type KindCount } from '../lab/census.ts';
import { labResourceKinds } from '../lab/teardown.ts';
import { interconnectStatus } from '../lifecycle/interconnect/status.ts';
import { describeWait, type Wait } from '../lifecycle/pending.ts';

export interface LabProgress {
  /** `waiting`: the clock must move before anything else can happen (the message says for what). */
  phase: 'resources' | 'provisioning' | 'connections' | 'connecting' | 'waiting' | 'teardown' | 'done';
  message: string;
}

export interface LabUpReport {
  lab: string;
  /** The lab's resources: the same set, counted the same way, as `down` deletes. */
  created: number;
  /** Parts and defaults the clouds made with them (default route tables, VNICs…), not in `created`. */
  withThem: KindCount[];
  resources: Record<string, string>;
  /** Interconnects that could not finish (e.g. unsupported region pair), with the reason. */
  incomplete: { name: string; reason: string }[];
  /** True when this `up` only finished a lab that was cut off before its connections (resumeLab). */
  resumed?: boolean;
  elapsedMs: number;
}

export interface RunOptions {
  onProgress?: (p: LabProgress) => void;
  /** Give up waiting for the clouds after this long (default 10 min). */
  timeoutMs?: number;
}

/** How often a lab applied in slices reports how far it got. */
const PROGRESS_EVERY_MS = 500;

/** "12,000 steps applied" style progress for a unit of work running in slices. */
function describeActivity(a: Activity): string {
  const steps = a.steps.toLocaleString('en-US');
  if (a.stage === 'applying') return `${steps} resources applied`;
  if (a.stage === 'settling') return `${steps} lifecycle transitions settled`;
  return 'saving';
}

/**
 * Lets the clock move: returns false when time cannot move by itself (manual clock, nothing pending).
 * Before sleeping it says what it waits for, when that changed since the last time.
 */
async function tick(engine: Engine, waiting: (w: Wait) => void): Promise<boolean> {
  if ((await engine.settle()) > 0) return true;
  const clock = engine.clockStatus();
  if (clock.mode === 'manual' || clock.nextDue === undefined) return false;
  const what = await engine.read((v) => describeWait(v, engine.now(), clock.scale));
  if (what !== undefined) waiting(what);
  const wait = Math.min(Math.max(Date.parse(clock.nextDue) - Date.now(), 5), 1000);
  await new Promise((r) => setTimeout(r, wait));
  return true;
}

export async function upLab(engine: Engine, lab: Lab, opts: RunOptions = {}): Promise<LabUpReport> {
  const started = Date.now();
  const before = await engine.read(census);
  const progress = opts.onProgress ?? (() => undefined);
  progress({ phase: 'resources', message: `creating the resources of lab ${lab.name}` });
  // In slices: a lab of thousands of resources keeps the server answering while it is applied.
  let reported = Date.now();
  const applied = await engine.mutateInSlices(`lab:${lab.name}:up`, (tx) => labResourceSteps(tx, lab), (a) => {
    if (Date.now() - reported < PROGRESS_EVERY_MS) return;
    reported = Date.now();
    progress({ phase: 'resources', message: describeActivity(a) });
  });
  const incomplete = await connectLab(engine, lab, started, opts);
  const count = await engine.read((v) => labCount(before, census(v), labResourceKinds(v, lab.name)));
  return { lab: lab.name, created: count.resources, withThem: count.withThem, resources: applied.resources, incomplete, elapsedMs: Date.now() - started };
}

/** Whether a lab that is present was cut off before its ExpressRoute connections were made. */
export function labCutOff(engine: Engine, lab: Lab): Promise<boolean> {
  return engine.read((view) => labNames(view).includes(lab.name) && missingConnections(view, lab).length > 0);
}

/**
 * Finishes a lab whose resources exist but whose connections were never made (the server was
 * killed, or the last `up` timed out): phase 2 only, so nothing is created twice.
 */
export async function resumeLab(engine: Engine, lab: Lab, opts: RunOptions = {}): Promise<LabUpReport> {
  const started = Date.now();
  (opts.onProgress ?? (() => undefined))({ phase: 'connections', message: `lab ${lab.name} is present without its connections: finishing it` });
  const incomplete = await connectLab(engine, lab, started, opts);
  return { lab: lab.name, created: 0, withThem: [], resources: {}, incomplete, resumed: true, elapsedMs: Date.now() - started };
}

/** Phase 2: waits for the circuits, makes the connections, waits for them to connect. Returns what could not finish. */
async function connectLab(engine: Engine, lab: Lab, started: number, opts: RunOptions): Promise<{ name: string; reason: string }[]> {
  const deadline = started + (opts.timeoutMs ?? 600_000);
  const progress = opts.onProgress ?? (() => undefined);
  const waiting = waitingReporter(progress);
  const vcNames = new Set(lab.interconnects.map((i) => i.virtualCircuit.name));
  const incomplete = new Map<string, string>();
  let last = '';
  for (;;) {
    const result = await engine.mutate(`lab:${lab.name}:connect`, (tx) => applyLabConnections(tx, lab));
    const states = (await engine.read((v) => interconnectStatus(v))).filter((s) => vcNames.has(s.name));
    const pending = states.filter((s) => s.virtualCircuit.lifecycleState !== 'PROVISIONED' || s.connections.some((c) => c.connectionStatus !== 'Connected'));
    const stuck = states.filter((s) => s.virtualCircuit.lifecycleState === 'FAILED' || (s.virtualCircuit.lifecycleState === 'PENDING_PROVIDER' && s.virtualCircuit.reason !== undefined));
    for (const s of stuck) incomplete.set(s.name, s.virtualCircuit.reason ?? s.virtualCircuit.lifecycleState);
    const describe = states.map((s) => `${s.name}: ${s.virtualCircuit.lifecycleState}/${s.circuit?.serviceProviderProvisioningState ?? '?'}${s.connections.map((c) => ` ${c.name} ${c.connectionStatus}`).join('')}`).join('; ');
    if (describe !== last) {
      progress({ phase: result.waiting.length > 0 ? 'provisioning' : pending.length > 0 ? 'connecting' : 'done', message: describe || 'no interconnects' });
      last = describe;
    }
    const waitingFor = pending.filter((s) => !incomplete.has(s.name));
    if (waitingFor.length === 0 && result.waiting.filter((n) => !incomplete.has(vcNameOf(lab, n))).length === 0) break;
    if (Date.now() > deadline) {
      for (const s of waitingFor) incomplete.set(s.name, `still ${s.virtualCircuit.lifecycleState} after ${Math.round((Date.now() - started) / 1000)} s`);
      break;
    }
    if (!(await tick(engine, waiting))) {
      for (const s of waitingFor) incomplete.set(s.name, `waiting for the clock (${s.virtualCircuit.lifecycleState}); advance it with \`fastroute clock advance\``);
      break;
    }
  }
  progress({ phase: 'done', message: `lab ${lab.name} is up` });
  return [...incomplete].map(([name, reason]) => ({ name, reason }));
}

function vcNameOf(lab: Lab, interconnect: string): string {
  return lab.interconnects.find((i) => i.name === interconnect)?.virtualCircuit.name ?? interconnect;
}

/** Reports each new thing waited for once (a lab run ticks many times while waiting for one). */
function waitingReporter(progress: (p: LabProgress) => void): (w: Wait) => void {
  let last = '';
  return (w) => {
    if (w.what === last) return;
    last = w.what;
    progress({ phase: 'waiting', message: `waiting for ${w.message}` });
  };
}

export interface LabDownReport {
  /** The lab's resources deleted: the same set, counted the same way, as `up` created. */
  deleted: number;
  /** Parts and defaults that went with them (default route tables, VNICs…), not in `deleted`. */
  withThem: KindCount[];
  elapsedMs: number;
}

export async function downLab(engine: Engine, labName: string, opts: RunOptions = {}): Promise<LabDownReport> {
  const started = Date.now();
  const deadline = started + (opts.timeoutMs ?? 600_000);
  const progress = opts.onProgress ?? (() => undefined);
  const waiting = waitingReporter(progress);
  const [before, labKinds] = await engine.read((v) => [census(v), labResourceKinds(v, labName)] as const);
  for (;;) {
    const step = await engine.mutate(`lab:${labName}:down`, (tx) => teardownLabStep(tx, labName));
    const remaining = await engine.read((v) => labRemaining(v, labName));
    progress({ phase: 'teardown', message: `${Math.max(0, labKinds.length - remaining)} deleted, ${remaining} remaining` });
    if (remaining === 0) break;
    if (Date.now() > deadline) throw new Error(`teardown of lab ${labName} did not finish: ${remaining} resources remain`);
    if (step.deleted > 0) continue; // something went: its dependents may go at once
    if (!(await tick(engine, waiting))) throw new Error(`teardown of lab ${labName} is waiting for the clock: ${remaining} resources remain (advance it with \`fastroute clock advance\`)`);
  }
  progress({ phase: 'done', message: `lab ${labName} removed` });
  const count = await engine.read((v) => labCount(census(v), before, labKinds));
  return { deleted: count.resources, withThem: count.withThem, elapsedMs: Date.now() - started };
}
