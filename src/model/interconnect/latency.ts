// The round-trip time across the interconnect per region pair (OCI region ⇄ ExpressRoute peering
// location ⇄ Azure region): what the data plane delays the primary and secondary links by, half of
// it each way. Dated and cited in docs/interconnect-latency.md; `confirmed: false` marks a figure
// no published source states ([U] there), which FastRoute chose.
import { DEFAULT_REGION_PAIRS, pairForPeeringLocation, type RegionPair } from './region-pairs.ts';

export interface PairLatency {
  ociRegion: string;
  /** Round trip across the interconnect (edge to edge), in milliseconds. */
  rttMs: number;
  confirmed: boolean;
  source: string;
}

export interface LatencyTable {
  /** When the figures were last checked against their sources. */
  date: string;
  entries: readonly PairLatency[];
}

const SEEDS = 'issue 15 and the seed lab: Ashburn ⇄ Washington DC "under 2 ms RTT"; the bound, taken as the value';
/**
 * Every pair is metro-local: Microsoft requires the ExpressRoute location to be "in proximity to or
 * in the same peering location as" the FastConnect (configure-azure-oci-networking). No per-pair
 * figure is published in a source read so far, so each takes the one stated bound.
 */
const METRO = 'no published per-pair figure found; metro-local like Ashburn ⇄ Washington DC, so the same 2 ms bound';

export const INTERCONNECT_LATENCY: LatencyTable = {
  date: '2026-12-07',
  entries: DEFAULT_REGION_PAIRS.pairs.map((p) => p.ociRegion === 'us-ashburn-1'
    ? { ociRegion: p.ociRegion, rttMs: 2, confirmed: true, source: SEEDS }
    : { ociRegion: p.ociRegion, rttMs: 2, confirmed: false, source: METRO }),
};

export interface PairDelay {
  pair: RegionPair;
  latency: PairLatency;
}

/** The region pair of an ExpressRoute peering location and its latency, or undefined when it is not an interconnect location. */
export function latencyForPeeringLocation(location: string, table: LatencyTable = INTERCONNECT_LATENCY): PairDelay | undefined {
  const pair = pairForPeeringLocation(DEFAULT_REGION_PAIRS, location);
  const latency = pair && table.entries.find((e) => e.ociRegion === pair.ociRegion);
  return pair && latency ? { pair, latency } : undefined;
}
