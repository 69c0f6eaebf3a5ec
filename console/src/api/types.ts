// The admin API's wire shapes, re-exported for the console. Types only: nothing from ../src reaches
// the bundle, so the console and the server cannot drift apart without the typecheck noticing.
export type {
  StatusResponse, RoutesResponse, TraceRequest, TraceResult, Hop, PathResult, DoctorReport, Finding, Severity,
  DrillsResponse, DrillReport, DrillSpec, DrillStopResponse, DrillListing, RouteView, RouteImpact, EventsResponse, WorldEvent,
  InterconnectStatus, ErrorBody, VcnRouteTableRoutes, DrgRouteTableRoutes, EffectiveRoutes, CircuitPathRoutes, BgpSessionsRoutes,
  BgpSessionView, BgpRouteView, ResourcesResponse, DataplaneStatus, DataplaneLinkStatus, DataplaneLinkEnd,
  ActiveAlert, AlertsResponse, TrafficResponse, TrafficPlacement, MetricsHistoryResponse, MetricSeriesPoints,
} from '../../../src/api/admin/contract.ts';
export type { Topology, TopologyNode, TopologyEdge, TopologyState, TopologyNodeKind, TopologyEdgeKind } from '../../../src/topology/types.ts';
