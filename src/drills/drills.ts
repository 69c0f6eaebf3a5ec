// Failure drills over the model, pure: which interconnect a drill targets, whether a drill spec
// makes sense for the world as it is, the fr.Drill entity that applies it (routing honours it, see
// routing/interconnect/bgp.ts), its removal, and the route view a drill report shows (Azure's
// link-failover test wording: redundant versus non-redundant prefixes).
import type { Drill, DrillKind } from '../model/drill.ts';
import type { VirtualCircuit } from '../model/oci/virtual-circuit.ts';
import type { ReadView } from '../model/world.ts';
import type { Tx } from '../model/tx.ts';
import { fastroute } from '../model/errors.ts';
import { formatPrefix, parseCidr } from '../model/cidr.ts';
import { AZURE_PROVIDER_NAME, privatePeeringPrefixLimit } from '../model/interconnect/providers.ts';
import { findCircuitByServiceKey } from '../lifecycle/interconnect/handshake.ts';
import { Routing } from '../routing/routing.ts';
import { azureAdvertised, redundancy } from '../routing/interconnect/bgp.ts';
import { exportedRoutes } from '../routing/oci/drg-table.ts';
import type { InterconnectRouting } from '../routing/types.ts';
import { DRILL_KINDS, type BestPathView, type DrillListing, type DrillSpec, type RouteImpact, type RouteView } from './types.ts';

/** AS-path prepend: how many times by default (Azure's failover test prepends a few times). */
export const DEFAULT_PREPEND = 3;
export const MAX_PREPEND = 32;
/** Prefix flood: the most prefixes one drill may add (above the Premium limit of 10,000). */
export const MAX_FLOOD = 20_000;

const PATH_KINDS: ReadonlySet<DrillKind> = new Set(['link-down', 'bgp-reset', 'as-path-prepend']);
const COUNT_KINDS: ReadonlySet<DrillKind> = new Set(['as-path-prepend', 'prefix-flood']);

/** A validated drill: what will be stored, without its id and start time. */
export type ResolvedDrill = Omit<Drill, 'id' | 'startedAt'>;

const invalid = (code: string, message: string) => fastroute.invalid(code, message);

/** Virtual circuits to Microsoft Azure that a drill can act on. */
function interconnects(view: ReadView): VirtualCircuit[] {
  return view.list('oci.VirtualCircuit')
    .filter((vc) => vc.providerName === AZURE_PROVIDER_NAME && vc.lifecycleState !== 'TERMINATED')
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
}

/** The interconnect a drill names: a virtual circuit by display name or OCID, or the only one there is. */
export function resolveInterconnect(view: ReadView, name?: string): VirtualCircuit {
  const all = interconnects(view);
  const known = all.map((vc) => vc.displayName).join(', ');
  if (name === undefined || name === '') {
    const [only, ...more] = all;
    if (!only) throw fastroute.notFound('no interconnect exists: bring a lab with an interconnect up first');
    if (more.length > 0) throw invalid('InterconnectRequired', `${all.length} interconnects exist (${known}); name the one the drill acts on`);
    return only;
  }
  const byId = all.find((vc) => vc.id === name);
  if (byId) return byId;
  const byName = all.filter((vc) => vc.displayName === name);
  const [match, ...others] = byName;
  if (!match) throw fastroute.notFound(`no interconnect (virtual circuit to Microsoft Azure) is named ${name}${all.length > 0 ? `; known: ${known}` : ''}`);
  if (others.length > 0) throw invalid('AmbiguousInterconnect', `${byName.length} virtual circuits are named ${name}; use the OCID: ${byName.map((vc) => vc.id).join(', ')}`);
  return match;
}

function vcAttachmentOf(view: ReadView, vc: VirtualCircuit) {
  return vc.gatewayId === undefined ? undefined
    : view.children('oci.DrgAttachment', vc.gatewayId).find((a) => a.networkDetails.type === 'VIRTUAL_CIRCUIT' && a.networkDetails.id === vc.id);
}

