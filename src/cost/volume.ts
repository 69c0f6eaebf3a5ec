// A month's traffic from the declared flows: the flows placed at each UTC hour of one day (their
// schedules step by the hour), what each circuit's links carried summed per direction, scaled from
// the day to a month of 730 hours. Hours whose schedule factors are all equal share one placement.
// Pure: the same world and flows give the same volumes.
import { createHash } from 'node:crypto';
import type { Routing } from '../routing/routing.ts';
import { traceElements, type ElementTrace } from '../trace/trace.ts';
import { placeTraffic, type PlacementWalk } from '../traffic/place.ts';
import { HOURS_PER_DAY, scheduleFactor } from '../traffic/schedule.ts';
import type { Placement, TrafficDirection, TrafficFlow } from '../traffic/types.ts';
import { HOURS_PER_MONTH } from './prices.ts';

const HOUR_MS = 3_600_000;
/** 1 Mbps for an hour: 10⁶ bit/s × 3,600 s / 8 bits / 10⁹ bytes = 0.45 GB. */
export const GB_PER_MBPS_HOUR = 0.45;

/** Out of Azure over a link: towards OCI or an on-premises site. */
const OUTBOUND: ReadonlySet<TrafficDirection> = new Set(['to-oci', 'to-site']);
const INBOUND: ReadonlySet<TrafficDirection> = new Set(['to-azure', 'from-site']);

export interface HourlyCircuitLoad {
  /** Carried Mbps out of / into Azure, per UTC hour (24 entries). */
  outbound: number[];
  inbound: number[];
}

export interface DayOfTraffic {
  /** Per ExpressRoute circuit (ARM id): what its links carried each hour. */
  circuits: Map<string, HourlyCircuitLoad>;
  /** Per ExpressRoute gateway (ARM id): the most offered in either direction in any hour, Mbps. */
  gatewayPeakMbps: Map<string, number>;
}

/** The UTC midnight before `at`. */
function dayStart(at: number): number {
  return Math.floor(at / (HOURS_PER_DAY * HOUR_MS)) * HOURS_PER_DAY * HOUR_MS;
}

/** The ExpressRoute circuit behind a link resource (`<virtual circuit or site>/<path>`). */
function circuitOfLink(r: Routing, resource: string): string | undefined {
  const owner = resource.slice(0, resource.lastIndexOf('/'));
  if (r.memo.get('oci.VirtualCircuit', owner)) return r.interconnect(owner).circuitId;
  return r.onPremises(owner)?.circuitId;
}

/** The walks do not depend on the hour: each distinct flow is walked once for the whole day. */
function sharedWalk(): PlacementWalk {
  const walks = new Map<string, ElementTrace>();
  return (r, req) => {
    const key = JSON.stringify(req);
    let t = walks.get(key);
    if (!t) walks.set(key, (t = traceElements(r, req)));
    return t;
  };
}

/** The placements of a day, one per UTC hour (hours with the same factors share one). */
function hourlyPlacements(r: Routing, flows: readonly TrafficFlow[], at: number): Placement[] {
  const start = dayStart(at);
  const walk = sharedWalk();
  const bySignature = new Map<string, Placement>();
  const out: Placement[] = [];
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    const instant = start + h * HOUR_MS + HOUR_MS / 2;
    const signature = flows.map((f) => scheduleFactor(f.schedule, instant)).join(',');
    let p = bySignature.get(signature);
    if (!p) bySignature.set(signature, (p = placeTraffic(r, flows, instant, walk)));
    out.push(p);
  }
  return out;
}

/**
 * The declared flows over one UTC day (the day of `at`), per circuit and gateway; memoised with
 * routing (per world version) by the flows' fingerprint, so GET /cost and the doctor share it.
 */
export function dayOfTraffic(r: Routing, flows: readonly TrafficFlow[], at: number): DayOfTraffic {
  if (flows.length === 0) return { circuits: new Map(), gatewayPeakMbps: new Map() };
  const fingerprint = createHash('sha256').update(JSON.stringify(flows)).digest('base64url');
  return r.memo.compute('cost.day', `${dayStart(at)}:${fingerprint}`, () => placeDay(r, flows, at));
}

function placeDay(r: Routing, flows: readonly TrafficFlow[], at: number): DayOfTraffic {
  const circuits = new Map<string, HourlyCircuitLoad>();
  const gatewayPeakMbps = new Map<string, number>();
  const load = (id: string): HourlyCircuitLoad => {
    let l = circuits.get(id);
    if (!l) circuits.set(id, (l = { outbound: new Array<number>(HOURS_PER_DAY).fill(0), inbound: new Array<number>(HOURS_PER_DAY).fill(0) }));
    return l;
  };
  hourlyPlacements(r, flows, at).forEach((p, hour) => {
    for (const e of p.elements) {
      if (e.kind === 'er-gateway') {
        gatewayPeakMbps.set(e.resource, Math.max(gatewayPeakMbps.get(e.resource) ?? 0, e.offeredMbps));
        continue;
      }
      if (e.kind !== 'link') continue;
      const circuit = circuitOfLink(r, e.resource);
      if (circuit === undefined) continue;
      const l = load(circuit);
      if (OUTBOUND.has(e.direction)) l.outbound[hour] = (l.outbound[hour] ?? 0) + e.carriedMbps;
      else if (INBOUND.has(e.direction)) l.inbound[hour] = (l.inbound[hour] ?? 0) + e.carriedMbps;
    }
  });
  return { circuits, gatewayPeakMbps };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** A day's hourly rates (Mbps) as a month's volume: GB per day × 730 / 24 days. */
export function monthlyGb(hourlyMbps: readonly number[]): number {
  return sum(hourlyMbps) * GB_PER_MBPS_HOUR * (HOURS_PER_MONTH / HOURS_PER_DAY);
}

/** The average rate a month's volume stands for. */
export function averageMbps(gbPerMonth: number): number {
  return gbPerMonth / (GB_PER_MBPS_HOUR * HOURS_PER_MONTH);
}
