// placeTraffic(routing, flows, at): every flow walked by the trace engine (request, and reply when
// the request arrives; element hops only, traceElements), its rate at the instant (the schedule) put on the elements it crosses, and
// each element capped at its capacity. Pure: the same world, flows and instant give the same figures.
//
// Capping is fluid and proportional: an element whose offered load exceeds its capacity carries
// capacity and scales every flow crossing it by capacity/offered; a flow reaches later elements with
// what is left. Elements downstream of a cap see less load, which can lift a cap upstream of them
// elsewhere: the passes repeat until nothing changes (bounded by the longest path, exact for paths
// without cycles, which a trace never has).
import type { Routing } from '../routing/routing.ts';
import { traceElements, type ElementTrace } from '../trace/trace.ts';
import type { Hop, PathResult, TraceRequest } from '../trace/types.ts';
import { ElementCatalogue, type ElementInfo, type Stage } from './elements.ts';
import { scheduleFactor } from './schedule.ts';
import type { DropPoint, ElementLoad, FlowLoss, FlowPlacement, Placement, TrafficFlow } from './types.ts';

/** Enough passes for any path a trace walks (128 hops at most); normally 2-3 settle it. */
const MAX_PASSES = 16;

interface Leg {
  flow: number;
  direction: 'request' | 'reply';
  rate: number;
  stages: Stage[];
  /** The trace's drop hop, when this direction dies there. */
  drop: Hop | undefined;
}

interface Walked {
  request: Stage[];
  requestDrop: Hop | undefined;
  reply?: { stages: Stage[]; drop: Hop | undefined };
}

/** A trace that keeps at least the element and drop hops: `traceElements`, or the explained `trace` (tests compare them). */
export type PlacementWalk = (r: Routing, req: TraceRequest) => ElementTrace;

/** One walk per distinct (from, to, protocol, port): flows that share them share the path. */
function traces(r: Routing, flows: readonly TrafficFlow[], walk: PlacementWalk): ElementTrace[] {
  const memo = new Map<string, ElementTrace>();
  return flows.map((f) => {
    const key = `${f.from}\u0000${f.to}\u0000${f.protocol}\u0000${f.port ?? ''}`;
    let t = memo.get(key);
    if (!t) memo.set(key, (t = walk(r, f.port === undefined ? { from: f.from, to: f.to, protocol: f.protocol } : { from: f.from, to: f.to, protocol: f.protocol, port: f.port })));
    return t;
  });
}

const dropHop = (p: PathResult): Hop | undefined => (p.verdict === 'dropped' ? p.hops.findLast((h) => h.decision === 'drop') : undefined);

/** The element factors (carried / offered, 1 when under capacity), iterated to a fixed point. */
function solveFactors(legs: readonly Leg[], elements: readonly ElementInfo[], index: ReadonlyMap<ElementInfo, number>): { factors: Float64Array; offered: Float64Array } {
  const factors = new Float64Array(elements.length).fill(1);
  const offered = new Float64Array(elements.length);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    offered.fill(0);
    for (const leg of legs) {
      let rate = leg.rate;
      for (const stage of leg.stages) {
        let next = 0;
        for (const { element, share } of stage) {
          const i = index.get(element) ?? 0;
          offered[i] = (offered[i] ?? 0) + rate * share;
          next += rate * share * (factors[i] ?? 1);
        }
        rate = next;
      }
    }
    let changed = false;
    elements.forEach((e, i) => {
      const load = offered[i] ?? 0;
      const f = e.capacityMbps !== undefined && load > e.capacityMbps ? e.capacityMbps / load : 1;
      if (Math.abs(f - (factors[i] ?? 1)) > 1e-12) changed = true;
      factors[i] = f;
    });
    if (!changed) break;
  }
  return { factors, offered };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** `walk`: placement needs no explanation, so it walks with `traceElements`; tests pass `trace`, the explained reference (docs/traffic.md). */
