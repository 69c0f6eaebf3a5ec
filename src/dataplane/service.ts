// One FastRoute's data plane: up (probe, compile from the engine, apply), down, status, reaping a
// crashed run's leftovers at start, and keeping in step with the engine: every committed change
// schedules a sync (recompile, diff against the applied plan, apply only the difference) shortly
// after, so a burst of commits costs one sync. Operations run one at a time. The record lives in the data
// directory; an in-memory server keeps it in the user's runtime directory (runtime-dir.ts), where the
// next start finds it after a kill -9.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine/engine.ts';
import { labOwnership } from '../lab/ownership.ts';
import { CloudError, fastroute } from '../model/errors.ts';
import { labNames } from '../lab/apply.ts';
import { applyPlan, ownerAlive, reapAll, reapLeftovers, removeRecorded, type DelayMeans, type DownReport, type UpTimings } from './apply.ts';
import { compileDataplane } from './compile.ts';
import { diffPlans, isEmptyDiff, reroutedNamespaces } from './diff.ts';
import type { DataplanePlan } from './plan.ts';
import { applyDiff, type SyncCounts } from './sync.ts';
import type { CompileScope } from './compile-context.ts';
import { newRunId, NAMESPACE_PREFIX } from './names.ts';
import { findTool, machineMisses, probePrerequisites, type Features, type Missing } from './probe.ts';
import { captureBytes, captureCommand, captureTarget } from './capture.ts';
import { prerequisitesError } from './errors.ts';
import { readRecord, RECORD_FILE, writeRecord, type DataplaneRecord } from './record.ts';
import { processesIn, stillRunning } from './processes.ts';
import { linkEmulatorPath, withNetem, type RecordedDelay } from './link-delay.ts';
import { mustRun, ToolError } from './run.ts';
import { activeDrills } from '../drills/drills.ts';
import { batchIn } from './apply.ts';
import { heldDevices, linkStateBatches } from './follow-drills.ts';
import { ensureRuntimeDir, runtimeDir, runtimeRecordFile, runtimeRecords } from './runtime-dir.ts';
import { delayText, linkStatuses, linkStatusesFrom, type InterconnectLinkStatus, type LinkEndStatus, type LinkStatus, type LinkStatuses } from './link-status.ts';
import { bgpEdges, DEFAULT_BGP_OPTIONS, type BgpEdge, type BgpOptions } from './bgp-model.ts';
import { bgpMisses, startSpeakersRecorded } from './bgp-daemons.ts';
import { reconfigureSpeakers } from './bgp-reconfigure.ts';
import { readBgpStatus, type BgpStatus } from './bgp-status.ts';
import { BgpLivePoller, type LiveReadStatus } from './bgp-live.ts';

export interface DataplaneStatus {
  state: 'down' | 'up' | 'creating' | 'leftovers';
  runId?: string;
  lab?: string;
  createdAt?: string;
  namespaces: (DataplaneRecord['namespaces'][number] & { present: boolean })[];
  links: number;
  /** Processes running inside the namespaces (users' `fastroute exec` commands, helpers). */
  processes: number;
  notMaterialised: DataplaneRecord['notMaterialised'];
  /** Each delayed link (the interconnect's, by region pair), how its delay is made, and whether its helper runs. */
  delays: (RecordedDelay & { running?: boolean })[];
  features?: Features;
  /** What is real (kernel forwarding) and what is not built yet, with what this kernel offers for it. */
  notYet: string[];
  /** Keeping in step with the engine: syncs applied since `up`, the last one's duration and what it changed. */
  sync?: SyncStatus;
  /** Per interconnect link: configured rate, real or not, delay mechanism, drill state, kernel counters (GET only). */
  interconnectLinks?: InterconnectLinkStatus[];
  /** The other links (VNICs, NICs, attachments, transit), with the same fields (GET only). */
  otherLinks?: LinkStatus[];
  /** When the links' counters were read (GET only). */
  countersAt?: string;
  /** Down: what this machine lacks for `up` (privileges, tools; the kernel is probed by `up` itself). Empty: it can try. */
  unavailable?: Missing[];
  /** Who runs the interconnect's BGP: the daemons (their sessions and learned routes, read live; GET only) or the engine. */
  bgp?: BgpStatus & Partial<LiveReadStatus>;
}

