// The ExpressRoute circuit's private-peering tables per device path, as Microsoft's edge (MSEE) sees
// the link to Oracle's edge (interconnect-facts §1.5, §5.4): the ARP table, the BGP route table
// (both directions: the VNet prefixes the MSEE learned from the connected gateways, path 65515, what
// it learned from Oracle on that path, path 31898, and from the on-premises sites on the circuit, path
// the site's ASN) and the BGP summary (Oracle's neighbor, then each on-premises site's router).
// Whether the session is Established is the interconnect's one session state (session-state.ts).
//
// How each state shows (decisions for the [U] points are listed in docs/differences.md):
//   circuit not Provisioned / no private peering / path without a /30  → every table empty
//   Microsoft side down (peering Disabled, circuit Failed)              → no ARP table; summary Idle
//   Oracle side not answering on the 2nd address of the /30 (VC not PROVISIONED, BGP admin
//   DISABLED, wrong address roles or a non-/30 block, link-down drill)  → On-Prem MAC "Incomplete"
//   session down with layer 2 fine (prefix limit, BGP reset drill)      → ARP resolved, summary Idle/Active
//   session up                                                          → two ARP rows, routes, prefix count
import { cidr, intToIp, nthAddress, parseCidr, parseInterfaceAddress, type Ipv4Prefix } from '../../model/cidr.ts';
import { arm } from '../../model/errors.ts';
import { evaluateLink } from '../../model/interconnect/bgp-addressing.ts';
import type { ExpressRouteCircuit } from '../../model/azure/expressroute.ts';
import type { VirtualCircuit } from '../../model/oci/virtual-circuit.ts';
import type { BgpSession, LinkPath } from '../types.ts';
import type { Routing } from '../routing.ts';
import { ER_GATEWAY_ASN } from '../../model/interconnect/providers.ts';
import { gatewayBgpAddressing } from '../azure/gateway-addressing.ts';
import { interconnectSessionState } from '../interconnect/session-state.ts';
import { sitesOnCircuit } from '../interconnect/on-premises.ts';
import { liveLink, type LiveLink } from '../interconnect/live-sessions.ts';
import { armNotFound } from './resolve.ts';
import type {
  ArpTableListResult, DevicePath, DiagnosticsClock, ExpressRouteCircuitRoutesTable, RoutesTableListResult, RoutesTableSummaryListResult,
} from './types.ts';

export interface CircuitTableOptions extends DiagnosticsClock {
  /** The peering named in the request path; only AzurePrivatePeering exists on an interconnect circuit. */
  peeringName?: string;
}

const PRIVATE_PEERING = 'AzurePrivatePeering';
/** Oracle's OUI (its VNIC MACs start 00:00:17) and Microsoft's (00:0D:3A), for readable, deterministic MACs. */
const ORACLE_OUI = '000017';
const MICROSOFT_OUI = '000d3a';

/** A deterministic MAC in Cisco's dotted form: the vendor OUI, then the address's low 24 bits. */
export function macFor(oui: string, address: number): string {
  return ciscoMac(`${oui}${(address & 0xffffff).toString(16).padStart(6, '0')}`);
}

/** A MAC as Cisco prints it (aabb.ccdd.eeff), from any form (aa:bb:cc:dd:ee:ff, bare hex). */
export function ciscoMac(mac: string): string {
  const hex = mac.replace(/[^0-9a-f]/gi, '').toLowerCase();
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8, 12)}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Cisco's Up/Down column: "hh:mm:ss" under a day, then "1d02h", "3w2d", "1y4w". */
export function formatUpDown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 86_400) return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
  const days = Math.floor(s / 86_400);
  if (days < 7) return `${days}d${pad2(Math.floor((s % 86_400) / 3600))}h`;
  const weeks = Math.floor(days / 7);
  if (weeks < 52) return `${weeks}w${days % 7}d`;
  return `${Math.floor(weeks / 52)}y${weeks % 52}w`;
}

function elapsedSeconds(clock: DiagnosticsClock, since: string | undefined): number {
  if (clock.now === undefined || since === undefined) return 0;
  const now = typeof clock.now === 'number' ? clock.now : Date.parse(clock.now);
  const start = Date.parse(since);
  if (!Number.isFinite(now) || !Number.isFinite(start)) return 0;
  return Math.max(0, Math.floor((now - start) / 1000));
}

function pathOf(devicePath: string): LinkPath {
  const p = devicePath.toLowerCase();
  if (p === 'primary' || p === 'secondary') return p;
  throw arm.badRequest('InvalidRequestFormat', `devicePath '${devicePath}' is not valid; use Primary or Secondary.`, 'devicePath');
}