export function placeTraffic(r: Routing, flows: readonly TrafficFlow[], at: number, walk: PlacementWalk = traceElements): Placement {
  const catalogue = new ElementCatalogue(r);
  const results = traces(r, flows, walk);
  const legs: Leg[] = [];
  // Flows that share a walk share its stages (built once per distinct walk).
  const walked = new Map<ElementTrace, Walked>();
  const stagesOf = (t: ElementTrace): Walked => {
    let w = walked.get(t);
    if (!w) {
      // The request arrived when there is a reply path, whatever the reply's fate.
      const request: PathResult = { hops: t.hops, verdict: t.returnPath ? 'delivered' : t.verdict, reason: t.reason };
      w = { request: catalogue.stages(request.hops), requestDrop: dropHop(request) };
      if (t.returnPath) w.reply = { stages: catalogue.stages(t.returnPath.hops), drop: dropHop(t.returnPath) };
      walked.set(t, w);
    }
    return w;
  };
  const placements: FlowPlacement[] = flows.map((f, fi) => {
    const t = results[fi] as ElementTrace;
    const factor = scheduleFactor(f.schedule, at);
    const w = stagesOf(t);
    legs.push({ flow: fi, direction: 'request', rate: f.mbps * factor, stages: w.request, drop: w.requestDrop });
    if (w.reply) legs.push({ flow: fi, direction: 'reply', rate: (f.replyMbps ?? 0) * factor, stages: w.reply.stages, drop: w.reply.drop });
    return {
      name: f.name, factor, offeredMbps: f.mbps * factor, replyOfferedMbps: t.returnPath ? (f.replyMbps ?? 0) * factor : 0,
      deliveredMbps: 0, replyDeliveredMbps: 0, verdict: t.verdict, reason: t.reason, losses: [], requestPath: [], replyPath: [],
    };
  });

  const elements: ElementInfo[] = [];
  const index = new Map<ElementInfo, number>();
  for (const leg of legs) for (const stage of leg.stages) for (const { element } of stage) if (!index.has(element)) index.set(element, elements.push(element) - 1);
  const { factors, offered } = solveFactors(legs, elements, index);

  const flowCount = new Uint32Array(elements.length);
  const drops = new Map<string, DropPoint>();
  const lose = (p: FlowPlacement, loss: FlowLoss): void => {
    p.losses.push(loss);
    const key = `${loss.resource}\u0000${loss.reason}`;
    const d = drops.get(key) ?? { resource: loss.resource, name: loss.name, kind: loss.kind, reason: loss.reason, flows: 0, mbps: 0 };
    d.flows++;
    d.mbps += loss.mbps;
    drops.set(key, d);
  };
  for (const leg of legs) {
    const p = placements[leg.flow] as FlowPlacement;
    const path = leg.direction === 'request' ? p.requestPath : p.replyPath;
    let rate = leg.rate;
    for (const stage of leg.stages) {
      let next = 0;
      for (const { element, share } of stage) {
        const i = index.get(element) ?? 0;
        flowCount[i] = (flowCount[i] ?? 0) + 1;
        path.push(element.key);
        const carried = rate * share * (factors[i] ?? 1);
        if (rate * share - carried > 1e-9) lose(p, { resource: element.resource, name: element.name, kind: element.kind, direction: leg.direction, reason: 'CAPACITY_EXCEEDED', mbps: round(rate * share - carried) });
        next += carried;
      }
      rate = next;
    }
    // What is left dies at the trace's drop hop (counted there even at 0 Mbps: the flow dies there).
    if (leg.drop) lose(p, { resource: leg.drop.resource, name: leg.drop.name ?? leg.drop.resource, kind: leg.drop.kind, direction: leg.direction, reason: leg.drop.reason, mbps: round(rate) });
    else if (leg.direction === 'request') p.deliveredMbps = round(rate);
    else p.replyDeliveredMbps = round(rate);
  }

  const loads: ElementLoad[] = elements.map((e, i) => {
    const off = round(offered[i] ?? 0);
    const carried = round((offered[i] ?? 0) * (factors[i] ?? 1));
    const load: ElementLoad = { key: e.key, kind: e.kind, resource: e.resource, name: e.name, direction: e.direction, offeredMbps: off, carriedMbps: carried, droppedMbps: round(off - carried), flows: flowCount[i] ?? 0 };
    if (e.capacityMbps !== undefined) {
      load.capacityMbps = e.capacityMbps;
      load.utilisation = round(carried / e.capacityMbps);
    }
    return load;
  }).sort((a, b) => a.name.localeCompare(b.name) || a.direction.localeCompare(b.direction));

  const offeredTotal = placements.reduce((s, p) => s + p.offeredMbps + p.replyOfferedMbps, 0);
  const deliveredTotal = placements.reduce((s, p) => s + p.deliveredMbps + p.replyDeliveredMbps, 0);
  return {
    at,
    elements: loads,
    flows: placements,
    drops: [...drops.values()].map((d) => ({ ...d, mbps: round(d.mbps) })).sort((a, b) => b.mbps - a.mbps || a.resource.localeCompare(b.resource)),
    totals: { offeredMbps: round(offeredTotal), deliveredMbps: round(deliveredTotal), droppedMbps: round(offeredTotal - deliveredTotal), droppedFlows: placements.filter((p) => p.verdict === 'dropped').length },
  };
}
