// DRG route tables as OCI builds them (interconnect-facts §3.2–3.5): each attachment offers routes
// (a VCN its subnet or VCN CIDRs plus the static rules of its ingress route table; a virtual circuit
// what it learned over BGP; a remote peering connection what the peer DRG exports to it); a table
// imports the routes its import distribution accepts, adds its static rules, and resolves conflicts
// in OCI's order, flagging losers `isConflict`.
//
// Remote peering makes tables of different DRGs depend on each other. Two rules keep that finite:
// routes cross at most MAX_RPC_HOPS remote peerings (OCI: "routes don't propagate across more than
// 4 DRGs"), so a table is computed at a depth (how many more peerings its imports may have crossed),
// and a route's provenance is its earliest origin, kept across peerings, and routes of virtual-circuit
// provenance are never advertised to a virtual circuit, so what a circuit is told (the 'cloud'
// scope) never depends on what any circuit learned.
import { cidr, type Ipv4Prefix } from '../../model/cidr.ts';
import type { DrgAttachment, DrgMatchCriteria } from '../../model/oci/drg.ts';
import { Fib } from '../fib.ts';
import type { BestPathReason, DrgRoute } from '../types.ts';
import type { Routing } from '../routing.ts';

/** Which route wins by the type of the attachment it was learned from (VCN > VC > IPSec > RPC). */
const TYPE_RANK: Record<string, number> = { VCN: 0, VIRTUAL_CIRCUIT: 1, IPSEC_TUNNEL: 2, REMOTE_PEERING_CONNECTION: 3 };
/** Between routes learned over remote peerings: the source priority, by provenance (STATIC > VCN > VC > IPSec). */
const SOURCE_RANK: Record<string, number> = { STATIC: 0, VCN: 1, VIRTUAL_CIRCUIT: 2, IPSEC_TUNNEL: 3 };
/** Provenances never advertised to a virtual circuit or IPSec tunnel (the SDK's DrgRouteRule.routeProvenance). */
const ON_PREMISES: ReadonlySet<string> = new Set(['VIRTUAL_CIRCUIT', 'IPSEC_TUNNEL']);
const MAX_ECMP = 8;
/** A route crosses at most 3 remote peerings: it reaches at most 4 DRGs (OCI-DRG limits). */
export const MAX_RPC_HOPS = 3;

/** 'all' routes, or only those that entered OCI from a VCN or a static rule (what a virtual circuit may be told). */
type RouteScope = 'all' | 'cloud';

export interface OfferedRoute {
  destination: string;
  /** Parsed once here, shared by every table that imports the route. */
  prefix: Ipv4Prefix;
  asPath: number[];
  attachment: DrgAttachment;
  /** DRGs the route came through over remote peering (empty when learned here). */
  via: readonly string[];
  /** The earliest origin: kept across remote peerings (OCI's routeProvenance). */
  provenance: DrgRoute['routeProvenance'];
}

export interface DrgTable {
  tableId: string;
  drgId: string;
  isEcmpEnabled: boolean;
  rules: DrgRoute[];
  /** Winners per destination (several when ECMP applies). */
  fib: Fib<DrgRoute[]>;
}

export function isLive(a: DrgAttachment): boolean {
  return a.lifecycleState === 'ATTACHED';
}

const NOWHERE: readonly string[] = [];

/** The routes an attachment offers to its DRG (remote peering: from as far as OCI propagates). */
export function offeredRoutes(r: Routing, attachmentId: string): OfferedRoute[] {
  return offeredAt(r, attachmentId, MAX_RPC_HOPS, 'all');
}

function offeredAt(r: Routing, attachmentId: string, depth: number, scope: RouteScope): OfferedRoute[] {
  // Read through the memo, not taken from the caller: the answer must depend on the attachment
  // itself, or a change of its vcnRouteType or ingress route table would leave it stale.
  const att = r.memo.get('oci.DrgAttachment', attachmentId);
  if (att?.networkDetails.type === 'REMOTE_PEERING_CONNECTION') {
    if (depth === 0) return [];
    return r.memo.compute('offeredRpc', `${attachmentId}|${depth}|${scope}`, () => remotePeeringOffered(r, attachmentId, depth, scope));
  }
  if (att?.networkDetails.type === 'VIRTUAL_CIRCUIT' && scope === 'cloud') return [];
  return r.memo.compute('offered', attachmentId, () => localOffered(r, attachmentId));
}