function virtualCircuitFor(r: Routing, circuit: ExpressRouteCircuit): VirtualCircuit | undefined {
  const key = circuit.properties.serviceKey.toLowerCase();
  const vcs = r.memo.list('oci.VirtualCircuit').filter((vc) => vc.providerServiceKeyName?.toLowerCase() === key && vc.lifecycleState !== 'TERMINATED');
  return vcs.find((vc) => vc.lifecycleState === 'PROVISIONED') ?? vcs[0];
}

/** What Microsoft's edge knows about one device path of the private peering. */
interface PathState {
  /** The address Microsoft expects Oracle on (2nd of the /30) and its own (3rd). */
  oracleIp: number;
  microsoftIp: number;
  peerAsn: number;
  /** Microsoft's interface is up: the peering is Enabled and the circuit not Failed. */
  microsoftUp: boolean;
  /** Oracle's edge answers ARP on `oracleIp`. */
  oracleAnswers: boolean;
  /** The session when Established. */
  established?: BgpSession;
  /** The virtual circuit whose link this is. */
  virtualCircuitId: string;
  /** The BGP state when not Established, and since when (unknown = "never"). */
  downState: 'Idle' | 'Active';
  downSince?: string;
  /** When the link came up (for ages and the Established time). */
  upSince: string;
  /** BGP on the wire: the daemons' view of this link (routes, state word, ARP), which the tables show instead. */
  wire?: LiveLink;
}

function pathState(r: Routing, circuitId: string, devicePath: string, opts: CircuitTableOptions): PathState | undefined {
  const path = pathOf(devicePath);
  const circuit = r.memo.get('azure.ExpressRouteCircuit', circuitId);
  if (!circuit || circuit.properties.provisioningState === 'Deleting') throw armNotFound('Microsoft.Network/expressRouteCircuits', circuitId);
  const peeringName = opts.peeringName ?? PRIVATE_PEERING;
  const peering = r.memo.get('azure.ExpressRouteCircuitPeering', `${circuit.id}/peerings/${peeringName}`);
  if (peeringName.toLowerCase() !== PRIVATE_PEERING.toLowerCase() && !peering) {
    throw arm.notFound('Microsoft.Network/expressRouteCircuits/peerings', `${circuit.name}/${peeringName}`, circuit.fr.resourceGroup);
  }
  const vc = virtualCircuitFor(r, circuit);
  if (!peering || !vc || circuit.properties.serviceProviderProvisioningState !== 'Provisioned') return undefined;
  const index = path === 'primary' ? 0 : 1;
  const blockText = path === 'primary' ? peering.properties.primaryPeerAddressPrefix : peering.properties.secondaryPeerAddressPrefix;
  const block = parseCidr(blockText);
  if (!block.ok) return undefined;
  const oracleIp = nthAddress(block.prefix, 1);
  const microsoftIp = nthAddress(block.prefix, 2);

  const mapping = vc.crossConnectMappings[index];
  const link = evaluateLink(mapping?.customerBgpPeeringIp, mapping?.oracleBgpPeeringIp);
  const configured = link.oracleIp === undefined ? undefined : parseInterfaceAddress(link.oracleIp)?.address;
  const addressingWrong = link.problem !== undefined || configured !== oracleIp;
  const drills = r.memo.list('fr.Drill').filter((d) => d.virtualCircuitId === vc.id);
  const drill = (kind: string) => drills.find((d) => d.kind === kind && (d.path === undefined || d.path === path));
  const linkDown = drill('link-down');
  const adminDown = vc.bgpAdminState === 'DISABLED';
  const oracleAnswers = vc.lifecycleState === 'PROVISIONED' && !adminDown && !addressingWrong && linkDown === undefined;
  const microsoftUp = peering.properties.state === 'Enabled' && circuit.properties.provisioningState !== 'Failed';

  const session = r.interconnect(vc.id).sessions.find((s) => s.path === path);
  const state: PathState = {
    oracleIp, microsoftIp, peerAsn: peering.properties.peerASN, microsoftUp, oracleAnswers, virtualCircuitId: vc.id,
    downState: 'Active', upSince: opts.provisionedAt ?? vc.timeCreated,
  };
  const wire = liveLink(r, vc.id, path);
  if (wire !== undefined) state.wire = wire;
  // One session, one state: Established exactly when the interconnect's session on this link is UP.
  const sessionState = interconnectSessionState(r, vc.id).links[index];
  if (sessionState?.state === 'UP' && session !== undefined) return { ...state, established: session };
  // Idle: BGP will not try (admin, configuration, interface down, prefix limit); Active: it tries, nobody answers.
  if (!microsoftUp || adminDown || addressingWrong) return { ...state, downState: 'Idle' };
  if (linkDown) return { ...state, downState: 'Idle', downSince: linkDown.startedAt };
  if (session !== undefined && session.offeredToAzure > session.prefixLimit) {
    const flood = drill('prefix-flood');
    return { ...state, downState: 'Idle', ...(flood ? { downSince: flood.startedAt } : {}) };
  }
  const reset = drill('bgp-reset');
  return { ...state, downState: 'Active', ...(reset ? { downSince: reset.startedAt } : {}) };
}