/** What the data plane did to follow the engine's drills. */
export interface FollowReport {
  /** Links dropping every frame (`<virtual circuit id>/<path>`). */
  linksDown: string[];
  /** Namespaces whose routes the sync changed to match the engine. */
  rerouted: string[];
}

export interface SyncStatus {
  syncs: number;
  lastAt?: string;
  lastMs?: number;
  last?: SyncCounts;
  /** BGP on the wire: the speakers (namespaces) whose configuration the last sync reloaded. */
  bgpReloaded?: string[];
  lastError?: string;
}

/**
 * How long a commit waits before its sync: commits that come together (a lab's resources, a drill's
 * steps) share one. The first commit starts the wait, later ones do not extend it, so a change
 * reaches the kernel within this plus one sync.
 */
export const SYNC_DELAY_MS = 25;

export interface DataplaneUpReport {
  status: DataplaneStatus;
  timings: UpTimings;
  compileMs: number;
  probeMs: number;
  reaped?: DownReport & { runId: string };
}

export class Dataplane {
  private queue: Promise<unknown> = Promise.resolve();
  private features: Features | undefined;
  /** Where the record lives: the data directory, or this data plane's own file in the runtime directory. */
  readonly recordFile: string;
  /** The plan the kernel holds (this process's `up` and syncs), the lab it was scoped to, what `up` chose for the links, and BGP on the wire. */
  private applied: { plan: DataplanePlan; lab: string | undefined; links: LinkOptions; bgp?: BgpOptions } | undefined;
  private syncTimer: NodeJS.Timeout | undefined;
  private syncStatus: SyncStatus = { syncs: 0 };
  private syncWaiters: ((s: SyncStatus) => void)[] = [];
  /** Commits seen so far: `up` compares it before compiling and after applying, so none slips between. */
  private commits = 0;
  private readonly onCommitted = (): void => {
    this.commits += 1;
    if (this.applied === undefined || this.syncTimer !== undefined) return;
    this.syncTimer = setTimeout(() => {
      this.syncTimer = undefined;
      void this.serial(() => this.syncNow()).catch(() => undefined);
    }, SYNC_DELAY_MS);
  };
  /** Interconnect links cut by link-down drills (`<virtual circuit id>/<path>`): they drop every frame. */
  private linksDown = new Set<string>();
  /** With BGP on the wire: reads the daemons for the clouds' views (bgp-live.ts). */
  private live: BgpLivePoller | undefined;
  /** The commands the last `up` found (the machine's paths). */
  private tools = toolsOf({});

  /** `defaults.bgp`: the server's setting (dataplaneBgp, dataplaneMsee), used when `up` does not say. */
  constructor(private readonly engine: Engine, private readonly dataDir: string | undefined, private readonly defaults: { bgp?: Partial<BgpOptions> } = {}) {
    engine.events.on('committed', this.onCommitted);
    this.recordFile = dataDir === undefined ? runtimeRecordFile(runtimeDir()) : path.join(dataDir, RECORD_FILE);
  }

  private get hasRecord(): boolean {
    return existsSync(this.recordFile);
  }

  /**
   * At start: leftovers of runs killed before their `down` (nothing when there is no record): the data
   * directory's record, or, in memory, every record in the runtime directory whose owner is dead.
   */
  reapAtStart(): Promise<(DownReport & { runId: string }) | undefined> {
    return this.serial(async () => {
      const files = this.dataDir === undefined ? runtimeRecords(runtimeDir()) : this.hasRecord ? [this.recordFile] : [];
      if (files.length === 0) return undefined;
      const probe = await probePrerequisites();
      if (!probe.ok) throw prerequisitesError(probe.missing);
      const tools = { ip: probe.tools.ip ?? 'ip' };
      return this.dataDir === undefined ? reapAll(files, tools) : reapLeftovers(this.recordFile, tools);
    });
  }

