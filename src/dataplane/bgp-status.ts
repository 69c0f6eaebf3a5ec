// What the BGP speakers say now, read from the daemons themselves: FRR's `show bgp ipv4 unicast
// summary json` and `show bgp ipv4 unicast json` through vtysh on the speaker's private vty
// directory, BIRD's `show protocols` and `show route all` through birdc on its control socket, and the
// routes the daemon installed in the namespace's kernel (`ip -j route`, proto bgp / bird). Parsing is
// pure and kept apart from the reading, so it is tested on the daemons' own output.
import path from 'node:path';
import type { LinkPath } from '../routing/types.ts';
import type { BgpDaemon, ExternalSite } from './bgp-model.ts';
import { GOBGP_API } from './bgp-gobgp.ts';
import { birdProtocolOf } from './bgp-bird.ts';
import { birdLastError, frrLastError, type BgpLastError, type FrrNeighborReset } from './bgp-notification.ts';
import type { RecordedBgp, RecordedSpeaker } from './bgp-daemons.ts';
import { findTool } from './probe.ts';
import { runTool } from './run.ts';
import { startTimeOf } from './processes.ts';

export interface LiveSession {
  path: LinkPath;
  peerIp: string;
  /** The daemon's word: Established, Active, Connect, Idle, OpenSent… (BIRD: its protocol state and info). */
  state: string;
  established: boolean;
  prefixesReceived?: number;
  /** How long it has been in this state (FRR's peerUptimeMsec: up time when Established, down time otherwise). */
  stateForMs?: number;
  /** Held down because the engine says so (admin state, provisioning, prefix limit): the neighbor is shut down. */
  shutdown?: string;
  /** An on-premises site's session (the site's namespace label). */
  site?: string;
  /** What the peer announces on this session, as the engine computed it. */
  expect?: string[];
  /** The last NOTIFICATION on this session, sent or received, as the daemon recorded it (kept after the session recovers). */
  lastError?: BgpLastError;
}

export interface LearnedRoute {
  prefix: string;
  asPath: number[];
  via: string;
  best: boolean;
}

export interface KernelRoute {
  prefix: string;
  /** bgp (zebra) or bird. */
  proto: string;
  via: string[];
}

export interface LiveSpeaker {
  virtualCircuitId: string;
  side: RecordedSpeaker['side'];
  daemon: BgpDaemon;
  ns: string;
  asn: number;
  peerAsn: number;
  bfd: boolean;
  /** Ask the daemon yourself: the command line of vtysh or birdc on this speaker's private socket. */
  control: string;
  /** Its daemons and whether each still runs as the process started (pid and start time). */
  daemons: { name: string; pid: number; running: boolean }[];
  /** What the peer announces, as the engine computed it at up. */
  expect: string[];
  sessions: LiveSession[];
  learned: LearnedRoute[];
  kernelRoutes: KernelRoute[];
  /** The daemon could not be asked (stopped, crashed): what failed. */
  error?: string;
}

export interface BgpStatus {
  /** daemons: the interconnect's sessions and the edges' routes across it are the daemons'; engine: computed, installed as static routes. */
  source: 'daemons' | 'engine';
  msee?: BgpDaemon;
  speakers: LiveSpeaker[];
  /** On-premises sites whose router the user runs: namespace, ASN, addresses, the MSEE's, and how to get a shell there. */
  external?: (ExternalSite & { exec: string })[];
}

const ASK_TIMEOUT_MS = 5000;
/** A whole table can be 100,000 routes a path: its text takes seconds on a loaded machine. */
const TABLE_TIMEOUT_MS = 20_000;

/**
 * How much to ask. The clouds' views (bgp-live.ts) need the sessions and the learned routes only, every
 * second, also with 100,000 prefixes from a site: `fast` skips the kernel and reads FRR's table as text
 * (bgpd wrote 100,000 routes as JSON in 6.2 s, 37 MB, as text in 1.6 s, 9 MB, on the shared machine).
 */
export interface ReadOptions {
  fast?: boolean;
}

/** Asks every recorded speaker's daemon, all at once. */
export async function readBgpStatus(bgp: RecordedBgp | undefined, ip: string, opts: ReadOptions = {}): Promise<BgpStatus> {
  if (bgp === undefined) return { source: 'engine', speakers: [] };
  const external = (bgp.external ?? []).map((x) => ({ ...x, exec: `fastroute exec ${x.site} -- <your daemon>` }));
  return { source: 'daemons', msee: bgp.msee, speakers: await Promise.all(bgp.speakers.map((s) => readSpeaker(s, ip, opts))), ...(external.length > 0 ? { external } : {}) };
}

