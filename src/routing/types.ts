// Route shapes shared by the routing engine, the trace and the diagnostics. Every route carries
// where it came from and why it won or lost, so any answer can be explained.
import type { Ipv4Prefix } from '../model/cidr.ts';

export type BestPathReason = 'only-path' | 'static-over-dynamic' | 'shortest-as-path' | 'attachment-type' | 'network-distance' | 'source-priority' | 'ecmp' | 'stable-tiebreak' | 'primary-preferred';

/** A route in a DRG route table, in OCI's DrgRouteRule shape plus FastRoute's explanation. */
export interface DrgRoute {
  id: string;
  destination: string;
  destinationType: 'CIDR_BLOCK';
  nextHopDrgAttachmentId: string;
  routeType: 'STATIC' | 'DYNAMIC';
  routeProvenance: 'STATIC' | 'VCN' | 'VIRTUAL_CIRCUIT' | 'IPSEC_TUNNEL';
  isConflict: boolean;
  isBlackhole: boolean;
  attributes: { asPath?: number[]; reason?: BestPathReason; importedBy?: string };
  prefix: Ipv4Prefix;
  /** FastRoute: the DRGs a route learned over remote peering came through, nearest last (its network distance). */
  via?: readonly string[];
}

/** A route in a VCN route table (static rule or implicit local route). */
export interface VcnRoute {
  destination: string;
  prefix: Ipv4Prefix;
  routeType: 'STATIC' | 'LOCAL';
  networkEntityId: string; // 'local' for local routes
  ruleIndex?: number;
}

/** A BGP route as one edge router holds it. */
export interface BgpRoute {
  prefix: string;
  network: Ipv4Prefix;
  asPath: number[];
  nextHop: string;
  /** Why it is best (or why not), set by best-path selection. */
  best?: boolean;
  reason?: BestPathReason;
}

export type LinkPath = 'primary' | 'secondary';

export interface BgpSession {
  path: LinkPath;
  oracleIp?: string;
  azureIp?: string;
  up: boolean;
  /** Why the session is down (configuration, provisioning, drill or prefix limit). */
  reason?: string;
  /** Routes Oracle advertises to Microsoft on this session (Adj-RIB-Out at Oracle = Adj-RIB-In at Microsoft). */
  toAzure: BgpRoute[];
  /** Routes Microsoft advertises to Oracle on this session. */
  toOci: BgpRoute[];
  prefixLimit: number;
  /** Number of prefixes Oracle tried to advertise (before the limit dropped the session). */
  offeredToAzure: number;
}

export interface InterconnectRouting {
  virtualCircuitId: string;
  circuitId?: string;
  /** ER gateways (ARM ids) whose connection to this circuit is Connected and carries routes. */
  gatewayIds: string[];
  /**
   * Gateways whose Connected connection is down because the gateway advertises more than the
   * 1,000 IPv4 prefixes one ExpressRoute connection may carry (its VNet and the spokes using it):
   * Microsoft disconnects such a connection until the count falls (ExpressRoute FAQ).
   */
  overAdvertisedLimit: { gatewayId: string; advertised: number; limit: number }[];
  sessions: BgpSession[];
  /** Best path per prefix on each side, after selection across the two sessions. */
  bestToAzure: Map<string, { routes: BgpRoute[]; paths: LinkPath[]; reason: BestPathReason }>;
  bestToOci: Map<string, { routes: BgpRoute[]; paths: LinkPath[]; reason: BestPathReason }>;
  /** Why nothing crosses, when nothing does. */
  down?: 'CIRCUIT_NOT_PROVISIONED' | 'BGP_SESSION_DOWN';
  downReason?: string;
  /**
   * What each side offers on the sessions, up or not (absent when not provisioned): Oracle's export to
   * the circuit (without the flood), the prefix-flood drills' prefixes, and the gateways' prefixes.
   * BGP on the wire announces these and lets the MSEE's prefix limit act on them.
   */
  offered?: { exported: string[]; flood: string[]; fromAzure: string[] };
}

/** An Azure effective route in ARM's EffectiveRoute shape plus the prefix for lookups. */
export interface EffectiveRoute {
  name?: string;
  disableBgpRoutePropagation: boolean;
  source: 'Unknown' | 'User' | 'VirtualNetworkGateway' | 'Default';
  state: 'Active' | 'Invalid';
  addressPrefix: string[];
  nextHopIpAddress: string[];
  nextHopType: 'VirtualNetworkGateway' | 'VnetLocal' | 'Internet' | 'VirtualAppliance' | 'None' | 'VNetPeering';
  /** FastRoute: why an Invalid route is invalid; the route table id of a User route. */
  invalidReason?: string;
  routeTableId?: string;
  prefix: Ipv4Prefix;
  /** VNetPeering: the remote VNet id. */
  remoteVnetId?: string;
}