  /**
   * `delay: false` leaves the links without their region-pair delay (the link benchmarks measure the routers and tbf alone).
   * `bgp`: the interconnect's sessions run by real daemons in the edges (docs/bgp.md); off by default.
   */
  up(opts: { lab?: string; delay?: boolean; bgp?: Partial<BgpOptions> | boolean } = {}): Promise<DataplaneUpReport> {
    return this.serial(async () => {
      const t0 = performance.now();
      const probe = await probePrerequisites();
      const asked = opts.bgp ?? this.defaults.bgp;
      const bgp = asked === undefined || asked === false ? undefined : { ...DEFAULT_BGP_OPTIONS, ...this.defaults.bgp, ...(asked === true ? {} : asked) };
      const bgpMissing = bgp === undefined ? [] : bgpMisses(['frr', bgp.msee]);
      if (!probe.ok || bgpMissing.length > 0) throw prerequisitesError([...probe.missing, ...bgpMissing]);
      this.features = probe.features;
      const tools = toolsOf(probe.tools);
      this.tools = tools;
      this.applied = undefined;
      await this.stopLive();
      this.linksDown = new Set();
      const probeMs = Math.round(performance.now() - t0);
      // A data plane already up is rebuilt from the current world (keeping it in step by diff comes later).
      const previous = readRecord(this.recordFile);
      let reaped: (DownReport & { runId: string }) | undefined;
      if (previous) {
        if (ownerAlive(previous)) throw fastroute.conflict(`another FastRoute (pid ${previous.ownerPid}) runs a data plane recorded in ${this.recordFile}`);
        reaped = { runId: previous.runId, ...(await removeRecorded(previous, tools, this.recordFile)) };
      }
      const t1 = performance.now();
      const commitsBefore = this.commits;
      const links: LinkOptions = { delay: opts.delay !== false, tbf: probe.features?.tbf === true, means: { netem: probe.features?.netem ?? false, helper: linkEmulatorPath(), tc: probe.tools.tc ?? 'tc' } };
      let edges: BgpEdge[] = [];
      const plan = withLinkOptions(await this.engine.read((view) => {
        const compiled = compileDataplane(this.engine.routing, { runId: this.freshRunId(), bgp: bgp !== undefined, ...(opts.lab === undefined ? {} : { scope: labScope(view, opts.lab) }) });
        if (bgp) edges = bgpEdges(this.engine.routing, compiled, bgp);
        return compiled;
      }), links);
      const compileMs = Math.round(performance.now() - t1);
      // The sites' routers (GoBGP, BIRD) are known once compiled.
      const siteMissing = bgpMisses([...new Set(edges.flatMap((e) => e.sites.map((x) => x.daemon)))].filter((d) => d !== 'frr' && d !== bgp?.msee));
      if (siteMissing.length > 0) throw prerequisitesError(siteMissing);
      try {
        if (this.dataDir === undefined) ensureRuntimeDir(path.dirname(this.recordFile));
        const { timings, record } = await applyPlan(plan, tools, this.recordFile, opts.lab, links.means);
        if (bgp) {
          const t = performance.now();
          await startSpeakersRecorded(this.recordFile, edges, tools.ip, bgp.msee).catch(async (err: unknown) => {
            await removeRecorded(readRecord(this.recordFile) ?? record, tools, this.recordFile).catch(() => undefined);
            throw err;
          });
          timings.bgpMs = Math.round(performance.now() - t);
          // The clouds' views read the daemons from here on (one read before `up` answers).
          this.live = new BgpLivePoller(this.engine.routing, () => readRecord(this.recordFile)?.bgp, tools.ip);
          await this.live.start();
        }
        this.applied = { plan, lab: opts.lab, links, ...(bgp ? { bgp } : {}) };
        this.syncStatus = { syncs: 0 };
        // A link-down drill already running cuts its link from the start.
        await this.cutLinks(plan, tools.tc);
        // A commit while the plan was being applied: sync it now that there is a plan to diff against.
        if (this.commits !== commitsBefore) this.onCommitted();
        return { status: this.statusNow(), timings, compileMs, probeMs, ...(reaped ? { reaped } : {}) };
      } catch (err) {
        if (err instanceof ToolError) throw new CloudError('fastroute', 500, 'DataplaneFailed', `the data plane could not be created (what was created is removed again): ${err.message}`);
        throw err;
      }
    });
  }

