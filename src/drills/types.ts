// Failure drills: faults applied to the live model (stored as fr.Drill entities, so routing and
// traces see them) and undone when stopped.
import type { Drill, DrillKind } from '../model/drill.ts';
import type { BestPathReason, LinkPath } from '../routing/types.ts';
import type { Placement } from '../traffic/types.ts';

export const DRILL_KINDS: readonly DrillKind[] = ['link-down', 'bgp-reset', 'as-path-prepend', 'prefix-withdraw', 'gateway-replace', 'prefix-flood'];

export interface DrillSpec {
  kind: DrillKind;
  /** The interconnect: the virtual circuit's display name or OCID; optional when there is exactly one. */
  interconnect?: string;
  path?: 'primary' | 'secondary';
  prefix?: string;
  /** prefix-withdraw: who stops advertising the prefix; inferred from who advertises it when omitted. */
  side?: 'oci' | 'azure';
  count?: number;
}

/** A best-path decision across the two sessions for one prefix in one direction. */
export interface BestPathView {
  prefix: string;
  /** The link(s) carrying the prefix: one, or both when the AS paths are equal (ECMP). */
  paths: LinkPath[];
  reason: BestPathReason;
}

export interface RouteView {
  /** The interconnect (virtual circuit) this view is of. */
  virtualCircuitId: string;
  interconnect: string;
  /** Prefixes received on both sessions (survive the loss of one link). */
  redundant: string[];
  /** Prefixes depending on one link only. */
  nonRedundant: string[];
  sessions: {
    path: 'primary' | 'secondary';
    up: boolean;
    reason?: string;
    /** Routes Oracle advertises to Microsoft on this session / Microsoft to Oracle. */
    toAzure: number;
    toOci: number;
    /** The private peering's prefix limit and how many prefixes Oracle offered against it. */
    prefixLimit: number;
    offeredToAzure: number;
    /** The AS path of the routes each side advertises on this session (one per session and direction; absent when none cross). */
    asPathToAzure?: number[];
    asPathToOci?: number[];
  }[];
  /** Best path per prefix, both directions, sorted by prefix. */
  bestToAzure: BestPathView[];
  bestToOci: BestPathView[];
  /** Why nothing crosses the interconnect, when nothing does. */
  down?: 'CIRCUIT_NOT_PROVISIONED' | 'BGP_SESSION_DOWN';
  downReason?: string;
}

/** What a drill changed, prefix by prefix (Azure failover-test wording). */
export interface RouteImpact {
  /** Received before, not at all during. */
  lost: string[];
  /** Redundant before, depending on one link during. */
  degraded: string[];
  /** Not received before, received during (a flood under the limit). */
  added: string[];
  /** Prefixes whose best path (link set or reason) changed, either direction. */
  rerouted: string[];
}

export interface DrillReport {
  id: string;
  kind: DrillKind;
  /** The virtual circuit's display name. */
  interconnect: string;
  virtualCircuitId: string;
  /** The stored drill, with its defaults resolved (count, side). */
  drill: Drill;
  before: RouteView;
  during: RouteView;
  impact: RouteImpact;
  /** How the declared traffic moved (absent when no flow is declared): loads before and during, at one instant. */
  traffic?: TrafficShift;
}

/** The declared traffic's element loads and totals, placed at the same instant before and during a drill. */
export interface TrafficShift {
  at: number;
  before: Pick<Placement, 'elements' | 'drops' | 'totals'>;
  during: Pick<Placement, 'elements' | 'drops' | 'totals'>;
}

/** An active drill as `fastroute drill list` shows it. */
export interface DrillListing extends Drill {
  /** The virtual circuit's display name (its id when it no longer exists). */
  interconnect: string;
}
