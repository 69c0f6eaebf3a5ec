// The admin API's wire shapes, in one place: the routes return them and the CLI (which must not
// reach into the engine's internals) reads them. Types only.
import type { Activity, ClockStatus } from '../../engine/engine.ts';
import type { LabDownReport, LabUpReport, LabProgress } from '../../engine/lab-runner.ts';
import type { KindCount } from '../../lab/census.ts';
import type { InterconnectStatus } from '../../lifecycle/interconnect/status.ts';
import type { LabIssue } from '../../lab/types.ts';
import type { WorldEvent } from '../../model/event.ts';
import type { Kind } from '../../model/world.ts';
import type { DisplayNames } from '../../model/display-names.ts';
import type { RoutesCandidate } from './routes-candidates.ts';
import type { TraceRequest, TraceResult, Hop, PathResult } from '../../trace/types.ts';
import type { DoctorReport, Finding, Severity } from '../../doctor/types.ts';
import type { CheckReport, ExpectationResult } from '../../check/types.ts';
import type { DrillListing, DrillReport, DrillSpec, RouteImpact, RouteView } from '../../drills/types.ts';
import type { Topology, TopologyEdge, TopologyEdgeKind, TopologyNode, TopologyNodeKind, TopologyState } from '../../topology/types.ts';

export const API_PREFIX = '/fastroute/v1';

/** Media type of streamed progress: one JSON object (a ProgressLine) per line. */
export const NDJSON = 'application/x-ndjson';

export interface Endpoints {
  admin: string;
  oci: string;
  arm: string;
  /** The CA certificate (PEM) that signs the ARM endpoint's certificate. */
  armCa: string;
}

export type { Activity, ClockStatus, InterconnectStatus, KindCount, LabIssue, LabProgress, LabUpReport, WorldEvent };
export type { TraceRequest, TraceResult, Hop, PathResult, DoctorReport, Finding, Severity, CheckReport, ExpectationResult };
export type { DrillListing, DrillReport, DrillSpec, RouteImpact, RouteView };
export type { Topology, TopologyEdge, TopologyEdgeKind, TopologyNode, TopologyNodeKind, TopologyState };
export type * from './routes-shapes.ts';
export type { DisplayNames, RoutesCandidate };

/** Answers that mention resources by id carry their display names beside them (id → name). */
export interface Named {
  names: DisplayNames;
}

/** POST /trace. */
export type TraceResponse = TraceResult & Named;

/** GET /doctor. */
export type DoctorResponse = DoctorReport & Named;

export interface ErrorBody {
  code: string;
  message: string;
  /** Lab validation problems, line-accurate (LabInvalid and LabLimitExceeded). */
  issues?: LabIssue[];
  /** What an ambiguous routes target could mean, each with a target (and table) naming it alone (AmbiguousTarget). */
  candidates?: RoutesCandidate[];
}

export interface StatusResponse {
  version: string;
  clock: ClockStatus;
  dataLocation: string;
  endpoints: Endpoints;
  labs: string[];
  resourceCounts: Partial<Record<Kind, number>>;
  interconnects: InterconnectStatus[];
  /**
   * A lab being applied in slices right now (what, since when, how far). Meanwhile labs, counts and
   * interconnects show the world as last committed: the lab appears whole once it commits.
   */
  activity?: Activity;
}

export interface LabsResponse {
  labs: string[];
}

export interface LabDownResponse extends LabDownReport {
  lab: string;
}

export interface KindsResponse {
  kinds: { kind: Kind; count: number }[];
}

export interface ResourcesResponse {
  kind: Kind;
  count: number;
  items: unknown[];
}

export interface EventsResponse {
  events: WorldEvent[];
}

export interface ResetResponse {
  reset: true;
  clock: ClockStatus;
}

/** Lines of a streamed lab operation (request sent with `Accept: application/x-ndjson`). */
export type ProgressLine =
  | ({ type: 'progress'; elapsedMs: number } & LabProgress)
  | { type: 'result'; status: number; body: LabUpReport | LabDownResponse }
  | { type: 'error'; status: number; body: ErrorBody };

/** GET /drills: the drills that are running. */
export interface DrillsResponse {
  drills: DrillListing[];
}

/** DELETE /drills/:id and DELETE /drills: what was stopped, and the routes once it was undone. */
export interface DrillStopResponse {
  stopped: string[];
  after: RouteView[];
  /** What a running data plane did to follow (links restored, routes replaced), or why it could not. */
  dataplane?: FollowReport | { error: string };
}

/** GET /topology: the console's graph of both clouds and the interconnect. */
export type TopologyResponse = Topology;

/** Media type of GET /events/stream: one `data: <WorldEvent JSON>` message per committed event. */
export const EVENT_STREAM = 'text/event-stream';

/** GET /traffic (the console's link utilisation) and GET /metrics/history (its charts). */
export type { TrafficResponse } from './traffic.ts';
export type { Placement as TrafficPlacement } from '../../traffic/types.ts';
export type { MetricsHistoryResponse, MetricSeriesPoints } from './metrics-history.ts';
/** The data plane (GET/POST/DELETE /dataplane). */
export type { DataplaneStatus, DataplaneUpReport } from '../../dataplane/service.ts';
export type { ActiveAlert, AlertsResponse, AlertState } from '../../alerts/types.ts';
import type { FollowReport } from '../../dataplane/service.ts';
export type { DownReport as DataplaneDownReport } from '../../dataplane/apply.ts';
export type { LinkStatus as DataplaneLinkStatus, LinkEndStatus as DataplaneLinkEnd } from '../../dataplane/link-status.ts';