/**
 * The ARP table of one device path (`…/peerings/AzurePrivatePeering/arpTables/{devicePath}`):
 * Oracle's edge ("On-Prem", the 2nd address of the /30, odd) and Microsoft's ("Microsoft", the 3rd, even).
 */
export function circuitArpTable(r: Routing, circuitId: string, devicePath: DevicePath | Lowercase<DevicePath>, opts: CircuitTableOptions = {}): ArpTableListResult {
  const s = pathState(r, circuitId, devicePath, opts);
  if (!s?.microsoftUp) return { value: [] };
  const arp = s.wire?.arp;
  if (arp !== undefined) {
    // The MSEE namespace's own neighbour table: Oracle's edge resolved or not, and the MSEE's interface.
    return {
      value: [
        { age: Math.floor((arp.oracle.ageSeconds ?? 0) / 60), interface: 'On-Prem', ipAddress: arp.oracle.ip, macAddress: arp.oracle.mac === undefined ? 'Incomplete' : ciscoMac(arp.oracle.mac) },
        { age: 0, interface: 'Microsoft', ipAddress: arp.microsoft.ip, macAddress: arp.microsoft.mac === undefined ? 'Incomplete' : ciscoMac(arp.microsoft.mac) },
      ],
    };
  }
  return {
    value: [
      {
        age: s.oracleAnswers ? Math.floor(elapsedSeconds(opts, s.upSince) / 60) : 0,
        interface: 'On-Prem',
        ipAddress: intToIp(s.oracleIp),
        macAddress: s.oracleAnswers ? macFor(ORACLE_OUI, s.oracleIp) : 'Incomplete',
      },
      { age: 0, interface: 'Microsoft', ipAddress: intToIp(s.microsoftIp), macAddress: macFor(MICROSOFT_OUI, s.microsoftIp) },
    ],
  };
}

interface Row { row: ExpressRouteCircuitRoutesTable; prefix: Ipv4Prefix }

/** The VNet prefixes the MSEE learned from the gateways connected to the circuit: one row per gateway instance. */
function vnetRows(r: Routing, virtualCircuitId: string): Row[] {
  const rows: Row[] = [];
  for (const gatewayId of r.interconnect(virtualCircuitId).gatewayIds) {
    const instances = gatewayBgpAddressing(r, gatewayId)?.instances ?? [];
    for (const network of r.gatewayAdvertised(gatewayId)) {
      const prefix = cidr(network);
      for (const i of instances) rows.push({ row: { network, nextHop: i.address, locPrf: '', weight: 0, path: String(ER_GATEWAY_ASN) }, prefix });
    }
  }
  return rows;
}

/**
 * The prefixes learned from the on-premises sites on the circuit over this link: next hop the site's
 * router, path its ASN. On the wire, what the MSEE's daemon holds from each site (while Established).
 */
function siteRows(r: Routing, circuitId: string, path: LinkPath, wire: LiveLink | undefined): Row[] {
  const rows: Row[] = [];
  if (wire !== undefined) {
    for (const site of wire.sites ?? []) {
      if (!site.established) continue;
      for (const route of site.routes) rows.push({ row: { network: route.prefix, nextHop: route.nextHop, locPrf: '', weight: 0, path: route.asPath.join(' ') }, prefix: cidr(route.prefix) });
    }
    return rows;
  }
  for (const site of sitesOnCircuit(r, circuitId)) {
    const session = r.onPremises(site.id)?.sessions.find((x) => x.path === path && x.up);
    for (const route of session?.fromSite ?? []) rows.push({ row: { network: route.prefix, nextHop: route.nextHop, locPrf: '', weight: 0, path: route.asPath.join(' ') }, prefix: route.network });
  }
  return rows;
}

