// The BGP speakers' supervisor: starts FRR (zebra, bfdd when BFD is on, bgpd) or BIRD 2 in each edge
// namespace without systemd, as the reference measured it (reference/dataplane.md §5.1): every
// socket, pid file, log and config of one speaker in a private directory (owned by frr:frr for FRR:
// its daemons drop privileges to that user), FRR's zserv socket and vty directory private (`-z`,
// `--vty_socket`), no TCP vty (`-P 0`), bfdd with its own control socket. Each daemon's pid (from its
// pid file) goes to the record with its start time as soon as it is known, so `down` and crash
// reaping stop it by pid; nothing is found by name. One `sh` per speaker, all speakers at once.
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { birdConfig } from './bgp-bird.ts';
import { floodBatch, overLimit } from './bgp-flood.ts';
import { frrConfig } from './bgp-frr.ts';
import { speakerPeers, type BgpDaemon, type BgpEdge, type BgpSide, type BgpSpeaker, type ExternalSite } from './bgp-model.ts';
import { gobgpAnnounce, gobgpConfig, GOBGP_API } from './bgp-gobgp.ts';
import { findTool } from './probe.ts';
import { startTimeOf } from './processes.ts';
import { readRecord, writeRecord, type RecordedProcess } from './record.ts';
import { mustRun } from './run.ts';

/** Quotes a word for sh. */
const q = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** Where Debian's frr puts its daemons; FASTROUTE_FRR_DIR points elsewhere. */
export const frrDir = (): string => process.env.FASTROUTE_FRR_DIR ?? '/usr/lib/frr';

/** A speaker as the record keeps it: enough for status to ask its daemon, and for down to find it. */
export interface RecordedSpeaker {
  virtualCircuitId: string;
  side: BgpSide;
  daemon: BgpDaemon;
  ns: string;
  dir: string;
  asn: number;
  peerAsn: number;
  neighbors: RecordedNeighbor[];
  bfd: boolean;
  /** What the peer announces (the engine's view at up): converged once each is in this namespace's kernel. */
  expect: string[];
  /** The speaker's daemons as started (also in the record's processes, which down and reaping use). */
  daemons: { name: string; pid: number; startTime: string }[];
  /** Oracle's edge: how many prefix-flood blackholes its kernel holds (bgp-flood.ts). */
  flood?: number;
  /** Microsoft's edge: Oracle offered it more than its limit at the last sync (its sessions with Oracle are down on the wire). */
  overLimit?: boolean;
}

export interface RecordedNeighbor {
  path: 'primary' | 'secondary';
  peerIp: string;
  shutdown?: string;
  /** An on-premises site's session (the site's label). */
  site?: string;
  /** What this neighbor announces, as the engine computed it (the speaker's `expect` is the union). */
  expect?: string[];
}

export interface RecordedBgp {
  /** The speakers' private directories live under it; removed at down. */
  dir: string;
  msee: BgpDaemon;
  speakers: RecordedSpeaker[];
  /** On-premises sites whose router the user runs (`external`): what they need to configure it. */
  external?: ExternalSite[];
}

/** The record's view of a speaker's neighbors and what it expects from them (also after a reload). */
export function recordedNeighbors(s: BgpSpeaker, expect: (n: BgpSpeaker['neighbors'][number]) => string[]): { neighbors: RecordedNeighbor[]; expect: string[] } {
  const neighbors = s.neighbors.map((n) => ({
    path: n.path, peerIp: n.peerIp, ...(n.shutdown === undefined ? {} : { shutdown: n.shutdown }),
    ...(n.site === undefined ? {} : { site: n.site }), expect: n.shutdown === undefined ? expect(n) : [],
  }));
  return { neighbors, expect: [...new Set(neighbors.flatMap((n) => n.expect))].sort() };
}

/** What a machine lacks to run the speakers with these daemons (empty: nothing). */
export function bgpMisses(daemons: readonly BgpDaemon[]): { what: string; fix: string }[] {
  const misses: { what: string; fix: string }[] = [];
  if (daemons.includes('frr')) {
    for (const d of ['zebra', 'bgpd', 'bfdd']) if (!existsSync(path.join(frrDir(), d))) misses.push({ what: `FRR's ${d} (${path.join(frrDir(), d)})`, fix: 'apt-get install frr' });
    if (findTool('vtysh') === undefined) misses.push({ what: 'the vtysh command', fix: 'apt-get install frr' });
    if (frrUser() === undefined) misses.push({ what: 'the frr user', fix: 'apt-get install frr' });
    // frr-reload.py (reloading a changed configuration while up) is Python.
    if (findTool('python3') === undefined) misses.push({ what: 'the python3 command (FRR\'s frr-reload.py)', fix: 'apt-get install python3' });
  }
  if (daemons.includes('bird')) for (const t of ['bird', 'birdc']) if (findTool(t) === undefined) misses.push({ what: `the ${t} command`, fix: 'apt-get install bird2' });
  if (daemons.includes('gobgp')) for (const t of ['gobgpd', 'gobgp']) if (findTool(t) === undefined) misses.push({ what: `the ${t} command`, fix: 'apt-get install gobgpd' });
  return misses;
}

