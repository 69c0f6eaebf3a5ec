// The diff of two worlds, pure: reads what it compares from routing (flow verdicts with their deciding
// hops, every route table, the doctor's findings, the labs' expectations) and reports what differs.
// In two phases, so that one engine can serve both sides: `DiffRun.begin` reads the before world;
// the caller then changes the world (or brings up another) and `finish` reads the after world. When
// both sides are one engine, routing's memo keeps every answer the change did not touch.
import type { Routing } from '../routing/routing.ts';
import type { ReadView } from '../model/world.ts';
import type { Finding } from '../doctor/types.ts';
import { runDoctor } from '../doctor/doctor.ts';
import { trace } from '../trace/trace.ts';
import { traceEndpoint } from '../lab/services.ts';
import type { Expectation } from '../check/expectation.ts';
import type { TraceResult } from '../trace/types.ts';
import { flowKinds, flowLabel, kindFor, ruleRanges, type FlowKind, type Ranges } from './flows.ts';
import { BeforeAnswers, changedCells, CROSS, WITHIN, worldCells, type ChangedCell, type Outcome } from './reachability.ts';
import { diffRouting, routingSnapshot, type RoutingSnapshot } from './routes.ts';
import { named, namer, type Namer } from './names.ts';
import { describeHop } from './describe.ts';
import type { ChangeKind, DiffReport, ExpectationChange, FailOn, FlowChange, FlowSide } from './types.ts';

export interface DiffWorld {
  r: Routing;
  view: ReadView;
  /** The clock the circuit route tables are read at. */
  now: number;
  /** What the side is, for the report ("labs/a.yaml", "running + change.json"). */
  label: string;
}

/** A lab expectation and the OCI region its "service:" endpoints resolve in. */
export interface DiffExpectation { expectation: Expectation; region: string }

export interface DiffOptions {
  /** Also compare flows within each cloud (OCI ↔ OCI, Azure ↔ Azure subnets). */
  within?: boolean;
  failOn?: FailOn;
  /** The labs' expectations, traced on both sides. */
  expectations?: readonly DiffExpectation[];
  /**
   * The after world's security-rule port ranges, or a superset (one engine, its change not yet
   * applied: see changeRanges): the before world is walked for the ports of both.
   */
  afterRanges: Ranges;
}

interface SideOf<T> { before: T; after: T }

function sideOf(o: Outcome, name: Namer): FlowSide {
  if (o.reason === 'DELIVERED') return { verdict: 'delivered', reason: o.reason };
  return { verdict: 'dropped', reason: o.reason, ...(o.hop ? { at: describeHop(o.hop, name) } : {}), ...(o.onReply ? { onReply: true } : {}) };
}

function traceSide(t: TraceResult, name: Namer): FlowSide {
  const path = t.returnPath?.verdict === 'dropped' ? t.returnPath : t;
  const hop = path.hops.findLast((h) => h.decision === 'drop');
  if (t.verdict === 'delivered') return { verdict: 'delivered', reason: t.reason };
  return { verdict: 'dropped', reason: t.reason, ...(hop ? { at: describeHop(hop, name) } : {}), ...(path === t.returnPath ? { onReply: true } : {}) };
}

function changeOf(before: FlowSide, after: FlowSide): ChangeKind | undefined {
  if (before.verdict !== after.verdict) return after.verdict === 'dropped' ? 'lost' : 'gained';
  return before.reason === after.reason ? undefined : 'reason';
}

/** Findings keyed by what they say, ids replaced by names (two worlds' ids differ). */
function namedFindings(r: Routing, view: ReadView): Map<string, Finding> {
  const out = new Map<string, Finding>();
  for (const f of runDoctor(r).findings) {
    const message = named(view, f.message);
    out.set(`${f.code}\n${message}`, { ...f, message, fix: named(view, f.fix), resources: f.resources.map(namer(view)) });
  }
  return out;
}

function traceAll(r: Routing, list: readonly DiffExpectation[]): TraceResult[] {
  return list.map(({ expectation: e, region }) => trace(r, { from: e.from, to: traceEndpoint(e.to, region), protocol: e.protocol, ...(e.port === undefined ? {} : { port: e.port }) }));
}

export function failed(report: Pick<DiffReport, 'summary'>, failOn: FailOn): boolean {
  const s = report.summary;
  if (failOn === 'none') return false;
  return failOn === 'lost' ? s.lost > 0 : s.lost + s.gained > 0;
}

export class DiffRun {
  private constructor(
    private readonly opts: DiffOptions,
    private readonly label: string,
    private readonly ranges: Ranges,
    private readonly walkedKinds: FlowKind[],
    private readonly answers: BeforeAnswers,
    private readonly routes: RoutingSnapshot,
    private readonly findings: Map<string, Finding>,
    private readonly traces: FlowSide[],
    private readonly name: Namer,
    private readonly started: number,
  ) {}

  /** Reads everything the comparison needs of the before world. */
  static begin(before: DiffWorld, opts: DiffOptions): DiffRun {
    const started = performance.now();
    const ranges = ruleRanges(before.view);
    const kinds = flowKinds([ranges, opts.afterRanges]);
    const answers = new BeforeAnswers(worldCells(before.r, before.view));
    answers.walk(opts.within === true ? [...CROSS, ...WITHIN] : CROSS, kinds);
    // Names are taken now: the change may delete what a before hop names.
    const name = namer(before.view);
    for (const o of answers.outcomes()) if (o.hop) describeHop(o.hop, name);
    const traces = traceAll(before.r, opts.expectations ?? []).map((t) => traceSide(t, name));
    return new DiffRun(opts, before.label, ranges, kinds, answers, routingSnapshot(before.r, before.view, before.now), namedFindings(before.r, before.view), traces, name, started);
  }

