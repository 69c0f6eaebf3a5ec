// The traffic model's shapes: flows declared by a lab or the admin API, and what placing them at
// one instant gives (per element and direction, per flow). Later work (metrics, alerts, cost)
// reads `Placement`; docs/traffic.md documents it.
import type { ReasonCode } from '../trace/reasons.ts';

/** A day in 24 hourly factors (UTC hour 0 first); the flow's rate is mbps × the hour's factor. */
export type Schedule = 'constant' | { daily: number[] };

export interface TrafficFlow {
  name: string;
  /** Endpoints as lab expectations name them: a VM name, an IP address, "onprem:<site>". */
  from: string;
  to: string;
  protocol: 'icmp' | 'tcp' | 'udp';
  port?: number;
  /** The request direction's rate, in Mbps, before the schedule's factor. */
  mbps: number;
  /** The reply direction's rate (acks, responses), Mbps; default 0. */
  replyMbps?: number;
  schedule?: Schedule;
}

/** Why load was lost at an element: a trace drop reason, or the element's capacity. */
export type LossReason = ReasonCode | 'CAPACITY_EXCEEDED';

export type ElementKind = 'link' | 'er-gateway' | 'appliance';

/**
 * The way a packet crosses an element: over the interconnect towards Azure or OCI, over an
 * on-premises link towards the site or from it, or through an appliance (no direction).
 */
export type TrafficDirection = 'to-azure' | 'to-oci' | 'to-site' | 'from-site' | 'through';

/** One element (a link, a gateway, an appliance) in one direction. */
export interface ElementLoad {
  /** `${resource}|${direction}`: stable across placements, so series can be keyed on it. */
  key: string;
  kind: ElementKind;
  /** The trace's hop resource (link: `${vcId}/primary`, gateway: its ARM id, appliance: VNIC/NIC id). */
  resource: string;
  name: string;
  direction: TrafficDirection;
  /** The element's throughput limit in this direction; absent: not limited by the model. */
  capacityMbps?: number;
  /** Arriving at the element (after losses upstream). */
  offeredMbps: number;
  /** Leaving it: offered capped at capacity. */
  carriedMbps: number;
  /** Offered minus carried: lost to capacity here. */
  droppedMbps: number;
  /** carried / capacity (0-1); absent without a capacity. */
  utilisation?: number;
  /** Flows crossing it (an ECMP-split flow counts on both links). */
  flows: number;
}

/** Where a flow's load died: a trace drop (the trace's hop and reason), or a capped element. */
export interface FlowLoss {
  resource: string;
  /** The hop's or element's name, as the trace shows it. */
  name: string;
  kind: string;
  direction: 'request' | 'reply';
  reason: LossReason;
  mbps: number;
}

export interface FlowPlacement {
  name: string;
  /** The schedule's factor at the instant. */
  factor: number;
  /** Offered this instant (mbps × factor), request and reply. */
  offeredMbps: number;
  replyOfferedMbps: number;
  /** Arriving at the destination (request) / back at the source (reply). */
  deliveredMbps: number;
  replyDeliveredMbps: number;
  /** The trace's verdict for the flow (a capped flow is still delivered, in part). */
  verdict: 'delivered' | 'dropped';
  reason: ReasonCode;
  losses: FlowLoss[];
  /** Element keys crossed, in order, each way (both links of an ECMP split). */
  requestPath: string[];
  replyPath: string[];
}

/** Load lost at one place for one reason, summed over flows (a flow dies where the trace drops it). */
export interface DropPoint {
  resource: string;
  name: string;
  kind: string;
  reason: LossReason;
  flows: number;
  mbps: number;
}

export interface Placement {
  /** The instant placed (ms since the epoch, engine clock). */
  at: number;
  elements: ElementLoad[];
  flows: FlowPlacement[];
  drops: DropPoint[];
  totals: { offeredMbps: number; deliveredMbps: number; droppedMbps: number; droppedFlows: number };
}