async function readSpeaker(s: RecordedSpeaker, ip: string, opts: ReadOptions): Promise<LiveSpeaker> {
  const base: LiveSpeaker = { virtualCircuitId: s.virtualCircuitId, side: s.side, daemon: s.daemon, ns: s.ns, asn: s.asn, peerAsn: s.peerAsn, bfd: s.bfd, expect: s.expect, sessions: [],
    control: s.daemon === 'frr' ? `vtysh --vty_socket ${s.dir}` : s.daemon === 'gobgp' ? `ip netns exec ${s.ns} gobgp -u 127.0.0.1 -p ${GOBGP_API.split(':')[1] ?? '50051'}` : `birdc -s ${path.join(s.dir, 'bird.ctl')}`,
    daemons: s.daemons.map((d) => ({ name: d.name, pid: d.pid, running: startTimeOf(d.pid) === d.startTime })), learned: [], kernelRoutes: [] };
  const proto = s.daemon === 'frr' ? 'bgp' : 'bird';
  // GoBGP installs no kernel routes (no zebra): nothing to ask the kernel.
  const kernel = s.daemon === 'gobgp' || opts.fast === true ? Promise.resolve({ code: 0, stdout: '[]', stderr: '' }) : runTool(ip, ['-n', s.ns, '-j', 'route', 'show', 'proto', proto], undefined, ASK_TIMEOUT_MS);
  try {
    if (s.daemon === 'gobgp') {
      const r = await runTool(ip, ['netns', 'exec', s.ns, findTool('gobgp') ?? 'gobgp', '-u', '127.0.0.1', '-p', GOBGP_API.split(':')[1] ?? '50051', '-j', 'neighbor'], undefined, ASK_TIMEOUT_MS);
      if (r.code !== 0) throw new Error(`gobgp: ${(r.stderr || r.stdout).trim()}`);
      base.sessions = gobgpSessions(r.stdout, s);
    } else if (s.daemon === 'frr') {
      const vtysh = findTool('vtysh') ?? 'vtysh';
      const ask = (cmd: string, timeoutMs = ASK_TIMEOUT_MS) => runTool(vtysh, ['--vty_socket', s.dir, '-c', cmd], undefined, timeoutMs);
      const [summary, table, neighbors] = await Promise.all([
        ask('show bgp ipv4 unicast summary json'),
        ask(opts.fast === true ? 'show bgp ipv4 unicast' : 'show bgp ipv4 unicast json', TABLE_TIMEOUT_MS),
        ask('show bgp neighbors json'),
      ]);
      if (summary.code !== 0) throw new Error(`vtysh: ${(summary.stderr || summary.stdout).trim()}`);
      base.sessions = frrSessions(summary.stdout, s, neighbors.code === 0 ? neighbors.stdout : undefined);
      base.learned = table.code !== 0 ? [] : opts.fast === true ? frrLearnedText(table.stdout) : frrLearned(table.stdout);
    } else {
      const birdc = findTool('birdc') ?? 'birdc';
      const ask = (cmd: string[], timeoutMs = ASK_TIMEOUT_MS) => runTool(birdc, ['-s', path.join(s.dir, 'bird.ctl'), ...cmd], undefined, timeoutMs);
      const [protocols, routes] = await Promise.all([ask(['show', 'protocols', 'all']), ask(['show', 'route', 'all'], TABLE_TIMEOUT_MS)]);
      if (protocols.code !== 0) throw new Error(`birdc: ${(protocols.stderr || protocols.stdout).trim()}`);
      base.sessions = birdSessions(protocols.stdout, s);
      base.learned = birdLearned(routes.stdout);
    }
  } catch (err) {
    base.error = err instanceof Error ? err.message : String(err);
    base.sessions = s.neighbors.map((n) => ({ path: n.path, peerIp: n.peerIp, state: 'unknown', established: false, ...shutdownOf(n) }));
  }
  const k = await kernel;
  base.kernelRoutes = k.code === 0 ? kernelRoutes(k.stdout, proto) : [];
  return base;
}

const shutdownOf = (n: RecordedSpeaker['neighbors'][number]) => ({ ...(n.shutdown === undefined ? {} : { shutdown: n.shutdown }), ...(n.site === undefined ? {} : { site: n.site }), ...(n.expect === undefined ? {} : { expect: n.expect }) });

interface GobgpPeer {
  conf?: { neighbor_address?: string };
  state?: { neighbor_address?: string; session_state?: number | string };
}

