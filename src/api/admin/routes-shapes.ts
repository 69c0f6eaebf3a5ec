// Wire shapes of GET /routes: one answer per kind of target, each in the owning cloud's own field
// names (OCI RouteRule / DrgRouteRule, ARM EffectiveRoute and the ExpressRoute circuit tables),
// plus FastRoute's explanations (names of next hops, best-path reasons). Types only.
import type { BestPathReason, LinkPath } from '../../routing/types.ts';
import type {
  ArpTableListResult, DevicePath, DrgRouteRuleWire, EffectiveRouteWire, RoutesTableListResult, RoutesTableSummaryListResult,
} from '../../routing/diagnostics/types.ts';

export type { DevicePath };

export interface VcnRouteRuleView {
  destination: string;
  destinationType: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK';
  networkEntityId: string;
  routeType: 'STATIC' | 'LOCAL';
  description?: string;
  /** FastRoute: the next hop's display name ("local" for the VCN's own CIDRs). */
  networkEntityName: string;
}

export interface VcnRouteTableRoutes {
  type: 'vcn-route-table';
  target: string;
  id: string;
  displayName: string;
  vcnId: string;
  vcnName: string;
  /** When the target was an instance or subnet: what led to this table. */
  via?: string;
  routeRules: VcnRouteRuleView[];
}

/** OCI's DrgRouteRule (ListDrgRouteRules), plus the next-hop attachment's display name. */
export interface DrgRouteRuleView extends DrgRouteRuleWire {
  /** FastRoute: the next-hop attachment's display name. */
  nextHopName: string;
}

export interface DrgRouteTableRoutes {
  type: 'drg-route-table';
  target: string;
  id: string;
  displayName: string;
  drgId: string;
  isEcmpEnabled: boolean;
  rules: DrgRouteRuleView[];
}

/** ARM's EffectiveRoute, plus FastRoute's reason when a route is Invalid. */
export interface EffectiveRouteView extends EffectiveRouteWire {
  invalidReason?: string;
}

export interface EffectiveRoutes {
  type: 'effective-routes';
  target: string;
  nicId?: string;
  nicName?: string;
  vmName?: string;
  subnetId: string;
  /** ARM's effectiveRouteTable answer: `{ value: EffectiveRoute[] }`. */
  value: EffectiveRouteView[];
}

export interface CircuitPathRoutes {
  type: 'circuit-path';
  target: string;
  circuitId: string;
  circuitName: string;
  virtualCircuitId?: string;
  devicePath: DevicePath;
  routeTable: RoutesTableListResult;
  routeTableSummary: RoutesTableSummaryListResult;
  arpTable: ArpTableListResult;
}

export interface BgpRouteView {
  prefix: string;
  asPath: number[];
  nextHop: string;
  best: boolean;
  /** Why it won (or lost) best-path selection across the two sessions. */
  reason?: BestPathReason;
}

export interface BgpSessionView {
  path: LinkPath;
  up: boolean;
  reason?: string;
  oracleIp?: string;
  azureIp?: string;
  prefixLimit: number;
  offeredToAzure: number;
  /** Oracle's Adj-RIB-Out = Microsoft's Adj-RIB-In: what OCI advertises to Azure on this session. */
  toAzure: BgpRouteView[];
  /** Microsoft's Adj-RIB-Out = Oracle's Adj-RIB-In: what Azure advertises to OCI on this session. */
  toOci: BgpRouteView[];
}

export interface BgpSessionsRoutes {
  type: 'bgp-sessions';
  target: string;
  virtualCircuitId: string;
  name: string;
  circuitId?: string;
  gatewayIds: string[];
  down?: string;
  downReason?: string;
  sessions: BgpSessionView[];
}

export type RoutesResponse = VcnRouteTableRoutes | DrgRouteTableRoutes | EffectiveRoutes | CircuitPathRoutes | BgpSessionsRoutes;
