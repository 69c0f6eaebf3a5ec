// The traffic provider the server plugs into its metrics: the engine's declared flows (traffic
// runner) placed by the traffic model at the sample time, each interconnect link's carried load per
// direction read off the placement. A sample runs on every commit, so the placement is cached: it is
// memoised in the routing memo (which drops it when anything it read changes, as any routing answer)
// and forgotten when the flows change or the engine minute moves on (a schedule's factor can change
// with the hour; the minute is the metrics' grain). Commits that touch neither reuse it.
import type { Engine } from '../engine/engine.ts';
import { trafficFlows, trafficVersion } from '../engine/traffic-runner.ts';
import { placeTraffic } from '../traffic/place.ts';
import type { Placement } from '../traffic/types.ts';
import type { Routing } from '../routing/routing.ts';
import type { LinkPath } from '../routing/types.ts';
import { MINUTE_MS } from './history.ts';
import type { LinkDirection, LinkTraffic, TrafficProvider, TrafficSnapshot } from './provider.ts';

/**
 * [U] Neither cloud publishes a packet size; packet series are bits / (8 × this). 1,000 bytes is
 * a round figure between a bulk transfer's ~1,400-byte segments and small request/ack packets
 * (docs/metrics.md).
 */
export const ASSUMED_PACKET_BYTES = 1000;

const MEMO_NS = 'trafficPlacement';
const MEMO_ID = 'declared';

const DIRECTION: Record<string, LinkDirection | undefined> = { 'to-azure': 'toAzure', 'to-oci': 'toOci' };

function linkTraffic(carriedMbps: number, droppedMbps: number): LinkTraffic {
  const bits = carriedMbps * 1e6;
  const droppedBits = droppedMbps * 1e6;
  return { bitsPerSecond: bits, packetsPerSecond: bits / 8 / ASSUMED_PACKET_BYTES, droppedBitsPerSecond: droppedBits, droppedPacketsPerSecond: droppedBits / 8 / ASSUMED_PACKET_BYTES };
}

/** Interconnect links only (on-premises links have no cloud metric here), keyed like `link()` asks. */
function snapshotOf(placement: Placement): TrafficSnapshot {
  const links = new Map<string, LinkTraffic>();
  for (const e of placement.elements) {
    const direction = DIRECTION[e.direction];
    if (e.kind !== 'link' || direction === undefined) continue;
    links.set(`${e.resource}|${direction}`, linkTraffic(e.carriedMbps, e.droppedMbps));
  }
  return { link: (vcId: string, path: LinkPath, direction: LinkDirection) => links.get(`${vcId}/${path}|${direction}`) };
}

export class DeclaredTrafficProvider implements TrafficProvider {
  /** The (flows version, minute) the memoised placement was made for. */
  private key = '';
  private cached: { placement: Placement; snapshot: TrafficSnapshot } | undefined;
  /** Placements computed (the rest were served from the cache): tests and the bench read it. */
  placements = 0;

  constructor(private readonly engine: Engine) {}

  snapshot(_view: unknown, routing: Routing, nowMs: number): TrafficSnapshot {
    const key = `${trafficVersion(this.engine)}|${Math.floor(nowMs / MINUTE_MS)}`;
    if (key !== this.key) {
      routing.memo.forget(MEMO_NS, MEMO_ID);
      this.key = key;
    }
    // Inside the memo, every routing answer and entity the traces read is recorded against it.
    const placement = routing.memo.compute(MEMO_NS, MEMO_ID, () => {
      this.placements++;
      return placeTraffic(routing, trafficFlows(this.engine), nowMs);
    });
    if (this.cached?.placement !== placement) this.cached = { placement, snapshot: snapshotOf(placement) };
    return this.cached.snapshot;
  }
}