/** GoBGP's `gobgp -j neighbor`: session_state 6 (or "established") is Established (its API's enum). */
export function gobgpSessions(json: string, s: Pick<RecordedSpeaker, 'neighbors'>): LiveSession[] {
  const peers = JSON.parse(json === '' ? '[]' : json) as GobgpPeer[];
  const STATES = ['unknown', 'Idle', 'Connect', 'Active', 'OpenSent', 'OpenConfirm', 'Established'];
  return s.neighbors.map((n) => {
    const p = peers.find((x) => (x.state?.neighbor_address ?? x.conf?.neighbor_address) === n.peerIp);
    const raw = p?.state?.session_state;
    const state = typeof raw === 'number' ? STATES[raw] ?? String(raw) : typeof raw === 'string' ? raw.charAt(0).toUpperCase() + raw.slice(1) : 'unknown';
    return { path: n.path, peerIp: n.peerIp, state, established: state === 'Established', ...shutdownOf(n) };
  });
}

/** FRR's summary: one peer per neighbor address; with `show bgp neighbors json`, each one's last NOTIFICATION. */
export function frrSessions(json: string, s: Pick<RecordedSpeaker, 'neighbors'>, neighborsJson?: string): LiveSession[] {
  const parsed = JSON.parse(json) as { peers?: Record<string, FrrPeer>; ipv4Unicast?: { peers?: Record<string, FrrPeer> } };
  const peers = parsed.peers ?? parsed.ipv4Unicast?.peers ?? {};
  const resets = neighborsJson === undefined || neighborsJson.trim() === '' ? {} : (JSON.parse(neighborsJson) as Record<string, FrrNeighborReset>);
  return s.neighbors.map((n) => {
    const p = peers[n.peerIp];
    const state = p?.state ?? 'unknown';
    const lastError = frrLastError(resets[n.peerIp]);
    return {
      path: n.path, peerIp: n.peerIp, state, established: state === 'Established', ...(typeof p?.pfxRcd === 'number' ? { prefixesReceived: p.pfxRcd } : {}),
      ...(typeof p?.peerUptimeMsec === 'number' ? { stateForMs: p.peerUptimeMsec } : {}), ...shutdownOf(n), ...(lastError === undefined ? {} : { lastError }),
    };
  });
}

interface FrrPeer {
  state?: string;
  pfxRcd?: number;
  peerUptimeMsec?: number;
}

interface FrrPath {
  valid?: boolean;
  bestpath?: boolean;
  path?: string;
  aspath?: { string?: string };
  peerId?: string;
  nexthops?: { ip?: string }[];
}

/** FRR's BGP table: the paths learned from peers (not the ones it originates). */
export function frrLearned(json: string): LearnedRoute[] {
  const parsed = JSON.parse(json) as { routes?: Record<string, FrrPath[]> };
  const out: LearnedRoute[] = [];
  for (const [prefix, paths] of Object.entries(parsed.routes ?? {})) {
    for (const p of paths) {
      const via = p.nexthops?.[0]?.ip ?? p.peerId ?? '';
      if (via === '' || via === '0.0.0.0') continue;
      out.push({ prefix, asPath: asPathOf(p.path ?? p.aspath?.string ?? ''), via, best: p.bestpath === true });
    }
  }
  return out;
}

/**
 * FRR's BGP table as text (`show bgp ipv4 unicast`): three status characters, the network (17 wide; a
 * longer one ends its line and the route goes on below), the next hop from column 20, the AS path from
 * the header's "Path" column, the origin last. A path with no network is another path of the prefix
 * above. As frrLearned: what FRR originates (next hop 0.0.0.0) is not learned.
 */
export function frrLearnedText(text: string): LearnedRoute[] {
  const out: LearnedRoute[] = [];
  let pathCol = -1;
  let prefix = '';
  let status = '';
  for (const line of text.split('\n')) {
    if (pathCol < 0) {
      if (/^\s+Network\s+Next Hop/.test(line)) pathCol = line.indexOf('Path');
      continue;
    }
    const head = line.slice(0, 3);
    const network = /^(\d+\.\d+\.\d+\.\d+\/\d+)/.exec(line.slice(3))?.[1];
    if (network !== undefined) {
      prefix = network;
      status = head;
    } else if (head.trim() !== '') status = head;
    const via = /^(\d+\.\d+\.\d+\.\d+)\s/.exec(line.slice(20))?.[1];
    if (via === undefined || via === '0.0.0.0' || prefix === '') continue;
    out.push({ prefix, asPath: asPathOf(line.slice(pathCol)), via, best: status.includes('>') });
  }
  return out;
}

