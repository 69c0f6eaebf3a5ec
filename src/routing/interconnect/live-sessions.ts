// The interconnect's sessions as the routing daemons say they are, while BGP runs on the wire
// (docs/bgp.md, "The clouds' views"). The data plane polls the daemons into a snapshot and hands it
// here; the session state, the circuit's tables and the gateway's BGP views read it when present and
// compute from the engine otherwise. Routing stays free of I/O: this module only holds what it is
// given. A changed snapshot drops the memoised answers that read the virtual circuit, exactly as a
// committed change to it would, so every view recomputes from the new words.
import type { Routing } from '../routing.ts';
import type { LinkPath } from '../types.ts';
import { keyOf } from '../../model/world.ts';

export interface LiveRoute {
  prefix: string;
  /** As received (Oracle's 31898 and its prepends; Microsoft's 12076 and its). */
  asPath: number[];
  nextHop: string;
}

/** One address on a link as Microsoft's edge's kernel knows it; no MAC: not resolved (Azure's "Incomplete"). */
export interface LiveArpEntry {
  ip: string;
  mac?: string;
  /** Seconds since the kernel last confirmed it. */
  ageSeconds?: number;
}

export interface LiveLink {
  path: LinkPath;
  /** Both ends Established: the session is UP. */
  established: boolean;
  /** The daemons' words (FRR: Established, Active, Connect, Idle (Admin)…; BIRD: its BGP state and last error). */
  microsoftState: string;
  oracleState: string;
  /** When the session entered its present state (Oracle's FRR counts it), when known. */
  since?: string;
  /** What Microsoft's edge learned from Oracle on this link, and Oracle's edge from Microsoft. */
  toAzure: LiveRoute[];
  toOci: LiveRoute[];
  /** Microsoft's edge's neighbour table on this link: Oracle's address and its own. */
  arp?: { oracle: LiveArpEntry; microsoft: LiveArpEntry };
  /** The on-premises sites' sessions with Microsoft's edge on this link, and what it holds from each. */
  sites?: LiveSiteSession[];
  /** The last NOTIFICATION each end recorded on this link (RFC 4271 words: "OPEN Message Error / Bad Peer AS"), when any. */
  lastError?: { oracle?: LiveNotification; microsoft?: LiveNotification };
}

/** One on-premises site's session with the MSEE on one link, as the MSEE's daemon says. */
export interface LiveSiteSession {
  siteIp: string;
  state: string;
  established: boolean;
  routes: LiveRoute[];
}

/** A NOTIFICATION a daemon recorded: its code and subcode, their names, and whether it sent or received it. */
export interface LiveNotification {
  code: number;
  subcode: number;
  text: string;
  direction: 'sent' | 'received';
}

export interface LiveInterconnect {
  /** When the daemons were last read. */
  readAt: string;
  links: LiveLink[];
}

export interface LiveSessionSource {
  interconnect(virtualCircuitId: string): LiveInterconnect | undefined;
  /** The virtual circuits it knows (invalidated when it comes or goes). */
  virtualCircuitIds(): string[];
}

const sources = new WeakMap<Routing, LiveSessionSource>();

/** The daemons' view of one virtual circuit's sessions, when BGP runs on the wire. */
export function liveInterconnect(r: Routing, virtualCircuitId: string): LiveInterconnect | undefined {
  return sources.get(r)?.interconnect(virtualCircuitId);
}

/** The daemons' view of one link, when BGP runs on the wire. */
export function liveLink(r: Routing, virtualCircuitId: string, path: LinkPath): LiveLink | undefined {
  return liveInterconnect(r, virtualCircuitId)?.links.find((l) => l.path === path);
}

/** Installs (or, with undefined, removes) the live source; every view of the circuits it covers recomputes. */
export function setLiveSessions(r: Routing, source: LiveSessionSource | undefined): void {
  const before = sources.get(r)?.virtualCircuitIds() ?? [];
  if (source === undefined) sources.delete(r);
  else sources.set(r, source);
  liveChanged(r, [...before, ...(source?.virtualCircuitIds() ?? [])]);
}

/** The daemons changed their word on these circuits: drop what was computed from the old one. */
export function liveChanged(r: Routing, virtualCircuitIds: readonly string[]): void {
  const changes = [...new Set(virtualCircuitIds)].flatMap((id) => {
    const vc = r.memo.get('oci.VirtualCircuit', id);
    return vc === undefined ? [] : [{ kind: 'oci.VirtualCircuit' as const, key: keyOf('oci.VirtualCircuit', id), before: vc, after: vc }];
  });
  if (changes.length > 0) r.update(changes);
}