const PID_WAIT_MS = 10_000;
const SIDE_NAMES: Record<BgpSide, string> = { oracle: "Oracle's edge", microsoft: "Microsoft's edge", onprem: 'on-premises router' };
const POLL_MS = 50;

/** A speaker ready to start: its configuration written, the script that starts it, the pid files it writes. */
export interface PreparedSpeaker {
  speaker: BgpSpeaker;
  script: string;
  pidFiles: string[];
}

/**
 * Writes every speaker's configuration into a fresh private directory (synchronously, so the caller
 * records the directory before any daemon runs) and says how to start each.
 */
export function prepareSpeakers(edges: readonly BgpEdge[], ip: string, msee: BgpDaemon): { recorded: RecordedBgp; prepared: PreparedSpeaker[] } {
  const base = mkdtempSync(path.join(tmpdir(), 'fastroute-bgp-'));
  // The frr user must reach its own directory below this one.
  chmodSync(base, 0o755);
  const owner = frrUser();
  const recorded: RecordedBgp = { dir: base, msee, speakers: [] };
  const prepared: PreparedSpeaker[] = [];
  recorded.external = edges.flatMap((e) => e.external);
  for (const { edge: e, s, expect } of speakerPeers(edges)) {
    const dir = path.join(base, s.label);
    mkdirSync(dir, { mode: 0o750 });
    const flood = s.flood ?? [];
    recorded.speakers.push({
      virtualCircuitId: e.virtualCircuitId, side: s.side, daemon: s.daemon, ns: s.ns, dir, asn: s.asn, peerAsn: s.peerAsn, bfd: s.bfd, ...recordedNeighbors(s, expect), daemons: [],
      ...(flood.length > 0 ? { flood: flood.length } : {}), ...(s.side === 'microsoft' ? { overLimit: overLimit(e) } : {}),
    });
    if (s.daemon === 'frr') {
      const files = frrConfig(s, dir);
      writeFileSync(path.join(dir, 'zebra.conf'), files.zebra);
      writeFileSync(path.join(dir, 'bgpd.conf'), files.bgpd);
      // vtysh (and frr-reload.py, which runs it) read vtysh.conf from the speaker's directory: an empty one.
      writeFileSync(path.join(dir, 'vtysh.conf'), '');
      if (files.bfdd !== undefined) writeFileSync(path.join(dir, 'bfdd.conf'), files.bfdd);
      if (owner) chownTree(dir, owner, ['zebra.conf', 'bgpd.conf', ...(files.bfdd === undefined ? [] : ['bfdd.conf'])]);
      // A flood already on: its blackholes are in the kernel before zebra reads it.
      if (flood.length > 0) writeFileSync(path.join(dir, 'flood.batch'), floodBatch(flood));
      const floodIn = flood.length > 0 ? `${q(ip)} -n ${s.ns} -batch ${q(path.join(dir, 'flood.batch'))}\n` : '';
      prepared.push({ speaker: s, script: floodIn + frrScript(ip, s.ns, dir, files.bfdd !== undefined), pidFiles: ['zebra', ...(files.bfdd === undefined ? [] : ['bfdd']), 'bgpd'].map((d) => path.join(dir, `${d}.pid`)) });
    } else if (s.daemon === 'gobgp') {
      writeFileSync(path.join(dir, 'gobgpd.toml'), gobgpConfig(s));
      prepared.push({ speaker: s, script: gobgpScript(ip, s, dir), pidFiles: [path.join(dir, 'gobgpd.pid')] });
    } else {
      writeFileSync(path.join(dir, 'bird.conf'), birdConfig(s, dir));
      prepared.push({ speaker: s, script: `${q(ip)} netns exec ${s.ns} ${q(findTool('bird') ?? 'bird')} -c ${q(path.join(dir, 'bird.conf'))} -s ${q(path.join(dir, 'bird.ctl'))} -P ${q(path.join(dir, 'bird.pid'))}\n`, pidFiles: [path.join(dir, 'bird.pid')] });
    }
  }
  return { recorded, prepared };
}

/** Starts every prepared speaker at once; `onProcess` gets each daemon's pid as soon as its pid file names it. Throws when one fails to start. */
export async function launchSpeakers(prepared: readonly PreparedSpeaker[], onProcess: (p: RecordedProcess, speaker: BgpSpeaker, daemon: string) => void): Promise<void> {
  await Promise.all(prepared.map(async (st) => {
    await mustRun('sh', ['-e', '-s'], st.script);
    for (const file of st.pidFiles) {
      const pid = await pidFrom(file);
      const daemon = path.basename(file, '.pid');
      onProcess({ pid, startTime: startTimeOf(pid) ?? '', what: `${daemon} (${SIDE_NAMES[st.speaker.side]}, ${st.speaker.ns})` }, st.speaker, daemon);
    }
  }));
}

