// `fastroute check LAB --dataplane --bgp`, the routing part: with BGP on the wire, what the daemons
// hold must be what the engine computes. Per session, the routes a speaker received from its peer
// (its Adj-RIB-In, which is the peer's Adj-RIB-Out: both daemons import everything, and each export
// policy is the engine's list) against the engine's routes for that session, prefix and AS path; per
// router namespace, the routes its daemon installed in the kernel (`ip -j route`, proto bgp / bird)
// against the engine's routes there (the data plane compiled statically, as without BGP), prefix and
// next hops. Pure: the engine's side is built from the routing, the daemons' side read by bgp-status.ts.
import type { Routing } from '../routing/routing.ts';
import type { BgpStatus, LiveSpeaker } from '../dataplane/bgp-status.ts';
import type { DataplanePlan } from '../dataplane/plan.ts';

export interface SessionRoute {
  prefix: string;
  asPath: number[];
}

/** One session as one speaker sees it: what it must have received from the peer at `peerIp`. */
export interface ExpectedSession {
  ns: string;
  path: string;
  peerIp: string;
  /** An on-premises site's session (the site's namespace label). */
  site?: string;
  routes: SessionRoute[];
}

export interface KernelRouteWant {
  prefix: string;
  via: string[];
}

export interface BgpAgreementItem {
  /** "msee-er-oci-azure primary from 10.99.0.1", "kernel of oedge-vc-azure". */
  where: string;
  agrees: boolean;
  differences: string[];
}

export interface BgpAgreement {
  /** Every session Established and every expected route received before comparing (bounded wait). */
  converged: boolean;
  sessions: BgpAgreementItem[];
  kernels: BgpAgreementItem[];
  /** Speakers whose tables are not read (GoBGP: no table read, no kernel routes): named, not compared. */
  notCompared: string[];
  /** How many differences in all. */
  differences: number;
}

const pathText = (p: readonly number[]): string => (p.length === 0 ? '(empty)' : p.join(' '));
const label = (ns: string): string => ns.replace(/^fr[^-]*-/, '');

/** Differences between two route lists keyed by prefix, `text` rendering each side's value. */
function diffByPrefix<T extends { prefix: string }>(engine: readonly T[], daemon: readonly T[], text: (x: T) => string, what: string): string[] {
  const out: string[] = [];
  const mine = new Map(daemon.map((x) => [x.prefix, x]));
  for (const e of engine) {
    const d = mine.get(e.prefix);
    if (d === undefined) out.push(`${e.prefix}: the engine has it (${text(e)}), the ${what} does not`);
    else if (text(d) !== text(e)) out.push(`${e.prefix}: the engine says ${text(e)}, the ${what} ${text(d)}`);
  }
  const theirs = new Set(engine.map((x) => x.prefix));
  for (const d of daemon) if (!theirs.has(d.prefix)) out.push(`${d.prefix}: the ${what} has it (${text(d)}), the engine does not`);
  return out;
}

const item = (where: string, differences: string[]): BgpAgreementItem => ({ where, agrees: differences.length === 0, differences });

