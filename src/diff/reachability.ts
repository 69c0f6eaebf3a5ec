// Flow verdicts of two worlds, compared. Subnets the world cannot tell apart share one walk
// (trace/matrix-classes.ts); the before world is walked once per pair of its classes, then the
// after world once per pair of the classes both worlds agree on (a subnet's class in each). Walks
// are memoised with routing's dependency tracking (namespace `diffWalk`): when the after world is
// the before world plus a change (one engine), only the walks that read something the change
// touched are walked again; the rest answer from the memo.
import type { Routing } from '../routing/routing.ts';
import type { ReadView } from '../model/world.ts';
import { decideSubnetPair, representative } from '../trace/matrix.ts';
import { matrixClasses } from '../trace/matrix-classes.ts';
import type { Hop } from '../trace/types.ts';
import type { ReasonCode } from '../trace/reasons.ts';
import type { FlowKind } from './flows.ts';
import { diffSubnets, type DiffSubnet } from './subnets.ts';

/** A cell's answer: the reason (DELIVERED when the flow and its reply arrive) and the hop that dropped it. */
export interface Outcome { reason: ReasonCode; hop?: Hop; onReply: boolean }

const MISSING: Outcome = { reason: 'UNKNOWN_ENDPOINT', onReply: false };

export type Direction = readonly ['oci' | 'azure', 'oci' | 'azure'];
export const CROSS: readonly Direction[] = [['oci', 'azure'], ['azure', 'oci']];
export const WITHIN: readonly Direction[] = [['oci', 'oci'], ['azure', 'azure']];

/** A world's subnets and classes, by key. */
export interface WorldCells {
  r: Routing;
  subnets: Map<string, DiffSubnet>;
  classOf: Map<string, number>;
  /** Walks performed (memo misses) through this view of the world. */
  walked: number;
}

export function worldCells(r: Routing, view: ReadView): WorldCells {
  const list = diffSubnets(view);
  const classes = matrixClasses(r, list, list.map((s) => representative(r, s)));
  return { r, subnets: new Map(list.map((s) => [s.key, s])), classOf: new Map(list.map((s, i) => [s.key, classes[i] ?? -1 - i])), walked: 0 };
}

function decide(w: WorldCells, s: DiffSubnet, d: DiffSubnet, k: FlowKind): Outcome {
  return w.r.memo.compute('diffWalk', `${s.subnetId}|${d.subnetId}|${k.protocol}|${k.port ?? ''}`, () => {
    w.walked++;
    return decideSubnetPair(w.r, s, d, k.protocol, k.port);
  });
}

/** Members of each class, in key order, for the subnets of `cloud`. */
function membersByClass(keys: readonly string[], classOf: (key: string) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of keys) {
    const c = classOf(key);
    const m = out.get(c);
    if (m) m.push(key);
    else out.set(c, [key]);
  }
  return out;
}

/** A source and a destination from two classes: distinct subnets when both classes are one (within a cloud); none when the class has one member. */
function pairOf(src: readonly string[], dst: readonly string[]): [string, string] | undefined {
  const s = src[0];
  if (s === undefined) return undefined;
  const d = dst.find((x) => x !== s);
  return d === undefined ? undefined : [s, d];
}

const ofCloud = (w: WorldCells, cloud: string) => [...w.subnets.values()].filter((s) => s.cloud === cloud).map((s) => s.key);

/** The before world's answers, per pair of its classes, per flow kind and direction. */
export class BeforeAnswers {
  private readonly cells = new Map<string, Outcome>();
  constructor(readonly world: WorldCells) {}

  /** Walks every pair of classes of the directions for every flow kind (memoised; see the file comment). */
  walk(directions: readonly Direction[], kinds: readonly FlowKind[]): void {
    const w = this.world;
    const cls = (key: string) => String(w.classOf.get(key));
    for (const [from, to] of directions) {
      const src = membersByClass(ofCloud(w, from), cls);
      const dst = membersByClass(ofCloud(w, to), cls);
      for (const [sc, sm] of src) {
        for (const [dc, dm] of dst) {
          const pair = pairOf(sm, dm);
          if (!pair) continue;
          const [s, d] = pair.map((k) => w.subnets.get(k)) as [DiffSubnet, DiffSubnet];
          for (const [i, k] of kinds.entries()) {
            this.cells.set(`${sc}|${dc}|${i}`, decide(w, s, d, k));
          }
        }
      }
    }
  }

  /** Every answer walked. */
  outcomes(): IterableIterator<Outcome> {
    return this.cells.values();
  }

  /** The before answer of subnet keys `s` → `d` (same as their classes' representatives'). */
  outcome(s: string, d: string, kind: number): Outcome {
    const sc = this.world.classOf.get(s);
    const dc = this.world.classOf.get(d);
    if (sc === undefined || dc === undefined) return MISSING;
    return this.cells.get(`${sc}|${dc}|${kind}`) ?? MISSING;
  }
}

/** A class pair whose answer differs for one flow kind: every source × destination in it changed alike. */
export interface ChangedCell {
  direction: Direction;
  kind: number;
  sources: string[];
  destinations: string[];
  /** Flows in the cell (sources × destinations, a subnet never to itself). */
  flows: number;
  before: Outcome;
  after: Outcome;
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.reason === b.reason;
}

/**
 * Every cell whose reason differs between `before` (walked) and `after`, over the classes both worlds
 * agree on (subnets of only one world included: their other side is UNKNOWN_ENDPOINT).
 */
export function changedCells(before: BeforeAnswers, after: WorldCells, directions: readonly Direction[], kinds: readonly FlowKind[], beforeKind: readonly number[]): { cells: ChangedCell[]; pairs: number } {
  const b = before.world;
  const keys = [...new Set([...b.subnets.keys(), ...after.subnets.keys()])];
  const cloudOf = (key: string) => (b.subnets.get(key) ?? after.subnets.get(key))?.cloud;
  const joint = (key: string) => `${b.classOf.get(key) ?? 'x'}|${after.classOf.get(key) ?? 'x'}`;
  const cells: ChangedCell[] = [];
  let pairs = 0;
  for (const direction of directions) {
    const [from, to] = direction;
    const src = membersByClass(keys.filter((k) => cloudOf(k) === from), joint);
    const dst = membersByClass(keys.filter((k) => cloudOf(k) === to), joint);
    for (const sm of src.values()) {
      for (const dm of dst.values()) {
        const pair = pairOf(sm, dm);
        if (!pair) continue;
        const flows = sm.length * dm.length - (sm === dm ? sm.length : 0);
        pairs += flows * kinds.length;
        const [sKey, dKey] = pair;
        const s = after.subnets.get(sKey);
        const d = after.subnets.get(dKey);
        for (const [i, k] of kinds.entries()) {
          const was = before.outcome(sKey, dKey, beforeKind[i] ?? -1);
          const now = s && d ? decide(after, s, d, k) : MISSING;
          if (!sameOutcome(was, now)) cells.push({ direction, kind: i, sources: sm, destinations: dm, flows, before: was, after: now });
        }
      }
    }
  }
  return { cells, pairs };
}
