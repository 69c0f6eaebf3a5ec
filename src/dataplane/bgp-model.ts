// BGP on the wire: the interconnect's two sessions per virtual circuit as real speakers, one in
// Oracle's edge namespace and one in Microsoft's (the MSEE), taken from the model and the engine.
// Pure (no I/O): the compiled plan gives the namespaces and the /30 addresses of the cross-connect
// mappings, the engine gives what each side announces (the DRG's export to the virtual circuit; the
// ExpressRoute gateways' VNet prefixes), the per-session AS-path prepends and which sessions the
// engine holds down for a reason the wire cannot show (admin state, provisioning, prefix limit).
// bgp-frr.ts and bgp-bird.ts turn a speaker into daemon configuration text.
import type { Routing } from '../routing/routing.ts';
import type { BgpSession, LinkPath } from '../routing/types.ts';
import { AZURE_BGP_ASN, ORACLE_BGP_ASN } from '../model/interconnect/providers.ts';
import type { DataplanePlan, PlanNamespace } from './plan.ts';
import { withSites } from './bgp-onprem.ts';

/** gobgp: an on-premises site's router only (bgp-onprem.ts); the edges run FRR or BIRD. */
export type BgpDaemon = 'frr' | 'bird' | 'gobgp';
export const MSEE_DAEMONS = ['frr', 'bird'] as const satisfies readonly BgpDaemon[];

/** How the speakers run: chosen at `up` (API body, CLI flags). */
export interface BgpOptions {
  /** Microsoft's edge: FRR (default) or BIRD 2 (two vendors on one link, as in reality). Oracle's edge is always FRR. */
  msee: BgpDaemon;
  /** BFD on Microsoft's side (ExpressRoute enables it on private peerings). Oracle's side runs it when the virtual circuit's isBfdEnabled is true. */
  mseeBfd: boolean;
  /** Seconds: ExpressRoute's keepalive 60 / hold 180 by default; tests set short ones. */
  keepalive: number;
  hold: number;
  /** Seconds between connection attempts (not a cloud figure: short, so a lab comes up in seconds). */
  connectRetry: number;
  /** BFD transmit/receive interval and detection multiplier (ExpressRoute: 300 ms × 3). */
  bfdIntervalMs: number;
  bfdMultiplier: number;
  /** The MSEE's prefix limit on the wire instead of the private peering's (a benchmark's 100,000 prefixes from a site; not a cloud figure). */
  prefixLimit?: number;
}

export const DEFAULT_BGP_OPTIONS: BgpOptions = { msee: 'frr', mseeBfd: true, keepalive: 60, hold: 180, connectRetry: 2, bfdIntervalMs: 300, bfdMultiplier: 3 };

export type BgpSide = 'oracle' | 'microsoft' | 'onprem';

export interface BgpNeighbor {
  path: LinkPath;
  /** The link's device in both edges (pri, sec). */
  dev: string;
  localIp: string;
  peerIp: string;
  /** Extra copies of the local AS on what this session announces (as-path-prepend drills). */
  prepend: number;
  /** The engine holds this session down for a reason the wire does not carry: the neighbor is shut down, with it. */
  shutdown?: string;
  /** An on-premises site's session on Microsoft's edge: the site's label, its ASN, and what goes to it (the VNet prefixes only). */
  site?: string;
  peerAsn?: number;
  announce?: string[];
}

/** A neighbor's name in configurations: its path, after its site's label for an on-premises session. */
export const neighborKey = (n: Pick<BgpNeighbor, 'path' | 'site'>): string => (n.site === undefined ? n.path : `${n.site}-${n.path}`);
/** Every prefix a speaker originates: the speaker's own and each neighbor's own list. */
export const originated = (s: Pick<BgpSpeaker, 'announce' | 'neighbors'>): string[] => [...new Set([...s.announce, ...s.neighbors.flatMap((n) => n.announce ?? [])])].sort();

/** One BGP speaker: a daemon in one edge namespace. */
export interface BgpSpeaker {
  side: BgpSide;
  daemon: BgpDaemon;
  ns: string;
  /** The namespace's label (fr<run>-<label> without the run): the speaker's directory name. */
  label: string;
  asn: number;
  peerAsn: number;
  routerId: string;
  /** Prefixes this side originates, as the engine computes them. */
  announce: string[];
  neighbors: BgpNeighbor[];
  bfd: boolean;
  /** Microsoft's side: more prefixes than this from a peer drop the session (private peering limit). */
  maxPrefixes?: number;
  /** Oracle's side: a prefix-flood drill's prefixes, announced from blackholes in the namespace's kernel (bgp-flood.ts). */
  flood?: string[];
  keepalive: number;
  hold: number;
  connectRetry: number;
  bfdIntervalMs: number;
  bfdMultiplier: number;
}

