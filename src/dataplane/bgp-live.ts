// The clouds' views of the interconnect while BGP runs on the wire: a poller reads the daemons
// (FRR through vtysh, BIRD through birdc, as bgp-status.ts does) and Microsoft's edge's neighbour
// table (`ip -s -j neigh`, `ip -j link`) every second into an in-memory snapshot per virtual circuit,
// and hands it to routing (routing/interconnect/live-sessions.ts), so the OCI and ARM answers tell
// what the daemons say. Reads never overlap (the next starts an interval after the last ended) and
// each command is bounded by bgp-status.ts's timeout. Turning the daemons' answers into the snapshot
// is pure (`liveInterconnects`), tested on their captured output.
import type { Routing } from '../routing/routing.ts';
import type { LinkPath } from '../routing/types.ts';
import { liveChanged, setLiveSessions, type LiveArpEntry, type LiveInterconnect, type LiveLink, type LiveNotification, type LiveRoute, type LiveSessionSource } from '../routing/interconnect/live-sessions.ts';
import type { RecordedBgp } from './bgp-daemons.ts';
import { readBgpStatus, type BgpStatus, type LiveSession, type LiveSpeaker } from './bgp-status.ts';
import { runTool } from './run.ts';

/** How often the clouds' views read the daemons: a hold timer's worth of news arrives within hold + this. */
export const LIVE_POLL_MS = 1000;
const IP_TIMEOUT_MS = 2000;
const DEVS: Record<LinkPath, string> = { primary: 'pri', secondary: 'sec' };

/** One row of `ip -s -j neigh`. */
export interface NeighborRow {
  dst: string;
  dev: string;
  lladdr?: string;
  /** Seconds since last confirmed (with -s). */
  confirmed?: number;
  state?: string[];
}

/** Microsoft's edge's kernel: its neighbours and its interfaces' MACs. */
export interface EdgeLinkLayer {
  neighbors: NeighborRow[];
  macs: Record<string, string>;
}

/** `ip -s -j neigh show`. */
export function parseNeighbors(json: string): NeighborRow[] {
  const rows = JSON.parse(json.trim() === '' ? '[]' : json) as Partial<NeighborRow>[];
  return rows.flatMap((r) => (r.dst === undefined || r.dev === undefined ? [] : [{ ...r, dst: r.dst, dev: r.dev }]));
}

/** `ip -j link show`: each interface's MAC by name. */
export function parseLinkMacs(json: string): Record<string, string> {
  const rows = JSON.parse(json.trim() === '' ? '[]' : json) as { ifname?: string; address?: string }[];
  return Object.fromEntries(rows.flatMap((r) => (r.ifname === undefined || r.address === undefined ? [] : [[r.ifname, r.address]])));
}

/** A neighbour the kernel could not resolve (or gave up on) has no MAC, as Azure's "Incomplete". */
function arpEntry(ip: string, row: NeighborRow | undefined): LiveArpEntry {
  const unresolved = row === undefined || row.lladdr === undefined || (row.state ?? []).some((s) => s === 'FAILED' || s === 'INCOMPLETE');
  return { ip, ...(unresolved ? {} : { mac: row.lladdr }), ...(row?.confirmed === undefined ? {} : { ageSeconds: row.confirmed }) };
}

/** A speaker's learned routes by the neighbour they came from (one pass: a site may bring 100,000). */
function routesByPeer(s: LiveSpeaker | undefined): Map<string, LiveRoute[]> {
  const out = new Map<string, LiveRoute[]>();
  for (const r of s?.learned ?? []) {
    const list = out.get(r.via);
    const route = { prefix: r.prefix, asPath: r.asPath, nextHop: r.via };
    if (list === undefined) out.set(r.via, [route]);
    else list.push(route);
  }
  return out;
}

/** Each end's last NOTIFICATION on the link, as its daemon recorded it (without the daemon's own words). */
function lastErrorsOf(o: LiveSession, m: LiveSession | undefined): Pick<LiveLink, 'lastError'> {
  const pick = (x: LiveSession | undefined): LiveNotification | undefined => (x?.lastError === undefined ? undefined : { code: x.lastError.code, subcode: x.lastError.subcode, text: x.lastError.text, direction: x.lastError.direction });
  const oracle = pick(o);
  const microsoft = pick(m);
  return oracle === undefined && microsoft === undefined ? {} : { lastError: { ...(oracle ? { oracle } : {}), ...(microsoft ? { microsoft } : {}) } };
}

/**
 * Per virtual circuit, what its two speakers say: a link is established when both ends are; the
 * routes each end learned on it; Microsoft's edge's ARP for it. `since` from Oracle's FRR (how long
 * its session has been in this state).
 */
