// Where traffic-based series get their values: a provider the traffic model (issue 17, built
// separately) plugs in. Until one is set, every traffic series is zero: the links carry nothing
// FastRoute knows of. Rates are per second at the sample time, per link and direction.
import type { ReadView } from '../model/world.ts';
import type { Routing } from '../routing/routing.ts';
import type { LinkPath } from '../routing/types.ts';

/** 'toAzure': leaving Oracle towards Microsoft (OCI "Sent", Azure "In"); 'toOci' the other way. */
export type LinkDirection = 'toAzure' | 'toOci';

export interface LinkTraffic {
  /** Carried load. */
  bitsPerSecond: number;
  packetsPerSecond: number;
  /** Offered but not carried (over the bandwidth or the gateway's throughput). */
  droppedBitsPerSecond: number;
  droppedPacketsPerSecond: number;
}

export interface TrafficSnapshot {
  /** One virtual circuit's link (primary, secondary) in one direction; undefined = nothing. */
  link(virtualCircuitId: string, path: LinkPath, direction: LinkDirection): LinkTraffic | undefined;
}

export interface TrafficProvider {
  snapshot(view: ReadView, routing: Routing, nowMs: number): TrafficSnapshot;
  /** Reads what the snapshot serves when that takes I/O (the kernel's counters); awaited before every metrics read. */
  refresh?(): Promise<void>;
}

export const NO_TRAFFIC: LinkTraffic = { bitsPerSecond: 0, packetsPerSecond: 0, droppedBitsPerSecond: 0, droppedPacketsPerSecond: 0 };

/** The provider in force until the traffic model plugs in: no flows, so every rate is zero. */
export const ZERO_TRAFFIC: TrafficProvider = { snapshot: () => ({ link: () => undefined }) };