  down(): Promise<DownReport & { state: 'down' }> {
    return this.serial(async () => {
      const record = this.hasRecord ? readRecord(this.recordFile) : undefined;
      this.applied = undefined;
      await this.stopLive();
      if (!record) return { state: 'down', namespacesRemoved: 0, processesKilled: 0, left: [] };
      const probe = await probePrerequisites();
      if (!probe.ok) throw prerequisitesError(probe.missing);
      const report = await removeRecorded(record, { ip: probe.tools.ip ?? 'ip' }, this.recordFile);
      if (report.left.length > 0) throw new CloudError('fastroute', 500, 'DataplaneFailed', `namespaces still present after down: ${report.left.join(', ')}`);
      return { state: 'down', ...report };
    });
  }

  status(): DataplaneStatus {
    return this.statusNow();
  }

  /**
   * Brings the kernel in step with the engine now: recompile under the same run id, diff against the
   * applied plan, apply the difference. A lab torn down leaves an empty scope (its namespaces go).
   */
  private async syncNow(): Promise<string[]> {
    const applied = this.applied;
    const t0 = performance.now();
    try {
      const record = applied ? readRecord(this.recordFile) : undefined;
      if (!applied || !record) return [];
      let edges: BgpEdge[] = [];
      const next = withLinkOptions(await this.engine.read((view) => {
        const compiled = compileDataplane(this.engine.routing, { runId: applied.plan.runId, bgp: applied.bgp !== undefined, ...(applied.lab === undefined ? {} : { scope: labScopeOrNone(view, applied.lab) }) });
        if (applied.bgp) edges = bgpEdges(this.engine.routing, compiled, applied.bgp);
        return compiled;
      }), applied.links);
      // A drill's cut link keeps its drop; stopping the drill (cutLinks, after the diff) restores the new plan's qdisc.
      const diff = diffPlans(applied.plan, next, heldDevices(applied.plan, this.linksDown));
      // The daemons follow the engine by reloading a changed configuration (their routes are not in the plan's diff).
      const reloaded = record.bgp === undefined ? [] : await reconfigureSpeakers(record.bgp, edges);
      if (reloaded.length > 0) writeRecord(this.recordFile, { ...(readRecord(this.recordFile) ?? record), bgp: record.bgp });
      if (isEmptyDiff(diff)) {
        await this.cutLinks(next, this.tools.tc);
        if (reloaded.length > 0) this.syncStatus = { ...this.syncStatus, syncs: this.syncStatus.syncs + 1, lastAt: new Date().toISOString(), lastMs: Math.round(performance.now() - t0), bgpReloaded: reloaded };
        return reloaded;
      }
      // The tools `up` found: the prerequisites do not change while the data plane is up.
      const { counts } = await applyDiff(diff, applied.plan, next, record, this.tools, this.recordFile, applied.links.means);
      this.applied = { ...applied, plan: next };
      await this.cutLinks(next, this.tools.tc);
      this.syncStatus = { syncs: this.syncStatus.syncs + 1, lastAt: new Date().toISOString(), lastMs: Math.round(performance.now() - t0), last: counts, ...(reloaded.length > 0 ? { bgpReloaded: reloaded } : {}) };
      return [...new Set([...reroutedNamespaces(diff), ...reloaded])];
    } catch (err) {
      // The kernel may hold part of the change: the next commit recompiles and diffs against what was applied before.
      this.syncStatus = { ...this.syncStatus, lastError: err instanceof Error ? err.message : String(err) };
      return [];
    } finally {
      const waiters = this.syncWaiters;
      this.syncWaiters = [];
      for (const w of waiters) w(this.syncStatus);
    }
  }