function localOffered(r: Routing, attachmentId: string): OfferedRoute[] {
  const att = r.memo.get('oci.DrgAttachment', attachmentId);
  if (!att || !isLive(att)) return [];
  const nd = att.networkDetails;
  if (nd.type === 'VCN') {
    const vcn = r.memo.get('oci.Vcn', nd.id);
    if (!vcn || vcn.lifecycleState !== 'AVAILABLE') return [];
    const own = nd.vcnRouteType === 'VCN_CIDRS'
      ? vcn.cidrBlocks
      : r.memo.children('oci.Subnet', nd.id).filter((s) => s.lifecycleState === 'AVAILABLE').map((s) => s.cidrBlock);
    const ingress = nd.routeTableId === undefined ? undefined : r.memo.get('oci.RouteTable', nd.routeTableId);
    const statics = (ingress?.routeRules ?? []).filter((x) => x.destinationType === 'CIDR_BLOCK').map((x) => x.destination);
    const noAsPath: number[] = [];
    return [...new Set([...own, ...statics])].map((destination) => ({ destination, prefix: cidr(destination), asPath: noAsPath, attachment: att, via: NOWHERE, provenance: 'VCN' as const }));
  }
  if (nd.type !== 'VIRTUAL_CIRCUIT') return [];
  // A virtual circuit offers what Microsoft advertised on its up sessions (shortest AS path kept).
  const ic = r.interconnect(nd.id);
  const out: OfferedRoute[] = [];
  for (const b of ic.bestToOci.values()) {
    const first = b.routes[0];
    if (first !== undefined && first.prefix !== '') out.push({ destination: first.prefix, prefix: first.network, asPath: first.asPath, attachment: att, via: NOWHERE, provenance: 'VIRTUAL_CIRCUIT' });
  }
  return out;
}

/** The live attachment of the peer of a PEERED remote peering connection, when both ends are up. */
export function peerRpcAttachment(r: Routing, attachmentId: string): DrgAttachment | undefined {
  const att = r.memo.get('oci.DrgAttachment', attachmentId);
  if (!att || !isLive(att) || att.networkDetails.type !== 'REMOTE_PEERING_CONNECTION') return undefined;
  const rpc = r.memo.get('oci.RemotePeeringConnection', att.networkDetails.id);
  if (rpc?.peeringStatus !== 'PEERED' || rpc.peerId === undefined) return undefined;
  const peer = r.memo.get('oci.RemotePeeringConnection', rpc.peerId);
  if (peer?.peeringStatus !== 'PEERED' || peer.peerId !== rpc.id) return undefined;
  return r.memo.children('oci.DrgAttachment', peer.drgId).find((a) => isLive(a) && a.networkDetails.type === 'REMOTE_PEERING_CONNECTION' && a.networkDetails.id === peer.id);
}

/**
 * What a remote peering connection brings in: the routes the peer DRG exports through its end (the
 * winners of that attachment's table accepted by its export distribution), never a route back to
 * where it came from (the peer's own end, or a DRG it already passed).
 */
function remotePeeringOffered(r: Routing, attachmentId: string, depth: number, scope: RouteScope): OfferedRoute[] {
  const att = r.memo.get('oci.DrgAttachment', attachmentId);
  const peerAtt = peerRpcAttachment(r, attachmentId);
  if (!att || !peerAtt || peerAtt.exportDrgRouteDistributionId === null) return [];
  const table = drgTableAt(r, peerAtt.drgRouteTableId, depth - 1, scope);
  if (!table) return [];
  const out: OfferedRoute[] = [];
  for (const route of table.rules) {
    if (route.isConflict || route.isBlackhole || route.nextHopDrgAttachmentId === peerAtt.id) continue;
    const via = route.via ?? NOWHERE;
    if (via.includes(att.drgId)) continue;
    const source = r.memo.get('oci.DrgAttachment', route.nextHopDrgAttachmentId);
    if (!source || !distributionAccepts(r, peerAtt.exportDrgRouteDistributionId, source)) continue;
    out.push({
      destination: route.destination, prefix: route.prefix, asPath: route.attributes.asPath ?? [], attachment: att,
      via: [...via, peerAtt.drgId], provenance: route.routeProvenance,
    });
  }
  return out;
}

