// DRG route tables as OCI builds them (interconnect-facts §3.2–3.5): each attachment offers routes
// (a VCN its subnet or VCN CIDRs plus the static rules of its ingress route table; a virtual circuit
// what it learned over BGP); a table imports the routes its import distribution accepts, adds its
// static rules, and resolves conflicts in OCI's order, flagging losers `isConflict`.
import { cidr, type Ipv4Prefix } from '../../model/cidr.ts';
import type { DrgAttachment, DrgMatchCriteria } from '../../model/oci/drg.ts';
import { Fib } from '../fib.ts';
import type { BestPathReason, DrgRoute } from '../types.ts';
import type { Routing } from '../routing.ts';

const TYPE_RANK: Record<string, number> = { VCN: 0, VIRTUAL_CIRCUIT: 1, IPSEC_TUNNEL: 2, REMOTE_PEERING_CONNECTION: 3 };
const MAX_ECMP = 8;

export interface OfferedRoute {
  destination: string;
  /** Parsed once here, shared by every table that imports the route. */
  prefix: Ipv4Prefix;
  asPath: number[];
  attachment: DrgAttachment;
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

/** The routes an attachment offers to the DRG. */
export function offeredRoutes(r: Routing, attachmentId: string): OfferedRoute[] {
  return r.memo.compute('offered', attachmentId, () => {
    // Read through the memo, not taken from the caller: the answer must depend on the attachment
    // itself, or a change of its vcnRouteType or ingress route table would leave it stale.
    const att = r.memo.get('oci.DrgAttachment', attachmentId);
    if (!att || !isLive(att)) return [];
    if (att.networkDetails.type === 'VCN') {
      const vcnId = att.networkDetails.id;
      const vcn = r.memo.get('oci.Vcn', vcnId);
      if (!vcn || vcn.lifecycleState !== 'AVAILABLE') return [];
      const own = att.networkDetails.vcnRouteType === 'VCN_CIDRS'
        ? vcn.cidrBlocks
        : r.memo.children('oci.Subnet', vcnId).filter((s) => s.lifecycleState === 'AVAILABLE').map((s) => s.cidrBlock);
      const ingress = att.networkDetails.routeTableId === undefined ? undefined : r.memo.get('oci.RouteTable', att.networkDetails.routeTableId);
      const statics = (ingress?.routeRules ?? []).filter((x) => x.destinationType === 'CIDR_BLOCK').map((x) => x.destination);
      const noAsPath: number[] = [];
      return [...new Set([...own, ...statics])].map((destination) => ({ destination, prefix: cidr(destination), asPath: noAsPath, attachment: att }));
    }
    // A virtual circuit offers what Microsoft advertised on its up sessions (shortest AS path kept).
    const ic = r.interconnect(att.networkDetails.id);
    const out: OfferedRoute[] = [];
    for (const b of ic.bestToOci.values()) {
      const first = b.routes[0];
      if (first !== undefined && first.prefix !== '') out.push({ destination: first.prefix, prefix: first.network, asPath: first.asPath, attachment: att });
    }
    return out;
  });
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

const provenance = (att: DrgAttachment): DrgRoute['routeProvenance'] => (att.networkDetails.type === 'VCN' ? 'VCN' : 'VIRTUAL_CIRCUIT');

/**
 * `withoutLearned` leaves out routes learned from virtual circuits: exports never carry them and
 * they always lose to VCN routes (longer AS path), so the export side can be computed without
 * depending on what the circuit learned (which would be a cycle through the BGP sessions).
 */
export function computeDrgTable(r: Routing, tableId: string, withoutLearned = false): DrgTable | undefined {
  const table = r.memo.get('oci.DrgRouteTable', tableId);
  if (!table) return undefined;
  const importing = table.importDrgRouteDistributionId === null ? []
    : r.memo.children('oci.DrgAttachment', table.drgId).filter((att) => isLive(att) && distributionAccepts(r, table.importDrgRouteDistributionId, att));
  // Importing nothing learned, the whole table is the export side's one: build it once for both.
  if (!withoutLearned && importing.every((att) => att.networkDetails.type === 'VCN')) return localDrgTable(r, tableId);
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
    if (withoutLearned && att.networkDetails.type !== 'VCN') continue;
    for (const o of offeredRoutes(r, att.id)) {
      add({
        id: `${tableId}:${att.id}:${o.destination}`, destination: o.destination, destinationType: 'CIDR_BLOCK', nextHopDrgAttachmentId: att.id,
        routeType: 'DYNAMIC', routeProvenance: provenance(att), isConflict: false, isBlackhole: false,
        attributes: { ...(o.asPath.length > 0 ? { asPath: o.asPath } : {}), importedBy: table.importDrgRouteDistributionId ?? '' }, prefix: o.prefix,
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

/** The table without routes learned from virtual circuits (what exports read), memoised. */
export function localDrgTable(r: Routing, tableId: string): DrgTable | undefined {
  return r.memo.compute('drgTableLocal', tableId, () => computeDrgTable(r, tableId, true));
}

/** OCI's conflict order for one destination: static > shortest AS path > attachment type > (ECMP | stable). */
export function resolveConflict(list: readonly DrgRoute[], ecmp: boolean): { winners: DrgRoute[]; reason: BestPathReason } {
  if (list.length === 1) return { winners: [...list], reason: 'only-path' };
  const statics = list.filter((x) => x.routeType === 'STATIC');
  if (statics.length > 0) return { winners: statics.slice(0, 1), reason: 'static-over-dynamic' };
  const asLen = (x: DrgRoute) => x.attributes.asPath?.length ?? 0;
  const shortest = Math.min(...list.map(asLen));
  let pool = list.filter((x) => asLen(x) === shortest);
  if (pool.length === 1) return { winners: pool, reason: 'shortest-as-path' };
  const rank = (x: DrgRoute) => TYPE_RANK[x.routeProvenance] ?? 9;
  const best = Math.min(...pool.map(rank));
  const byType = pool.filter((x) => rank(x) === best);
  const reasonType: BestPathReason = byType.length < pool.length ? 'attachment-type' : 'stable-tiebreak';
  pool = byType.slice().sort((a, b) => a.nextHopDrgAttachmentId.localeCompare(b.nextHopDrgAttachmentId));
  if (pool.length === 1) return { winners: pool, reason: reasonType };
  if (ecmp && pool[0]?.routeProvenance === 'VIRTUAL_CIRCUIT') return { winners: pool.slice(0, MAX_ECMP), reason: 'ecmp' };
  return { winners: pool.slice(0, 1), reason: 'stable-tiebreak' };
}

/**
 * What the DRG advertises through a virtual-circuit attachment: the winning routes of the
 * attachment's DRG route table accepted by its export distribution, never routes learned from
 * another virtual circuit or IPSec tunnel (no transit).
 */
export function exportedRoutes(r: Routing, vcAttachmentId: string): DrgRoute[] {
  return r.memo.compute('export', vcAttachmentId, () => {
    // Read through the memo so the answer depends on the attachment's export distribution and table.
    const vcAttachment = r.memo.get('oci.DrgAttachment', vcAttachmentId);
    if (!vcAttachment || vcAttachment.exportDrgRouteDistributionId === null || !isLive(vcAttachment)) return [];
    const table = localDrgTable(r, vcAttachment.drgRouteTableId);
    if (!table) return [];
    const out: DrgRoute[] = [];
    for (const route of table.rules) {
      if (route.isConflict || route.isBlackhole) continue;
      if (route.routeProvenance === 'VIRTUAL_CIRCUIT' || route.routeProvenance === 'IPSEC_TUNNEL') continue;
      const source = r.memo.get('oci.DrgAttachment', route.nextHopDrgAttachmentId);
      if (!source || source.networkDetails.type !== 'VCN') continue;
      if (!distributionAccepts(r, vcAttachment.exportDrgRouteDistributionId, source)) continue;
      out.push(route);
    }
    return out;
  });
}