/** What each side currently offers across the interconnect (before sessions and limits), withdrawals applied. */
export function advertisedPrefixes(view: ReadView, vc: VirtualCircuit, r: Routing = new Routing(view)): { oci: string[]; azure: string[] } {
  const withdraws = view.list('fr.Drill').filter((d) => d.virtualCircuitId === vc.id && d.kind === 'prefix-withdraw');
  const withdrawn = (side: 'oci' | 'azure') => new Set(withdraws.filter((d) => (d.side ?? 'oci') === side).map((d) => d.prefix));
  const att = vcAttachmentOf(view, vc);
  const ociOut = withdrawn('oci');
  const azureOut = withdrawn('azure');
  const oci = [...new Set((att ? exportedRoutes(r, att.id) : []).map((x) => x.destination))].filter((p) => !ociOut.has(p));
  const azure = azureAdvertised(r, r.interconnect(vc.id).gatewayIds).filter((p) => !azureOut.has(p));
  return { oci: oci.sort(), azure: azure.sort() };
}

function canonical(prefix: string): string | undefined {
  const p = parseCidr(prefix, false);
  return p.ok ? formatPrefix(p.prefix) : undefined;
}

function checkCount(kind: DrillKind, count: number, max: number): void {
  if (!Number.isInteger(count) || count < 1 || count > max) throw invalid('InvalidParameter', `count for ${kind} must be a whole number from 1 to ${max}; got ${String(count)}`);
}

const sameDrill = (a: ResolvedDrill, b: ResolvedDrill) =>
  a.kind === b.kind && a.virtualCircuitId === b.virtualCircuitId && a.path === b.path && a.prefix === b.prefix && a.side === b.side && a.count === b.count;

/**
 * Checks a drill spec against the world and resolves its defaults (interconnect, prepend count 3,
 * flood count = the private peering's prefix limit + 1, the side of a withdrawn prefix).
 * Throws a FastRoute CloudError (400 invalid, 404 unknown interconnect, 409 same drill active).
 */