export interface BgpEdge {
  virtualCircuitId: string;
  circuitId: string;
  oracle: BgpSpeaker;
  microsoft: BgpSpeaker;
  /** The on-premises sites' routers peering with this MSEE (their sessions are in microsoft.neighbors too). */
  sites: BgpSpeaker[];
  /** Sites whose router is `external`: the namespace and addresses are there, the user runs the daemon. */
  external: ExternalSite[];
}

/** What a user needs to run their own router for a site: its namespace, ASN, addresses and the MSEE's. */
export interface ExternalSite {
  site: string;
  ns: string;
  asn: number;
  peerAsn: number;
  announce: string[];
  neighbors: { path: LinkPath; localIp: string; peerIp: string }[];
}

const LINK_DEVS: Record<LinkPath, string> = { primary: 'pri', secondary: 'sec' };
const PATHS: readonly LinkPath[] = ['primary', 'secondary'];
const hostOf = (a: string): string => a.split('/')[0] ?? a;

/** Down only because Oracle offers more than the private peering's limit: on the wire the MSEE's own limit drops it. */
const overLimitOnly = (s: BgpSession | undefined): boolean => s !== undefined && !s.up && (s.reason ?? '').startsWith('prefix limit exceeded');

/** A link-down drill is made real by dropping frames on the link, a flood by announcing it: the daemons act themselves. */
const shutdownReason = (s: BgpSession | undefined): string | undefined => (s === undefined || s.up || (s.reason ?? '').endsWith('link down') || overLimitOnly(s) ? undefined : (s.reason ?? 'session down'));

/** The speakers of every interconnect the plan holds (an Oracle edge and its circuit's MSEE, both links addressed). */
export function bgpEdges(r: Routing, plan: DataplanePlan, opts: BgpOptions): BgpEdge[] {
  const edges: BgpEdge[] = [];
  for (const oedge of plan.namespaces.filter((n) => n.role === 'oracle-edge')) {
    const vc = r.memo.get('oci.VirtualCircuit', oedge.resourceId);
    const ic = r.interconnect(oedge.resourceId);
    const circuitId = ic.circuitId;
    const msee = circuitId === undefined ? undefined : plan.namespaces.find((n) => n.role === 'msee' && n.resourceId.toLowerCase() === circuitId.toLowerCase());
    if (!vc || !msee || circuitId === undefined) continue;
    const peering = r.memo.get('azure.ExpressRouteCircuitPeering', `${circuitId}/peerings/AzurePrivatePeering`);
    const oracleAsn = vc.oracleBgpAsn || ORACLE_BGP_ASN;
    const azureAsn = peering?.properties.azureASN ?? AZURE_BGP_ASN;
    const oracleNeighbors: BgpNeighbor[] = [];
    const microsoftNeighbors: BgpNeighbor[] = [];
    for (const path of PATHS) {
      const dev = LINK_DEVS[path];
      const o = addressOn(oedge, dev);
      const m = addressOn(msee, dev);
      if (o === undefined || m === undefined) continue;
      const s = ic.sessions.find((x) => x.path === path);
      const shutdown = shutdownReason(s);
      const extra = (routes: readonly { asPath: number[] }[] | undefined): number => Math.max(0, (routes?.[0]?.asPath.length ?? 1) - 1);
      oracleNeighbors.push({ path, dev, localIp: o, peerIp: m, prepend: extra(s?.toAzure), ...(shutdown === undefined ? {} : { shutdown }) });
      microsoftNeighbors.push({ path, dev, localIp: m, peerIp: o, prepend: extra(s?.toOci), ...(shutdown === undefined ? {} : { shutdown }) });
    }
    if (oracleNeighbors.length === 0) continue;
    // A session down for the prefix limit still offers what it would carry; the flood goes by the kernel (bgp-flood.ts), not as `network` lines.
    const flood = new Set(ic.offered?.flood ?? []);
    const union = (pick: (s: BgpSession) => readonly { prefix: string }[], offered: readonly string[]): string[] => [...new Set(ic.sessions.flatMap((s) => (overLimitOnly(s) ? offered : pick(s).map((x) => x.prefix))))].filter((p) => !flood.has(p)).sort();
    const timers = { keepalive: opts.keepalive, hold: opts.hold, connectRetry: opts.connectRetry, bfdIntervalMs: opts.bfdIntervalMs, bfdMultiplier: opts.bfdMultiplier };
    const speaker = (side: BgpSide, ns: PlanNamespace, daemon: BgpDaemon, asn: number, peerAsn: number, announce: string[], neighbors: BgpNeighbor[], bfd: boolean): BgpSpeaker => ({
      side, daemon, ns: ns.name, label: ns.label, asn, peerAsn, routerId: neighbors[0]?.localIp ?? '0.0.0.0', announce, neighbors, bfd, ...timers,
    });
    const microsoft = speaker('microsoft', msee, opts.msee, azureAsn, oracleAsn, union((s) => s.toOci, ic.offered?.fromAzure ?? []), microsoftNeighbors, opts.mseeBfd);
    const oracle = speaker('oracle', oedge, 'frr', oracleAsn, azureAsn, union((s) => s.toAzure, ic.offered?.exported ?? []), oracleNeighbors, vc.isBfdEnabled);
    const limit = opts.prefixLimit ?? ic.sessions[0]?.prefixLimit;
    edges.push(withSites(r, plan, {
      virtualCircuitId: vc.id, circuitId,
      oracle: flood.size === 0 || oracleNeighbors.every((n) => n.shutdown !== undefined) ? oracle : { ...oracle, flood: [...flood] },
      microsoft: limit === undefined ? microsoft : { ...microsoft, maxPrefixes: limit },
      sites: [], external: [],
    }, msee));
  }
  return edges;
}