function matches(criteria: readonly DrgMatchCriteria[], att: DrgAttachment): boolean {
  return criteria.every((c) =>
    c.matchType === 'MATCH_ALL' ? true
      : c.matchType === 'DRG_ATTACHMENT_TYPE' ? att.networkDetails.type === c.attachmentType
        : att.id === c.drgAttachmentId);
}

/** Does the distribution accept routes from this attachment? (statements by priority; all ACCEPT) */
export function distributionAccepts(r: Routing, distributionId: string | null, att: DrgAttachment): boolean {
  if (distributionId === null) return false;
  const statements = r.memo.children('oci.DrgRouteDistributionStatement', distributionId).slice().sort((a, b) => a.priority - b.priority);
  return statements.some((s) => matches(s.matchCriteria, att));
}

/** The DRG route table that routes packets (every route OCI would import). */
export function computeDrgTable(r: Routing, tableId: string): DrgTable | undefined {
  return buildDrgTable(r, tableId, MAX_RPC_HOPS, 'all');
}

/** A table at a depth and scope, memoised (the routing facade memoises the full one itself). */
function drgTableAt(r: Routing, tableId: string, depth: number, scope: RouteScope): DrgTable | undefined {
  if (depth === MAX_RPC_HOPS && scope === 'all') return r.drgTable(tableId);
  return r.memo.compute('drgTableAt', `${tableId}|${depth}|${scope}`, () => buildDrgTable(r, tableId, depth, scope));
}

function buildDrgTable(r: Routing, tableId: string, depth: number, scope: RouteScope): DrgTable | undefined {
  const table = r.memo.get('oci.DrgRouteTable', tableId);
  if (!table) return undefined;
  const importing = table.importDrgRouteDistributionId === null ? []
    : r.memo.children('oci.DrgAttachment', table.drgId).filter((att) => isLive(att) && distributionAccepts(r, table.importDrgRouteDistributionId, att));
  // Importing only VCNs, the table is the same in every scope: build it once, as the 'cloud' one.
  if (scope === 'all' && importing.every((att) => att.networkDetails.type === 'VCN')) return drgTableAt(r, tableId, depth, 'cloud');
  const candidates = new Map<string, DrgRoute[]>();
  const add = (route: DrgRoute) => {
    const list = candidates.get(route.destination);
    if (list) list.push(route);
    else candidates.set(route.destination, [route]);
  };
  for (const s of r.memo.children('oci.DrgRouteRule', tableId)) {
    add({
      id: s.id, destination: s.destination, destinationType: 'CIDR_BLOCK', nextHopDrgAttachmentId: s.nextHopDrgAttachmentId, routeType: 'STATIC',
      routeProvenance: 'STATIC', isConflict: false, isBlackhole: s.isBlackhole, attributes: {}, prefix: cidr(s.destination),
    });
  }
  for (const att of importing) {
    for (const o of offeredAt(r, att.id, depth, scope)) {
      if (scope === 'cloud' && ON_PREMISES.has(o.provenance)) continue;
      add({
        id: `${tableId}:${att.id}:${o.destination}`, destination: o.destination, destinationType: 'CIDR_BLOCK', nextHopDrgAttachmentId: att.id,
        routeType: 'DYNAMIC', routeProvenance: o.provenance, isConflict: false, isBlackhole: false,
        attributes: { ...(o.asPath.length > 0 ? { asPath: o.asPath } : {}), importedBy: table.importDrgRouteDistributionId ?? '' }, prefix: o.prefix,
        ...(o.via.length > 0 ? { via: o.via } : {}),
      });
    }
  }
  const rules: DrgRoute[] = [];
  const fib = new Fib<DrgRoute[]>();
  // The candidates were built above for this table alone: they become its rules in place, and the
  // winners' rules are what the FIB holds.
  for (const list of candidates.values()) {
    const { winners, reason } = resolveConflict(list, table.isEcmpEnabled);
    for (const route of list) {
      const won = winners.includes(route);
      route.isConflict = !won;
      if (won) route.attributes.reason = reason;
      rules.push(route);
    }
    const first = winners[0];
    if (first) fib.set(first.prefix, winners);
  }
  return { tableId, drgId: table.drgId, isEcmpEnabled: table.isEcmpEnabled, rules, fib };
}