  /** Resolves when the next sync has run (the benchmark times commit → kernel with it). */
  nextSync(): Promise<SyncStatus> {
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  /** The status with every link's rate, drill state and kernel counters (`counters: false`: the links without reading them). */
  async statusWithLinks(opts: { counters?: boolean } = {}): Promise<DataplaneStatus> {
    const status = this.statusNow();
    const applied = this.applied;
    if (status.state === 'down') return { ...status, unavailable: machineMisses().missing };
    if (!applied || status.state !== 'up') return status;
    // The delay column from the record (how each link's delay is made), checked against the kernel's qdiscs where they were read.
    const recorded = (resourceId: string) => status.delays.find((x) => x.resourceId === resourceId);
    if (opts.counters === false) {
      const links = linkStatusesFrom(applied.plan, this.linksDown, new Map(), (id) => delayText(recorded(id)), new Date());
      return { ...status, interconnectLinks: links.interconnect, otherLinks: links.other };
    }
    const delayOf = (id: string, ends: readonly LinkEndStatus[]) => delayText(recorded(id), ends);
    const [links, bgp] = await Promise.all([linkStatuses(applied.plan, this.linksDown, this.tools, delayOf), readBgpStatus(readRecord(this.recordFile)?.bgp, this.tools.ip)]);
    return { ...status, interconnectLinks: links.interconnect, otherLinks: links.other, countersAt: links.countersAt, bgp: { ...bgp, ...(this.live?.describe() ?? { viewsSource: 'engine' }) } };
  }

  /** What the daemons say now (BGP on the wire; `engine` without it), without reading the links. */
  bgpStatus(): Promise<BgpStatus> {
    return readBgpStatus(this.applied ? readRecord(this.recordFile)?.bgp : undefined, this.tools.ip);
  }

  /** The links' kernel counters while a plan is applied (the metrics' kernel traffic, metrics/kernel-traffic.ts); undefined while down. */
  async linkCounters(): Promise<LinkStatuses | undefined> {
    const applied = this.applied;
    return applied === undefined ? undefined : linkStatuses(applied.plan, this.linksDown, this.tools, () => '');
  }

  /** The clouds' views compute from the engine again. */
  private async stopLive(): Promise<void> {
    const live = this.live;
    this.live = undefined;
    await live?.stop();
  }

  /**
   * Follows the engine after a drill started or stopped, before the drill's answer: the sync runs now
   * (the routes the drill changed, as a diff) and cuts or restores the drilled links. Nothing when it is down.
   */
  followDrills(): Promise<FollowReport> {
    return this.serial(async () => {
      const rerouted = await this.syncNow();
      return { linksDown: [...this.linksDown], rerouted };
    });
  }

  /**
   * A bounded capture (tcpdump in the target's namespace, `timeout` ends it) answered as pcap bytes:
   * the admin API's form of `fastroute capture`, for a client on another machine. 404 for an unknown target.
   */
  async capture(target: string, seconds: number, interconnect?: string): Promise<Buffer> {
    // Where the links are, not their counters: tcpdump starts without waiting for a read.
    const status = await this.statusWithLinks({ counters: false });
    let t;
    try {
      t = captureTarget(status, target, interconnect);
    } catch (err) {
      throw fastroute.notFound(err instanceof Error ? err.message : String(err));
    }
    const tcpdump = findTool('tcpdump');
    if (tcpdump === undefined) throw prerequisitesError([{ what: 'the tcpdump command', fix: 'apt-get install tcpdump' }]);
    const [cmd, ...args] = captureCommand(this.tools.ip, t, seconds, '-');
    return captureBytes(cmd ?? 'ip', args, (seconds + 5) * 1000);
  }

  /**
   * Makes the links that link-down drills cut drop every frame (carrier up), and gives restored ones
   * their qdisc back: one `tc -batch` per namespace whose links change.
   */
  private async cutLinks(plan: DataplanePlan, tc: string): Promise<void> {
    const down = await this.engine.read((view) => new Set(activeDrills(view).filter((d) => d.kind === 'link-down' && d.path !== undefined).map((d) => `${d.virtualCircuitId}/${d.path ?? ''}`)));
    const batches = linkStateBatches(plan, this.linksDown, down);
    if (batches.length > 0) await mustRun('sh', ['-e', '-s'], `${batches.map((b) => batchIn(tc, b.ns, b.batch)).join('\n')}\n`);
    this.linksDown = down;
  }

  /** Closing the server takes its data plane down (which removes its record). */
  async close(): Promise<void> {
    this.engine.events.off('committed', this.onCommitted);
    if (this.syncTimer !== undefined) clearTimeout(this.syncTimer);
    if (this.hasRecord) await this.down().catch(() => undefined);
  }

  private statusNow(): DataplaneStatus {
    const f = this.features;
    const shaped = this.applied?.plan.namespaces.some((n) => (n.qdiscs ?? []).length > 0) === true;
    const real = { notYet: shaped ? [] : [`link rate${f ? (f.tbf ? ' (tbf is available)' : ' (no tbf in this kernel)') : ''}`] };
    const record = this.hasRecord ? readRecord(this.recordFile) : undefined;
    if (!record) return { state: 'down', namespaces: [], links: 0, processes: 0, notMaterialised: [], delays: [], ...real, ...(this.features ? { features: this.features } : {}) };
    const alive = new Set(stillRunning(record.processes));
    const delays = record.delays.map((d) => (d.pid === undefined ? d : { ...d, running: alive.has(d.pid) }));
    const namespaces = record.namespaces.map((n) => ({ ...n, present: existsSync(`/run/netns/${n.name}`) }));
    const mine = record.ownerPid === process.pid || !ownerAlive(record);
    const state = record.ownerPid !== process.pid && mine ? 'leftovers' : record.state;
    return {
      ...(this.applied ? { sync: this.syncStatus } : {}),
      state, runId: record.runId, createdAt: record.createdAt, ...(record.lab === undefined ? {} : { lab: record.lab }),
      namespaces, links: record.links, processes: processesIn(namespaces.filter((n) => n.present).map((n) => n.name)).length,
      notMaterialised: record.notMaterialised, delays, ...real, ...(this.features ? { features: this.features } : {}),
    };
  }

  /** A run id no namespace on this machine uses yet (two FastRoutes never share one). */
  private freshRunId(): string {
    const taken = listNetns();
    for (;;) {
      const id = newRunId();
      if (!taken.some((n) => n.startsWith(`${NAMESPACE_PREFIX}${id}-`))) return id;
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** What `up` chose for the links, kept for every sync: the delay on or off, tbf present, and how delay is made. */
interface LinkOptions {
  delay: boolean;
  tbf: boolean;
  means: DelayMeans;
}

/**
 * The plan as this machine and `up` have it: without delays when off, without qdiscs without tbf
 * (status then says not shaped), with netem on the delayed links' ends where the kernel has it.
 */
function withLinkOptions(plan: DataplanePlan, o: LinkOptions): DataplanePlan {
  if (!o.delay) for (const l of plan.links) delete l.delay;
  if (!o.tbf) for (const ns of plan.namespaces) delete ns.qdiscs;
  return o.means.netem ? withNetem(plan) : plan;
}

const toolsOf = (found: Record<string, string>) => ({ ip: found.ip ?? 'ip', sysctl: found.sysctl ?? 'sysctl', nft: found.nft ?? 'nft', tc: found.tc ?? 'tc' });

/** The lab's scope, or one holding nothing once the lab is torn down (its namespaces then go). */
function labScopeOrNone(view: Parameters<typeof labOwnership>[0], lab: string): CompileScope {
  return labNames(view).includes(lab) ? labScope(view, lab) : { vcn: () => false, vnet: () => false };
}

function listNetns(): string[] {
  try {
    return readdirSync('/run/netns');
  } catch {
    return [];
  }
}

function labScope(view: Parameters<typeof labOwnership>[0], lab: string): CompileScope {
  if (!labNames(view).includes(lab)) throw fastroute.notFound(`no lab named ${lab} is up (fastroute up labs/${lab}.yaml brings it up)`);
  const own = labOwnership(view, lab);
  return {
    vcn: (id) => own.vcnIds.has(id),
    vnet: (id) => {
      const vnet = view.get('azure.VirtualNetwork', id);
      return vnet !== undefined && own.arm(vnet);
    },
  };
}