/** One summary row per on-premises site on the circuit: its router on this link, its ASN, its prefix count or "Idle" (on the wire: the daemon's count or state word). */
function siteSummaryRows(r: Routing, circuitId: string, path: LinkPath, upDown: string, wire: LiveLink | undefined): RoutesTableSummaryListResult['value'] {
  const out: RoutesTableSummaryListResult['value'] = [];
  for (const site of sitesOnCircuit(r, circuitId)) {
    const session = r.onPremises(site.id)?.sessions.find((x) => x.path === path);
    if (!session) continue;
    const live = wire?.sites?.find((x) => x.siteIp === session.siteIp);
    const up = live === undefined ? session.up : live.established;
    const word = live === undefined ? 'Idle' : live.state.split(/\s+/)[0] ?? 'Idle';
    out.push({ neighbor: session.siteIp, v: 4, as: site.asn, upDown: up ? upDown : 'never', statePfxRcd: up ? String(live === undefined ? session.fromSite.length : live.routes.length) : word });
  }
  return out;
}

/**
 * The BGP route table of one device path (`…/routeTables/{devicePath}`), as Microsoft's
 * troubleshooting guide shows it: the VNet prefixes from the gateway (next hop each gateway
 * instance, path "65515") and the prefixes learned from Oracle on that session (next hop Oracle's
 * BGP address, path "31898", plus prepends), in network order. With the session down only the VNet
 * rows remain: the MSEE still learns them from the gateway.
 */
export function circuitRouteTable(r: Routing, circuitId: string, devicePath: DevicePath | Lowercase<DevicePath>, opts: CircuitTableOptions = {}): RoutesTableListResult {
  const s = pathState(r, circuitId, devicePath, opts);
  if (!s?.microsoftUp) return { value: [] };
  // On the wire: what the MSEE's daemon holds from Oracle on this link, as it holds it (kept while it says Established).
  const fromOracle = s.wire !== undefined ? (s.established ? s.wire.toAzure : []).map((x) => ({ prefix: x.prefix, nextHop: x.nextHop, asPath: x.asPath, network: cidr(x.prefix) })) : (s.established?.toAzure ?? []);
  const learned = fromOracle.map((route): Row => ({
    row: { network: route.prefix, nextHop: route.nextHop, locPrf: '', weight: 0, path: route.asPath.join(' ') }, prefix: route.network,
  }));
  const rows = [...vnetRows(r, s.virtualCircuitId), ...learned, ...siteRows(r, circuitId, pathOf(devicePath), s.wire)].sort((a, b) => a.prefix.network - b.prefix.network || a.prefix.length - b.prefix.length);
  return { value: rows.map((x) => x.row) };
}

/**
 * The BGP summary of one device path (`…/routeTablesSummary/{devicePath}`): the neighbor Microsoft's
 * edge is configured with (Oracle, AS 31898), how long it has been in its state, and the number of
 * prefixes received from that neighbor (the route table's rows learned from Oracle, not the VNet's)
 * when Established, or the state ("Idle", "Active") when not.
 */
export function circuitRouteTableSummary(r: Routing, circuitId: string, devicePath: DevicePath | Lowercase<DevicePath>, opts: CircuitTableOptions = {}): RoutesTableSummaryListResult {
  const s = pathState(r, circuitId, devicePath, opts);
  if (!s) return { value: [] };
  const neighbor = intToIp(s.oracleIp);
  const sites = s.microsoftUp ? siteSummaryRows(r, circuitId, pathOf(devicePath), formatUpDown(elapsedSeconds(opts, s.upSince)), s.wire) : [];
  if (s.wire !== undefined) {
    // The daemons' word: the prefix count while Established, else the BGP state (its first word: "Idle (Admin)" is Idle).
    const upDown = s.wire.since === undefined ? 'never' : formatUpDown(elapsedSeconds(opts, s.wire.since));
    const word = s.established ? String(s.wire.toAzure.length) : (s.wire.microsoftState === 'Established' ? s.wire.oracleState : s.wire.microsoftState).split(/\s+/)[0] ?? 'Idle';
    return { value: [{ neighbor, v: 4, as: s.peerAsn, upDown, statePfxRcd: word }, ...sites] };
  }
  if (s.established) {
    return { value: [{ neighbor, v: 4, as: s.peerAsn, upDown: formatUpDown(elapsedSeconds(opts, s.upSince)), statePfxRcd: String(s.established.toAzure.length) }, ...sites] };
  }
  const upDown = s.downSince === undefined ? 'never' : formatUpDown(elapsedSeconds(opts, s.downSince));
  return { value: [{ neighbor, v: 4, as: s.peerAsn, upDown, statePfxRcd: s.downState }, ...sites] };
}