/**
 * gobgpd runs in the foreground: started in the background, detached (its own session, no pipes of
 * ours), its pid written by the shell (`ip netns exec` execs, so `$!` is gobgpd). Then, once its API
 * answers on the namespace's loopback (bounded: 10 s), the site's prefixes go into its RIB.
 */
function gobgpScript(ip: string, s: BgpSpeaker, dir: string): string {
  const d = (f: string): string => q(path.join(dir, f));
  const inNs = `${q(ip)} netns exec ${s.ns}`;
  const cli = q(findTool('gobgp') ?? 'gobgp');
  return [
    `setsid ${inNs} ${q(findTool('gobgpd') ?? 'gobgpd')} -f ${d('gobgpd.toml')} -p --api-hosts ${GOBGP_API} --pprof-disable </dev/null >${d('gobgpd.log')} 2>&1 &`,
    `echo $! > ${d('gobgpd.pid')}`,
    `i=0; until ${inNs} ${cli} -u 127.0.0.1 -p 50051 global >/dev/null 2>&1; do i=$((i+1)); if [ $i -gt 200 ]; then echo "gobgpd in ${s.ns} did not answer on its API" >&2; exit 1; fi; sleep 0.05; done`,
    ...gobgpAnnounce(s).map((args) => `${inNs} ${cli} ${args.map(q).join(' ')}`),
    '',
  ].join('\n');
}

/** zebra first, and only once its zserv socket exists (bfdd and bgpd connect to it), then bfdd, then bgpd. */
function frrScript(ip: string, ns: string, dir: string, bfd: boolean): string {
  const d = (f: string): string => q(path.join(dir, f));
  const common = `-z ${d('zserv.api')} --vty_socket ${q(dir)} -P 0`;
  const daemon = (name: string, extra = ''): string => `${q(ip)} netns exec ${ns} ${q(path.join(frrDir(), name))} -d ${common} -f ${d(`${name}.conf`)} -i ${d(`${name}.pid`)}${extra}`;
  return [
    daemon('zebra'),
    // Bounded: 5 s for zebra's socket.
    `i=0; while [ ! -S ${d('zserv.api')} ]; do i=$((i+1)); if [ $i -gt 100 ]; then echo "zebra in ${ns} did not open its socket" >&2; exit 1; fi; sleep 0.05; done`,
    ...(bfd ? [daemon('bfdd', ` --bfdctl ${d('bfdd.sock')}`)] : []),
    daemon('bgpd'),
    '',
  ].join('\n');
}

async function pidFrom(file: string): Promise<number> {
  for (let waited = 0; waited < PID_WAIT_MS; waited += POLL_MS) {
    try {
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0) return pid;
    } catch {
      // not written yet
    }
    await sleep(POLL_MS);
  }
  throw new Error(`${file} was not written within ${PID_WAIT_MS / 1000} s: the daemon did not start (see the log beside it)`);
}

/** The speakers' directories go once their daemons are stopped. */
export function removeSpeakerDirs(bgp: RecordedBgp | undefined): void {
  if (bgp !== undefined && path.basename(bgp.dir).startsWith('fastroute-bgp-')) rmSync(bgp.dir, { recursive: true, force: true });
}

interface Owner {
  uid: number;
  gid: number;
}

/** The frr user and group from /etc/passwd (Debian's frr package creates them). */
export function frrUser(): Owner | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('frr:'));
    const [, , uid, gid] = line?.split(':') ?? [];
    return uid === undefined || gid === undefined ? undefined : { uid: Number(uid), gid: Number(gid) };
  } catch {
    return undefined;
  }
}

function chownTree(dir: string, owner: Owner, files: readonly string[]): void {
  chownSync(dir, owner.uid, owner.gid);
  for (const f of files) chownSync(path.join(dir, f), owner.uid, owner.gid);
}

/**
 * Starts the speakers of a data plane already up: the directory goes to the record first, then each
 * daemon's pid as it comes (the record file is rewritten each time, so a crash in between loses nothing).
 */
export async function startSpeakersRecorded(recordFile: string, edges: readonly BgpEdge[], ip: string, msee: BgpDaemon): Promise<RecordedBgp> {
  const record = readRecord(recordFile);
  if (!record) throw new Error(`the data plane's record ${recordFile} is missing`);
  const { recorded, prepared } = prepareSpeakers(edges, ip, msee);
  record.bgp = recorded;
  writeRecord(recordFile, record);
  await launchSpeakers(prepared, (p, speaker, daemon) => {
    record.processes.push(p);
    recorded.speakers.find((x) => x.ns === speaker.ns)?.daemons.push({ name: daemon, pid: p.pid, startTime: p.startTime });
    writeRecord(recordFile, record);
  });
  return recorded;
}