/** OCI's conflict order for one destination: static > shortest AS path > attachment type > network distance (RPCs) > (ECMP | stable). */
export function resolveConflict(list: readonly DrgRoute[], ecmp: boolean): { winners: DrgRoute[]; reason: BestPathReason } {
  if (list.length === 1) return { winners: [...list], reason: 'only-path' };
  const statics = list.filter((x) => x.routeType === 'STATIC');
  if (statics.length > 0) return { winners: statics.slice(0, 1), reason: 'static-over-dynamic' };
  const asLen = (x: DrgRoute) => x.attributes.asPath?.length ?? 0;
  const shortest = Math.min(...list.map(asLen));
  let pool = list.filter((x) => asLen(x) === shortest);
  if (pool.length === 1) return { winners: pool, reason: 'shortest-as-path' };
  // Learned over a remote peering whatever its provenance; else from the attachment its provenance names.
  const rank = (x: DrgRoute) => ((x.via?.length ?? 0) > 0 ? TYPE_RANK.REMOTE_PEERING_CONNECTION : TYPE_RANK[x.routeProvenance]) ?? 9;
  const best = Math.min(...pool.map(rank));
  const byType = pool.filter((x) => rank(x) === best);
  let reasonType: BestPathReason = byType.length < pool.length ? 'attachment-type' : 'stable-tiebreak';
  pool = byType.slice().sort((a, b) => a.nextHopDrgAttachmentId.localeCompare(b.nextHopDrgAttachmentId));
  if (pool.length === 1) return { winners: pool, reason: reasonType };
  // Between remote peerings, the lowest network distance (fewest DRGs crossed) wins, then the source priority.
  const distance = (x: DrgRoute) => x.via?.length ?? 0;
  const nearest = Math.min(...pool.map(distance));
  if (pool.some((x) => distance(x) !== nearest)) {
    pool = pool.filter((x) => distance(x) === nearest);
    reasonType = 'network-distance';
    if (pool.length === 1) return { winners: pool, reason: reasonType };
  }
  if (nearest > 0) {
    const source = (x: DrgRoute) => SOURCE_RANK[x.routeProvenance] ?? 9;
    const first = Math.min(...pool.map(source));
    if (pool.some((x) => source(x) !== first)) {
      pool = pool.filter((x) => source(x) === first);
      reasonType = 'source-priority';
      if (pool.length === 1) return { winners: pool, reason: reasonType };
    }
  }
  if (ecmp && nearest === 0 && pool[0]?.routeProvenance === 'VIRTUAL_CIRCUIT') return { winners: pool.slice(0, MAX_ECMP), reason: 'ecmp' };
  return { winners: pool.slice(0, 1), reason: 'stable-tiebreak' };
}

/**
 * What the DRG advertises through a virtual-circuit attachment: the winning routes of the
 * attachment's DRG route table accepted by its export distribution: routes from VCNs, static rules
 * and routes learned over remote peering, but never a route whose provenance (its earliest origin,
 * kept across peerings) is a virtual circuit or IPSec tunnel: "No routes with a provenance
 * IPSEC_TUNNEL or VIRTUAL_CIRCUIT will be exported to IPsec tunnel or virtual circuit attachments,
 * regardless of the attachment's export distribution" (SDK DrgRouteRule.routeProvenance).
 */
export function exportedRoutes(r: Routing, vcAttachmentId: string): DrgRoute[] {
  return r.memo.compute('export', vcAttachmentId, () => {
    // Read through the memo so the answer depends on the attachment's export distribution and table.
    const vcAttachment = r.memo.get('oci.DrgAttachment', vcAttachmentId);
    if (!vcAttachment || vcAttachment.exportDrgRouteDistributionId === null || !isLive(vcAttachment)) return [];
    const table = drgTableAt(r, vcAttachment.drgRouteTableId, MAX_RPC_HOPS, 'cloud');
    if (!table) return [];
    const out: DrgRoute[] = [];
    for (const route of table.rules) {
      if (route.isConflict || route.isBlackhole || ON_PREMISES.has(route.routeProvenance)) continue;
      const source = r.memo.get('oci.DrgAttachment', route.nextHopDrgAttachmentId);
      if (!source || (source.networkDetails.type !== 'VCN' && source.networkDetails.type !== 'REMOTE_PEERING_CONNECTION')) continue;
      if (!distributionAccepts(r, vcAttachment.exportDrgRouteDistributionId, source)) continue;
      out.push(route);
    }
    return out;
  });
}