/** Compares the daemons' status (read after convergence, or after the wait ran out) with the engine's sessions and kernel routes. */
export function compareBgp(status: BgpStatus, expected: readonly ExpectedSession[], kernels: ReadonlyMap<string, KernelRouteWant[]>, converged: boolean): BgpAgreement {
  const notCompared = status.speakers.filter((s) => s.daemon === 'gobgp').map((s) => `${label(s.ns)} (GoBGP: its table is not read and it installs no kernel route)`);
  const read = status.speakers.filter((s) => s.daemon !== 'gobgp');
  const sessions = expected.flatMap((e) => {
    const s = read.find((x) => x.ns === e.ns);
    if (s === undefined) return [];
    const where = `${label(e.ns)} ${e.site === undefined ? '' : `${e.site} `}${e.path} from ${e.peerIp}`;
    if (s.error !== undefined) return [item(where, [`the daemon did not answer: ${s.error}`])];
    const learned = s.learned.filter((r) => r.via === e.peerIp).map((r) => ({ prefix: r.prefix, asPath: r.asPath }));
    return [item(where, diffByPrefix(e.routes, learned, (r) => `AS path ${pathText(r.asPath)}`, 'daemon'))];
  });
  const kernelItems = read.map((s: LiveSpeaker) => {
    const want = kernels.get(s.ns) ?? [];
    const have = s.kernelRoutes.map((k) => ({ prefix: k.prefix, via: [...k.via].sort() }));
    return item(`kernel of ${label(s.ns)}`, diffByPrefix(want.map((w) => ({ ...w, via: [...w.via].sort() })), have, (r) => `via ${r.via.join(', ')}`, `kernel (${s.daemon === 'frr' ? 'zebra' : 'BIRD'})`));
  });
  const differences = [...sessions, ...kernelItems].reduce((n, x) => n + x.differences.length, 0);
  return { converged, sessions, kernels: kernelItems, notCompared, differences };
}

/**
 * The engine's side of every session the daemons run: Oracle's edge receives the session's `toOci`,
 * the MSEE its `toAzure` (both only while the engine has the session up); an on-premises site's
 * session on the MSEE receives the site's routes (`fromSite`), the site's router the VNet prefixes
 * (`toSite`, AS path the MSEE's AS).
 */
export function expectedSessions(r: Routing, status: BgpStatus, siteIdOf: (nsOrLabel: string) => string | undefined): ExpectedSession[] {
  const out: ExpectedSession[] = [];
  for (const s of status.speakers) {
    for (const x of s.sessions) {
      const base = { ns: s.ns, path: x.path, peerIp: x.peerIp, ...(x.site === undefined ? {} : { site: x.site }) };
      const siteId = s.side === 'onprem' ? siteIdOf(s.ns) : x.site === undefined ? undefined : siteIdOf(x.site);
      let routes: SessionRoute[] = [];
      if (siteId !== undefined) {
        const sr = r.onPremises(siteId);
        const session = sr?.down === undefined ? sr?.sessions.find((y) => y.path === x.path && y.up) : undefined;
        if (session) routes = s.side === 'onprem' ? (sr?.toSite ?? []).map((prefix) => ({ prefix, asPath: [s.peerAsn] })) : session.fromSite.map((y) => ({ prefix: y.prefix, asPath: y.asPath }));
      } else {
        const session = r.interconnect(s.virtualCircuitId).sessions.find((y) => y.path === x.path);
        if (session?.up === true) routes = (s.side === 'oracle' ? session.toOci : session.toAzure).map((y) => ({ prefix: y.prefix, asPath: y.asPath }));
      }
      out.push({ ...base, routes: dedupe(routes) });
    }
  }
  return out;
}

const dedupe = (routes: SessionRoute[]): SessionRoute[] => [...new Map(routes.map((x) => [x.prefix, x])).values()].sort((a, b) => a.prefix.localeCompare(b.prefix));

/**
 * The engine's routes that a speaker's daemon installs: in the statically compiled plan (as without
 * BGP), the namespace's main-table routes whose every next hop is one of the speaker's BGP peers.
 */
export function expectedKernels(plan: DataplanePlan, status: BgpStatus): Map<string, KernelRouteWant[]> {
  const out = new Map<string, KernelRouteWant[]>();
  for (const s of status.speakers) {
    const peers = new Set(s.sessions.map((x) => x.peerIp));
    const ns = plan.namespaces.find((n) => n.name === s.ns);
    const routes = (ns?.routes ?? []).filter((x) => x.table === undefined && x.type === 'via' && (x.nexthops ?? []).length > 0 && (x.nexthops ?? []).every((h) => peers.has(h.via)));
    out.set(s.ns, routes.map((x) => ({ prefix: x.prefix, via: (x.nexthops ?? []).map((h) => h.via) })));
  }
  return out;
}