/** BIRD's `show protocols all`: each BGP protocol's state line and its route counts. */
export function birdSessions(text: string, s: Pick<RecordedSpeaker, 'neighbors'>): LiveSession[] {
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const head = /^(\S+)\s+BGP\s/.exec(line);
    if (head) blocks.set(head[1] ?? '', (current = [line]));
    else if (/^\S/.test(line)) current = undefined;
    else current?.push(line);
  }
  return s.neighbors.map((n) => {
    const block = blocks.get(birdProtocolOf(n));
    const head = block?.[0] === undefined ? undefined : /^\S+\s+BGP\s+\S+\s+(\S+)\s+\S+(?: \S+)?\s*(.*)$/.exec(block[0]) ?? undefined;
    const info = head?.[2]?.trim() ?? '';
    // Without BGP info BIRD shows only its protocol state (down, start, flush): in the BGP FSM's words, Idle;
    // so does a protocol it shut down itself ("Automatic shutdown: Route limit exceeded"), with its reason.
    const fsm = /^(Idle|Connect|Active|OpenSent|OpenConfirm|Established)\b/.test(info);
    const state = head === undefined ? 'unknown' : info === '' ? (head[1] === 'up' ? 'Established' : 'Idle') : fsm ? info : `Idle (${info})`;
    const imported = block?.map((l) => /Routes:\s+(\d+) imported/.exec(l)).find((m) => m !== null);
    const lastError = birdLastError(block?.map((l) => /^\s+Last error:\s+(.*)$/.exec(l)?.[1]).find((x) => x !== undefined));
    return {
      path: n.path, peerIp: n.peerIp, state, established: info === 'Established', ...(imported ? { prefixesReceived: Number(imported[1]) } : {}), ...shutdownOf(n),
      ...(lastError === undefined ? {} : { lastError }),
    };
  });
}

/** BIRD's `show route all`: the BGP routes (a prefix line, or a continuation for its other paths, then attributes). */
export function birdLearned(text: string): LearnedRoute[] {
  const out: LearnedRoute[] = [];
  let prefix = '';
  let route: LearnedRoute | undefined;
  for (const line of text.split('\n')) {
    const m = /^(\d+\.\d+\.\d+\.\d+\/\d+)?\s+\S+\s+\[(\S+)\s[^\]]*\]\s+(\*)?/.exec(line);
    if (m) {
      prefix = m[1] ?? prefix;
      route = m[2]?.startsWith('fr_') === true && m[2] !== 'fr_announce' ? { prefix, asPath: [], via: '', best: m[3] === '*' } : undefined;
      if (route) out.push(route);
      continue;
    }
    if (!route) continue;
    const via = /^\s+via (\S+)/.exec(line);
    if (via) route.via = via[1] ?? '';
    const asPath = /BGP\.as_path:\s*(.*)$/.exec(line);
    if (asPath) route.asPath = asPathOf(asPath[1] ?? '');
  }
  return out;
}

const asPathOf = (text: string): number[] => text.split(/\s+/).filter((x) => /^\d+$/.test(x)).map(Number);

interface IpRoute {
  dst?: string;
  protocol?: string;
  gateway?: string;
  nexthops?: { gateway?: string }[];
}

/** `ip -j route show proto …`: each route with its next hops (several: multipath); ip leaves out the protocol it filtered on. */
export function kernelRoutes(json: string, proto: string): KernelRoute[] {
  const parsed = JSON.parse(json === '' ? '[]' : json) as IpRoute[];
  return parsed.map((r) => ({
    prefix: r.dst ?? '', proto: r.protocol ?? proto,
    via: r.gateway !== undefined ? [r.gateway] : (r.nexthops ?? []).flatMap((h) => (h.gateway === undefined ? [] : [h.gateway])),
  }));
}

/**
 * Converged: every session not shut down is Established and has delivered every prefix the peer
 * announces (as the engine computed it), and each of those is in the speaker's kernel, installed by the daemon.
 */
export function bgpConverged(status: BgpStatus): boolean {
  if (status.source !== 'daemons' || status.speakers.length === 0) return false;
  return status.speakers.every((s) => {
    const live = s.sessions.filter((x) => x.shutdown === undefined);
    // GoBGP (a site's router) installs nothing in the kernel, and its table is not read: its sessions tell.
    if (s.daemon === 'gobgp') return live.every((x) => x.established);
    return live.every((x) => x.established) && s.expect.every((p) => s.kernelRoutes.some((k) => k.prefix === p))
      && live.every((x) => (x.expect ?? s.expect).every((p) => s.learned.some((r) => r.prefix === p && r.via === x.peerIp)));
  });
}
