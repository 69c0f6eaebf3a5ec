// Wire shapes of the clouds' own diagnostics (interconnect-facts §5.4, §6.1, §6.3; api-shapes §1.6,
// §2.4). The diagnostics functions return exactly these, so the ARM and OCI API layers can send
// them as they are. Types only.
import type { EffectiveRoute } from '../types.ts';

/** ExpressRoute `devicePath` (the SDK examples also send it lower-case; both are accepted). */
export type DevicePath = 'Primary' | 'Secondary';

// ── ExpressRoute circuit peering tables (POST …/peerings/{p}/arpTables|routeTables|routeTablesSummary/{devicePath}) ──

export interface ExpressRouteCircuitArpTable {
  /** Minutes since the entry was learned (0 for Microsoft's own interface). */
  age: number;
  interface: 'Microsoft' | 'On-Prem';
  ipAddress: string;
  /** Cisco dotted form ("0000.1763.0001"), or "Incomplete" when the peer does not answer ARP. */
  macAddress: string;
}

export interface ExpressRouteCircuitRoutesTable {
  network: string;
  nextHop: string;
  locPrf: string;
  weight: number;
  /** AS path, space-separated ("31898", "31898 31898 31898" with prepends). */
  path: string;
}

export interface ExpressRouteCircuitRoutesTableSummary {
  neighbor: string;
  v: number;
  as: number;
  /** "never", or the time in the current state ("00:05:12", "2d03h", "8w4d"). */
  upDown: string;
  /** Prefixes received (as a string) when Established, else the BGP state ("Idle", "Active"). */
  statePfxRcd: string;
}

export interface ArpTableListResult { value: ExpressRouteCircuitArpTable[] }
export interface RoutesTableListResult { value: ExpressRouteCircuitRoutesTable[] }
export interface RoutesTableSummaryListResult { value: ExpressRouteCircuitRoutesTableSummary[] }

/**
 * Time inputs of the circuit tables. Routing is pure and has no clock: without `now`, ages are 0 and
 * elapsed times "00:00:00". `provisionedAt` is when the virtual circuit became PROVISIONED (the API
 * layer can read it from the event log); it defaults to the VC's `timeCreated`.
 */
export interface DiagnosticsClock {
  now?: number | string;
  provisionedAt?: string;
}

// ── OCI DrgRouteRule (ListDrgRouteRules) ──────────────────────────────────────────────────────────

export interface DrgRouteRuleWire {
  id: string;
  destination: string;
  destinationType: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK';
  nextHopDrgAttachmentId: string;
  routeType: 'STATIC' | 'DYNAMIC';
  routeProvenance: 'STATIC' | 'VCN' | 'VIRTUAL_CIRCUIT' | 'IPSEC_TUNNEL';
  isConflict: boolean;
  isBlackhole: boolean;
  /** Free-form, service-computed (keys [U]): FastRoute puts the AS path, why the route won and the importing distribution here. */
  attributes: Record<string, unknown>;
}

// ── ARM effective routes and NSGs (POST …/networkInterfaces/{nic}/effectiveRouteTable|effectiveNetworkSecurityGroups) ──

export type EffectiveRouteNextHopType = EffectiveRoute['nextHopType'];

/** ARM's EffectiveRoute: routing's route without FastRoute's own fields. */
export type EffectiveRouteWire = Omit<EffectiveRoute, 'invalidReason' | 'routeTableId' | 'prefix' | 'remoteVnetId'>;

export interface EffectiveRouteListResult { value: EffectiveRouteWire[] }

export interface EffectiveNetworkSecurityRule {
  /** "securityRules/<name>" or "defaultSecurityRules/<name>". */
  name: string;
  protocol: 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | 'All';
  sourcePortRange?: string;
  destinationPortRange?: string;
  sourcePortRanges: string[];
  destinationPortRanges: string[];
  sourceAddressPrefix?: string;
  destinationAddressPrefix?: string;
  sourceAddressPrefixes: string[];
  destinationAddressPrefixes: string[];
  expandedSourceAddressPrefix: string[];
  expandedDestinationAddressPrefix: string[];
  access: 'Allow' | 'Deny';
  priority: number;
  direction: 'Inbound' | 'Outbound';
}

export interface EffectiveNetworkSecurityGroup {
  networkSecurityGroup: { id: string };
  association: { subnet?: { id: string }; networkInterface?: { id: string } };
  effectiveSecurityRules: EffectiveNetworkSecurityRule[];
  /** JSON string: service tag → prefixes it stands for. */
  tagMap: string;
}

export interface EffectiveNetworkSecurityGroupListResult { value: EffectiveNetworkSecurityGroup[] }

// ── Network Watcher (POST …/networkWatchers/{nw}/nextHop and …/ipFlowVerify) ───────────────────────

export interface NextHopParameters {
  /** The VM (ARM id). Optional here: the NIC, or the NIC owning `sourceIPAddress`, is enough. */
  targetResourceId?: string;
  targetNicResourceId?: string;
  sourceIPAddress: string;
  destinationIPAddress: string;
}

export type NextHopType = 'Internet' | 'VirtualAppliance' | 'VirtualNetworkGateway' | 'VnetLocal' | 'HyperNetGateway' | 'None' | 'VNetPeering';

export interface NextHopResult {
  nextHopType: NextHopType;
  nextHopIpAddress: string;
  /** The user route table's id, or "System Route". */
  routeTableId: string;
}

export interface VerificationIPFlowParameters {
  /** The VM (ARM id; a NIC id is accepted too). One of targetResourceId / targetNicResourceId is required. */
  targetResourceId?: string;
  targetNicResourceId?: string;
  direction: 'Inbound' | 'Outbound';
  protocol: 'TCP' | 'UDP';
  localIPAddress: string;
  /** A port (0–65535), or "*". */
  localPort: string | number;
  remoteIPAddress: string;
  remotePort: string | number;
}

export interface VerificationIPFlowResult {
  access: 'Allow' | 'Deny';
  /** "securityRules/<name>" or "defaultSecurityRules/<name>"; "" when no NSG applies. */
  ruleName: string;
}