export function validateDrillSpec(view: ReadView, spec: DrillSpec): ResolvedDrill {
  // Specs arrive from JSON and flags: check the shape as well as the meaning.
  const kind = spec.kind as string;
  if (!(DRILL_KINDS as readonly string[]).includes(kind)) throw invalid('InvalidDrillKind', `unknown drill kind ${JSON.stringify(spec.kind)}; one of: ${DRILL_KINDS.join(', ')}`);
  if (spec.interconnect !== undefined && typeof spec.interconnect !== 'string') throw invalid('InvalidParameter', 'interconnect must be a virtual circuit display name or OCID');
  const vc = resolveInterconnect(view, spec.interconnect);
  const out: ResolvedDrill = { kind: spec.kind, virtualCircuitId: vc.id };

  if (PATH_KINDS.has(spec.kind)) {
    if (spec.path === undefined) throw invalid('MissingParameter', `${spec.kind} needs a path: primary or secondary`);
    if (spec.path !== 'primary' && spec.path !== 'secondary') throw invalid('InvalidParameter', `path must be primary or secondary; got ${JSON.stringify(spec.path)}`);
    out.path = spec.path;
  } else if (spec.path !== undefined) {
    throw invalid('InvalidParameter', `${spec.kind} acts on the whole interconnect; a path does not apply`);
  }
  if (spec.kind !== 'prefix-withdraw') {
    if (spec.prefix !== undefined) throw invalid('InvalidParameter', `a prefix applies to prefix-withdraw only, not ${spec.kind}`);
    if (spec.side !== undefined) throw invalid('InvalidParameter', `a side applies to prefix-withdraw only, not ${spec.kind}`);
  }
  if (spec.count !== undefined && !COUNT_KINDS.has(spec.kind)) throw invalid('InvalidParameter', `a count applies to as-path-prepend and prefix-flood only, not ${spec.kind}`);
  if (spec.side !== undefined && spec.side !== 'oci' && spec.side !== 'azure') throw invalid('InvalidParameter', `side must be oci or azure; got ${JSON.stringify(spec.side)}`);

  if (spec.kind === 'as-path-prepend') {
    const count = spec.count ?? DEFAULT_PREPEND;
    checkCount(spec.kind, count, MAX_PREPEND);
    out.count = count;
  }
  if (spec.kind === 'prefix-flood') {
    const circuit = vc.providerServiceKeyName === undefined ? undefined : findCircuitByServiceKey(view, vc.providerServiceKeyName);
    const count = spec.count ?? privatePeeringPrefixLimit(circuit?.sku.tier ?? 'Standard') + 1;
    checkCount(spec.kind, count, MAX_FLOOD);
    out.count = count;
  }

  let r: Routing | undefined;
  if (spec.kind === 'prefix-withdraw') {
    if (spec.prefix === undefined || spec.prefix === '') throw invalid('MissingParameter', 'prefix-withdraw needs the prefix to withdraw (a CIDR such as 10.20.0.0/16)');
    const wanted = typeof spec.prefix === 'string' ? canonical(spec.prefix) : undefined;
    if (wanted === undefined) throw invalid('InvalidParameter', `prefix ${JSON.stringify(spec.prefix)} is not an IPv4 CIDR block`);
    r = new Routing(view);
    const offered = advertisedPrefixes(view, vc, r);
    const find = (side: 'oci' | 'azure') => offered[side].find((p) => canonical(p) === wanted);
    const sides = (spec.side === undefined ? (['oci', 'azure'] as const) : [spec.side]).filter((s) => find(s) !== undefined);
    const sameDrillActive = view.list('fr.Drill').find((d) => d.virtualCircuitId === vc.id && d.kind === 'prefix-withdraw' && d.prefix !== undefined && canonical(d.prefix) === wanted && (spec.side === undefined || (d.side ?? 'oci') === spec.side));
    if (sides.length === 0 && sameDrillActive) throw fastroute.conflict(`drill ${sameDrillActive.id} already withdraws ${wanted} on ${vc.displayName}`);
    const [side, other] = sides;
    if (side === undefined) {
      const where = spec.side === undefined ? 'either side' : spec.side === 'oci' ? 'Oracle (OCI)' : 'Microsoft (Azure)';
      const list = (s: 'oci' | 'azure') => (offered[s].length > 0 ? offered[s].join(', ') : 'nothing');
      throw invalid('PrefixNotAdvertised', `${wanted} is not currently advertised by ${where} on ${vc.displayName}; OCI advertises ${list('oci')}; Azure advertises ${list('azure')}`);
    }
    if (other !== undefined) throw invalid('InvalidParameter', `${wanted} is advertised by both OCI and Azure on ${vc.displayName}; say which side withdraws it`);
    out.prefix = find(side) ?? wanted;
    out.side = side;
  }

  const duplicate = view.list('fr.Drill').find((d) => sameDrill(d, out));
  if (duplicate) throw fastroute.conflict(`drill ${duplicate.id} (${describeDrill(duplicate)}) is already active on ${vc.displayName}`);

  if (spec.kind === 'gateway-replace') {
    r ??= new Routing(view);
    if (r.interconnect(vc.id).gatewayIds.length === 0) throw invalid('NothingToReplace', `no ExpressRoute gateway is connected to ${vc.displayName}'s circuit, so there is none to replace`);
  }
  return out;
}

/** One line for a drill: "link-down primary", "prefix-withdraw 10.20.0.0/16 (azure)". */
export function describeDrill(d: ResolvedDrill): string {
  const parts: string[] = [d.kind];
  if (d.path !== undefined) parts.push(d.path);
  if (d.prefix !== undefined) parts.push(d.prefix);
  if (d.side !== undefined) parts.push(`(${d.side})`);
  if (d.count !== undefined) parts.push(`×${d.count}`);
  return parts.join(' ');
}

/** Validates the spec and stores the drill; routing sees it once the unit of work commits. */
export function applyDrill(tx: Tx, spec: DrillSpec): Drill {
  const v = validateDrillSpec(tx, spec);
  const drill: Drill = {
    id: `drill-${tx.ctx.ids.randomChars(12)}`,
    kind: v.kind,
    virtualCircuitId: v.virtualCircuitId,
    ...(v.path === undefined ? {} : { path: v.path }),
    ...(v.prefix === undefined ? {} : { prefix: v.prefix }),
    ...(v.side === undefined ? {} : { side: v.side }),
    ...(v.count === undefined ? {} : { count: v.count }),
    startedAt: tx.nowIso,
    seq: 1 + Math.max(0, ...tx.list('fr.Drill').map((d) => d.seq ?? 0)),
  };
  tx.put('fr.Drill', drill);
  return drill;
}