function addressOn(ns: PlanNamespace, dev: string): string | undefined {
  const a = ns.addresses.find((x) => x.dev === dev);
  return a === undefined ? undefined : hostOf(a.address);
}

/**
 * With BGP on the wire, the edges' routes across the interconnect links come from the daemons
 * (zebra, BIRD's kernel protocol): the compiled static ones (every next hop on pri/sec) leave the plan.
 * Everything else (the Oracle edge's routes to its DRG, the MSEE's to its gateways) stays.
 */
export function withoutInterconnectRoutes(plan: DataplanePlan): DataplanePlan {
  const devs = new Set(Object.values(LINK_DEVS));
  for (const ns of plan.namespaces) {
    if (ns.role !== 'oracle-edge' && ns.role !== 'msee') continue;
    ns.routes = ns.routes.filter((r) => !(r.type === 'via' && (r.nexthops ?? []).length > 0 && (r.nexthops ?? []).every((h) => devs.has(h.dev))));
  }
  return plan;
}

/** Every speaker of the edges, Oracle's first, then the sites' routers. */
export const speakersOf = (edges: readonly BgpEdge[]): BgpSpeaker[] => edges.flatMap((e) => [e.oracle, e.microsoft, ...e.sites]);

/** How many prefixes Oracle's edge offers the MSEE on each session, flood included. */
export const fromOracleCount = (e: BgpEdge): number => e.oracle.announce.length + (e.oracle.flood?.length ?? 0);

/** What the MSEE holds from Oracle once converged: everything Oracle announces, or nothing above the limit (the session drops). */
export function fromOracle(e: BgpEdge): string[] {
  return e.microsoft.maxPrefixes !== undefined && fromOracleCount(e) > e.microsoft.maxPrefixes ? [] : [...e.oracle.announce, ...(e.oracle.flood ?? [])];
}

/**
 * Each speaker with what each of its neighbors announces to it, as the engine computed it: the other
 * edge's prefixes on the interconnect, a site's own prefixes on its sessions with the MSEE, the VNet
 * prefixes on a site's sessions (the status's convergence waits for these).
 */
export function speakerPeers(edges: readonly BgpEdge[]): { edge: BgpEdge; s: BgpSpeaker; expect: (n: BgpNeighbor) => string[] }[] {
  return edges.flatMap((e) => [
    { edge: e, s: e.oracle, expect: () => e.microsoft.announce },
    { edge: e, s: e.microsoft, expect: (n: BgpNeighbor) => (n.site === undefined ? fromOracle(e) : e.sites.find((x) => x.label === n.site)?.announce ?? []) },
    ...e.sites.map((s) => ({ edge: e, s, expect: (n: BgpNeighbor) => e.microsoft.neighbors.find((m) => m.site === s.label && m.path === n.path)?.announce ?? [] })),
  ]);
}