  /** Reads the after world and compares. */
  finish(after: DiffWorld): DiffReport {
    const afterRanges = ruleRanges(after.view);
    const kinds = flowKinds([this.ranges, afterRanges]);
    const beforeKind = kinds.map((k) => kindFor(this.walkedKinds, this.ranges, k));
    const world = worldCells(after.r, after.view);
    const directions = this.opts.within === true ? [...CROSS, ...WITHIN] : CROSS;
    const { cells, pairs } = changedCells(this.answers, world, directions, kinds, beforeKind);
    const names: SideOf<Namer> = { before: this.name, after: namer(after.view) };
    const flows = groupFlows(cells, kinds, names, this.answers, world);
    const expectations = this.expectationChanges(after, names.after);
    const routes = diffRouting(this.routes, routingSnapshot(after.r, after.view, after.now));
    const now = namedFindings(after.r, after.view);
    const appeared = [...now].filter(([k]) => !this.findings.has(k)).map(([, f]) => f);
    const disappeared = [...this.findings].filter(([k]) => !now.has(k)).map(([, f]) => f);
    const count = (c: ChangeKind) => flows.filter((f) => f.change === c).reduce((n, f) => n + f.flows, 0);
    const summary = {
      flowsCompared: pairs, lost: count('lost'), gained: count('gained'), reasonChanged: count('reason'),
      expectationsChanged: expectations.filter((e) => e.change !== undefined).length, tablesChanged: routes.length,
      findingsAppeared: appeared.length, findingsDisappeared: disappeared.length,
      walks: { before: this.answers.world.walked, after: world.walked },
    };
    const failOn = this.opts.failOn ?? 'lost';
    return {
      before: this.label, after: after.label, flowKinds: kinds.map(flowLabel), within: this.opts.within === true,
      summary, flows, expectations, routes, findings: { appeared, disappeared },
      failOn, failed: failed({ summary }, failOn), elapsedMs: Math.round(performance.now() - this.started),
    };
  }

  private expectationChanges(after: DiffWorld, name: Namer): ExpectationChange[] {
    const list = this.opts.expectations ?? [];
    const now = traceAll(after.r, list).map((t) => traceSide(t, name));
    return list.map(({ expectation: e }, i) => {
      const before = this.traces[i] as FlowSide;
      const afterSide = now[i] as FlowSide;
      const change = changeOf(before, afterSide);
      return { name: e.name, from: e.from, to: e.to, protocol: e.protocol, ...(e.port === undefined ? {} : { port: e.port }), expect: e.expect, before, after: afterSide, ...(change ? { change } : {}) };
    });
  }
}

/**
 * Changed cells as flow changes: cells alike (same direction, protocol, sides in words) are merged,
 * first over destinations for one source set, then over sources, then over ports.
 */
function groupFlows(cells: readonly ChangedCell[], kinds: readonly FlowKind[], names: SideOf<Namer>, before: BeforeAnswers, after: ReturnType<typeof worldCells>): FlowChange[] {
  const label = (key: string) => (after.subnets.get(key) ?? before.world.subnets.get(key))?.label ?? key;
  const groups = new Map<string, FlowChange>();
  for (const c of cells) {
    const k = kinds[c.kind] as FlowKind;
    const b = sideOf(c.before, names.before);
    const a = sideOf(c.after, names.after);
    const change = changeOf(b, a) ?? 'reason';
    const base = `${change}|${c.direction.join('>')}|${k.protocol}|${JSON.stringify(b)}|${JSON.stringify(a)}`;
    const sources = c.sources.map(label);
    const destinations = c.destinations.map(label);
    const key = `${base}|${sources.join(',')}|${k.ports.join(',')}`;
    const held = groups.get(key);
    if (held) {
      held.destinations.push(...destinations);
      held.flows += c.flows * Math.max(1, k.ports.length);
      continue;
    }
    groups.set(key, {
      change, from: c.direction[0], to: c.direction[1], protocol: k.protocol, ports: [...k.ports], sources, destinations,
      flows: c.flows * Math.max(1, k.ports.length), before: b, after: a,
    });
  }
  // Merge groups that differ only by their sources (same destinations), then only by their ports.
  const merge = (list: FlowChange[], keyOf: (f: FlowChange) => string, into: (held: FlowChange, f: FlowChange) => void): FlowChange[] => {
    const out = new Map<string, FlowChange>();
    for (const f of list) {
      const key = keyOf(f);
      const held = out.get(key);
      if (held) into(held, f);
      else out.set(key, { ...f, sources: [...f.sources], destinations: [...f.destinations], ports: [...f.ports] });
    }
    return [...out.values()];
  };
  const common = (f: FlowChange) => `${f.change}|${f.from}|${f.to}|${f.protocol}|${JSON.stringify(f.before)}|${JSON.stringify(f.after)}`;
  let list = [...groups.values()].map((f) => ({ ...f, destinations: [...f.destinations].sort() }));
  list = merge(list, (f) => `${common(f)}|${f.destinations.join(',')}|${f.ports.join(',')}`, (h, f) => { h.sources.push(...f.sources); h.flows += f.flows; });
  list = merge(list, (f) => `${common(f)}|${[...f.sources].sort().join(',')}|${f.destinations.join(',')}`, (h, f) => { h.ports.push(...f.ports); h.flows += f.flows; });
  const order: Record<ChangeKind, number> = { lost: 0, gained: 1, reason: 2 };
  return list
    .map((f) => ({ ...f, sources: f.sources.sort(), ports: f.ports.sort((x, y) => x - y) }))
    .sort((x, y) => order[x.change] - order[y.change] || y.flows - x.flows || x.sources.join().localeCompare(y.sources.join()));
}