const byStart = (a: Drill, b: Drill) => a.startedAt.localeCompare(b.startedAt) || (a.seq ?? 0) - (b.seq ?? 0) || a.id.localeCompare(b.id);

/** Removes one drill (404 when it is not active) or, without an id, every drill. Returns what was removed. */
export function removeDrills(tx: Tx, id?: string): Drill[] {
  if (id !== undefined) {
    const drill = tx.get('fr.Drill', id);
    if (!drill) {
      const active = tx.list('fr.Drill').map((d) => d.id);
      throw fastroute.notFound(`drill ${id} is not active${active.length > 0 ? `; active drills: ${active.sort().join(', ')}` : '; no drill is active'}`);
    }
    tx.remove('fr.Drill', drill.id);
    return [drill];
  }
  const all = tx.list('fr.Drill').sort(byStart);
  for (const d of all) tx.remove('fr.Drill', d.id);
  return all;
}

/** Active drills, oldest first, with the interconnect's name. */
export function activeDrills(view: ReadView): DrillListing[] {
  return view.list('fr.Drill').sort(byStart).map((d) => ({ ...d, interconnect: view.get('oci.VirtualCircuit', d.virtualCircuitId)?.displayName ?? d.virtualCircuitId }));
}

function bestPaths(best: InterconnectRouting['bestToAzure']): BestPathView[] {
  return [...best].map(([prefix, b]) => ({ prefix, paths: [...b.paths], reason: b.reason })).sort((a, b) => a.prefix.localeCompare(b.prefix));
}

/** The interconnect's routes as a drill report shows them: redundancy, sessions, best paths. */
export function routeView(r: Routing, vcId: string): RouteView {
  const ic = r.interconnect(vcId);
  const { redundant, nonRedundant } = redundancy(ic);
  return {
    virtualCircuitId: vcId,
    interconnect: r.memo.get('oci.VirtualCircuit', vcId)?.displayName ?? vcId,
    redundant,
    nonRedundant,
    sessions: ic.sessions.map((s) => {
      const [toAzure, toOci] = [s.toAzure[0]?.asPath, s.toOci[0]?.asPath];
      return {
        path: s.path, up: s.up, ...(s.reason === undefined ? {} : { reason: s.reason }),
        toAzure: s.toAzure.length, toOci: s.toOci.length, prefixLimit: s.prefixLimit, offeredToAzure: s.offeredToAzure,
        ...(toAzure === undefined ? {} : { asPathToAzure: [...toAzure] }), ...(toOci === undefined ? {} : { asPathToOci: [...toOci] }),
      };
    }),
    bestToAzure: bestPaths(ic.bestToAzure),
    bestToOci: bestPaths(ic.bestToOci),
    ...(ic.down === undefined ? {} : { down: ic.down }),
    ...(ic.downReason === undefined ? {} : { downReason: ic.downReason }),
  };
}

/** What changed between two route views of the same interconnect. */
export function routeImpact(before: RouteView, during: RouteView): RouteImpact {
  const had = new Set([...before.redundant, ...before.nonRedundant]);
  const has = new Set([...during.redundant, ...during.nonRedundant]);
  const wasRedundant = new Set(before.redundant);
  const key = (v: BestPathView) => `${v.paths.join('+')}|${v.reason}`;
  const bestOf = (view: RouteView) => new Map([...view.bestToAzure.map((b) => [`a|${b.prefix}`, key(b)] as const), ...view.bestToOci.map((b) => [`o|${b.prefix}`, key(b)] as const)]);
  const b0 = bestOf(before);
  const b1 = bestOf(during);
  const rerouted = new Set<string>();
  for (const [k, v] of b0) {
    const now = b1.get(k);
    if (now !== undefined && now !== v) rerouted.add(k.slice(2));
  }
  return {
    lost: [...had].filter((p) => !has.has(p)).sort(),
    degraded: during.nonRedundant.filter((p) => wasRedundant.has(p)),
    added: [...has].filter((p) => !had.has(p)).sort(),
    rerouted: [...rerouted].sort(),
  };
}