export function liveInterconnects(status: BgpStatus, edges: ReadonlyMap<string, EdgeLinkLayer>, readAt: Date): Map<string, LiveInterconnect> {
  const out = new Map<string, LiveInterconnect>();
  for (const oracle of status.speakers.filter((s) => s.side === 'oracle')) {
    const msee = status.speakers.find((s) => s.side === 'microsoft' && s.virtualCircuitId === oracle.virtualCircuitId);
    const layer = msee === undefined ? undefined : edges.get(msee.ns);
    const toAzure = routesByPeer(msee);
    const toOci = routesByPeer(oracle);
    const links = oracle.sessions.map((o): LiveLink => {
      const m = msee?.sessions.find((x) => x.path === o.path);
      // Microsoft's address on this link is the one Oracle's edge peers with, and the reverse.
      const microsoftIp = o.peerIp;
      const oracleIp = m?.peerIp ?? '';
      const dev = DEVS[o.path];
      const row = layer?.neighbors.find((n) => n.dev === dev && n.dst === oracleIp);
      const mac = layer?.macs[dev];
      return {
        path: o.path,
        established: o.established && m?.established === true,
        oracleState: o.state,
        microsoftState: m?.state ?? 'unknown',
        ...(o.stateForMs === undefined ? {} : { since: new Date(readAt.getTime() - o.stateForMs).toISOString() }),
        ...lastErrorsOf(o, m),
        toAzure: toAzure.get(oracleIp) ?? [],
        toOci: toOci.get(microsoftIp) ?? [],
        sites: (msee?.sessions ?? []).filter((x) => x.site !== undefined && x.path === o.path).map((x) => ({ siteIp: x.peerIp, state: x.state, established: x.established, routes: toAzure.get(x.peerIp) ?? [] })),
        ...(layer === undefined || oracleIp === '' ? {} : { arp: { oracle: arpEntry(oracleIp, row), microsoft: { ip: microsoftIp, ...(mac === undefined ? {} : { mac }) } } }),
      };
    });
    out.set(oracle.virtualCircuitId, { readAt: readAt.toISOString(), links });
  }
  return out;
}

/** What a view would show differently: times and ages left out, so a steady state changes nothing. */
export function liveFingerprint(ic: LiveInterconnect | undefined): string {
  if (ic === undefined) return '';
  return JSON.stringify(ic.links.map(({ since: _since, arp, ...l }) => ({ ...l, arp: arp === undefined ? undefined : [arp.oracle.mac, arp.microsoft.mac] })));
}

/** How the clouds' views read the daemons, for `GET /dataplane`. */
export interface LiveReadStatus {
  /** Where the OCI and ARM answers take the sessions from. */
  viewsSource: 'daemons' | 'engine';
  /** When the daemons were last read for them, and how often. */
  readAt?: string;
  pollMs?: number;
  reads?: number;
  /** How long the last read took (every daemon and the MSEEs' kernels asked at once). */
  lastReadMs?: number;
  readError?: string;
}

/** Reads the daemons every `intervalMs` into the routing's live source, until stopped. */
export class BgpLivePoller implements LiveSessionSource {
  private snapshot = new Map<string, LiveInterconnect>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private current: Promise<void> | undefined;
  private reads = 0;
  private readAt: string | undefined;
  private lastReadMs: number | undefined;
  private readError: string | undefined;

  constructor(private readonly routing: Routing, private readonly recorded: () => RecordedBgp | undefined, private readonly ip: string, readonly intervalMs = LIVE_POLL_MS) {}

  interconnect(virtualCircuitId: string): LiveInterconnect | undefined {
    return this.snapshot.get(virtualCircuitId);
  }

  virtualCircuitIds(): string[] {
    return [...this.snapshot.keys()];
  }

  /** Reads once (so the views are the daemons' from the start), installs itself, then keeps reading. */
  async start(): Promise<void> {
    await this.readOnce();
    if (this.stopped) return;
    setLiveSessions(this.routing, this);
    this.schedule();
  }

  /** Stops reading; the views compute from the engine again. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.current?.catch(() => undefined);
    setLiveSessions(this.routing, undefined);
  }

  describe(): LiveReadStatus {
    return { viewsSource: 'daemons', pollMs: this.intervalMs, reads: this.reads, ...(this.lastReadMs === undefined ? {} : { lastReadMs: this.lastReadMs }), ...(this.readAt === undefined ? {} : { readAt: this.readAt }), ...(this.readError === undefined ? {} : { readError: this.readError }) };
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.readOnce().finally(() => {
        this.schedule();
      });
    }, this.intervalMs);
  }

  private readOnce(): Promise<void> {
    const run = this.read().catch((err: unknown) => {
      this.readError = err instanceof Error ? err.message : String(err);
    });
    this.current = run;
    return run;
  }

  private async read(): Promise<void> {
    const bgp = this.recorded();
    if (bgp === undefined) return;
    const t0 = performance.now();
    const mseeNs = bgp.speakers.filter((s) => s.side === 'microsoft').map((s) => s.ns);
    const [status, layers] = await Promise.all([readBgpStatus(bgp, this.ip, { fast: true }), Promise.all(mseeNs.map(async (ns) => [ns, await this.linkLayer(ns)] as const))]);
    if (this.stopped) return;
    const next = liveInterconnects(status, new Map(layers), new Date());
    const changed = [...new Set([...this.snapshot.keys(), ...next.keys()])].filter((id) => liveFingerprint(this.snapshot.get(id)) !== liveFingerprint(next.get(id)));
    this.snapshot = next;
    this.reads += 1;
    this.readAt = new Date().toISOString();
    this.lastReadMs = Math.round(performance.now() - t0);
    const errors = status.speakers.flatMap((s) => (s.error === undefined ? [] : [`${s.ns}: ${s.error}`]));
    this.readError = errors.length === 0 ? undefined : errors.join('; ');
    // Times move every read; only a changed word (state, routes, resolution) recomputes the views.
    if (changed.length > 0) liveChanged(this.routing, changed);
  }

  private async linkLayer(ns: string): Promise<EdgeLinkLayer> {
    const [neigh, link] = await Promise.all([
      runTool(this.ip, ['-n', ns, '-s', '-j', 'neigh', 'show'], undefined, IP_TIMEOUT_MS),
      runTool(this.ip, ['-n', ns, '-j', 'link', 'show'], undefined, IP_TIMEOUT_MS),
    ]);
    return { neighbors: neigh.code === 0 ? parseNeighbors(neigh.stdout) : [], macs: link.code === 0 ? parseLinkMacs(link.stdout) : {} };
  }
}
