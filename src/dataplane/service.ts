// One FastRoute's data plane: up (probe, compile from the engine, apply), down, status, and reaping
// a crashed run's leftovers at start. Operations run one at a time. The record lives in the data
// directory (an in-memory server keeps it in a private temp directory for its lifetime).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Engine } from '../engine/engine.ts';
import { labOwnership } from '../lab/ownership.ts';
import { CloudError, fastroute } from '../model/errors.ts';
import { labNames } from '../lab/apply.ts';
import { applyPlan, ownerAlive, reapLeftovers, removeRecorded, type DownReport, type UpTimings } from './apply.ts';
import { compileDataplane } from './compile.ts';
import type { CompileScope } from './compile-context.ts';
import { newRunId, NAMESPACE_PREFIX } from './names.ts';
import { findTool, probePrerequisites, type Features } from './probe.ts';
import { captureBytes, captureCommand, captureTarget } from './capture.ts';
import { prerequisitesError } from './errors.ts';
import { readRecord, RECORD_FILE, type DataplaneRecord } from './record.ts';
import { processesIn } from './processes.ts';
import { mustRun, ToolError } from './run.ts';
import { activeDrills } from '../drills/drills.ts';
import { batchIn, type Tools } from './apply.ts';
import { linkStateBatches, rerouted } from './follow-drills.ts';
import { interconnectLinkStatus, type InterconnectLinkStatus } from './link-status.ts';
import type { DataplanePlan } from './plan.ts';

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
  features?: Features;
  /** What is real (kernel forwarding) and what is not built yet, with what this kernel offers for it. */
  notYet: string[];
  /** Per interconnect link: configured rate, real or not, delay mechanism, drill state, kernel counters (GET only). */
  interconnectLinks?: InterconnectLinkStatus[];
}

/** What the data plane did to follow the engine's drills. */
export interface FollowReport {
  /** Links dropping every frame (`<virtual circuit id>/<path>`). */
  linksDown: string[];
  /** Namespaces whose routes were replaced to match the engine. */
  rerouted: string[];
}

/** The data plane this FastRoute runs now: its plan (the routes installed), tools, scope and links cut by drills. */
interface Live {
  plan: DataplanePlan;
  tools: Tools & { tc: string };
  scope: CompileScope | undefined;
  down: Set<string>;
}

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
  private temporaryDir: string | undefined;
  private live: Live | undefined;

  constructor(private readonly engine: Engine, private readonly dataDir: string | undefined) {}

  /** Where the record lives; an in-memory server gets a private temporary directory on first use. */
  get recordFile(): string {
    if (this.dataDir !== undefined) return path.join(this.dataDir, RECORD_FILE);
    this.temporaryDir ??= mkdtempSync(path.join(tmpdir(), 'fastroute-dataplane-'));
    return path.join(this.temporaryDir, RECORD_FILE);
  }

  private get hasRecord(): boolean {
    return (this.dataDir !== undefined || this.temporaryDir !== undefined) && existsSync(this.recordFile);
  }

  /** At start: leftovers of a run killed before its `down` (nothing when there is no record). */
  reapAtStart(): Promise<(DownReport & { runId: string }) | undefined> {
    return this.serial(async () => {
      if (!this.hasRecord) return undefined;
      const probe = await probePrerequisites();
      if (!probe.ok) throw prerequisitesError(probe.missing);
      return reapLeftovers(this.recordFile, { ip: probe.tools.ip ?? 'ip' });
    });
  }

  up(opts: { lab?: string } = {}): Promise<DataplaneUpReport> {
    return this.serial(async () => {
      const t0 = performance.now();
      const probe = await probePrerequisites();
      if (!probe.ok) throw prerequisitesError(probe.missing);
      this.features = probe.features;
      const tools = { ip: probe.tools.ip ?? 'ip', sysctl: probe.tools.sysctl ?? 'sysctl', tc: probe.tools.tc ?? 'tc' };
      const probeMs = Math.round(performance.now() - t0);
      // A data plane already up is rebuilt from the current world (keeping it in step by diff comes later).
      const previous = readRecord(this.recordFile);
      let reaped: (DownReport & { runId: string }) | undefined;
      if (previous) {
        if (ownerAlive(previous)) throw fastroute.conflict(`another FastRoute (pid ${previous.ownerPid}) runs a data plane recorded in ${this.recordFile}`);
        reaped = { runId: previous.runId, ...(await removeRecorded(previous, tools, this.recordFile)) };
      }
      this.live = undefined;
      const t1 = performance.now();
      let scope: CompileScope | undefined;
      const plan = await this.engine.read((view) => {
        scope = opts.lab === undefined ? undefined : labScope(view, opts.lab);
        return compileDataplane(this.engine.routing, { runId: this.freshRunId(), ...(scope ? { scope } : {}) });
      });
      // Without tbf in the kernel the links stay unshaped, and status says so.
      if (probe.features?.tbf !== true) for (const ns of plan.namespaces) delete ns.qdiscs;
      const compileMs = Math.round(performance.now() - t1);
      try {
        const { timings } = await applyPlan(plan, tools, this.recordFile, opts.lab);
        this.live = { plan, tools, scope, down: new Set() };
        // A link-down drill already running cuts its link from the start.
        await this.followNow();
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
      if (!record) return { state: 'down', namespacesRemoved: 0, processesKilled: 0, left: [] };
      const probe = await probePrerequisites();
      if (!probe.ok) throw prerequisitesError(probe.missing);
      this.live = undefined;
      const report = await removeRecorded(record, { ip: probe.tools.ip ?? 'ip' }, this.recordFile);
      if (report.left.length > 0) throw new CloudError('fastroute', 500, 'DataplaneFailed', `namespaces still present after down: ${report.left.join(', ')}`);
      return { state: 'down', ...report };
    });
  }

  status(): DataplaneStatus {
    return this.statusNow();
  }

  /** The status with each interconnect link's rate, drill state and kernel counters. */
  async statusWithLinks(): Promise<DataplaneStatus> {
    const status = this.statusNow();
    const live = this.live;
    if (!live || status.state !== 'up') return status;
    return { ...status, interconnectLinks: await interconnectLinkStatus(live.plan, live.down, live.tools) };
  }

  /**
   * Follows the engine after a drill started or stopped: links cut by link-down drills drop every
   * frame (carrier up), restored ones get their qdisc back, and the namespaces whose computed routes
   * changed get them replaced (a diff; the data plane is not rebuilt). Nothing when it is down.
   */
  followDrills(): Promise<FollowReport> {
    return this.serial(() => this.followNow());
  }

  /**
   * A bounded capture (tcpdump in the target's namespace, `timeout` ends it) answered as pcap bytes:
   * the admin API's form of `fastroute capture`, for a client on another machine. 404 for an unknown target.
   */
  async capture(target: string, seconds: number, interconnect?: string): Promise<Buffer> {
    const status = await this.statusWithLinks();
    let t;
    try {
      t = captureTarget(status, target, interconnect);
    } catch (err) {
      throw fastroute.notFound(err instanceof Error ? err.message : String(err));
    }
    const tcpdump = findTool('tcpdump');
    if (tcpdump === undefined) throw prerequisitesError([{ what: 'the tcpdump command', fix: 'apt-get install tcpdump' }]);
    const [cmd, ...args] = captureCommand(this.live?.tools.ip ?? 'ip', t, seconds, '-');
    return captureBytes(cmd ?? 'ip', args, (seconds + 5) * 1000);
  }

  private async followNow(): Promise<FollowReport> {
    const live = this.live;
    if (!live) return { linksDown: [], rerouted: [] };
    const { next, down } = await this.engine.read((view) => ({
      next: compileDataplane(this.engine.routing, { runId: live.plan.runId, ...(live.scope ? { scope: live.scope } : {}) }),
      down: new Set(activeDrills(view).filter((d) => d.kind === 'link-down' && d.path !== undefined).map((d) => `${d.virtualCircuitId}/${d.path ?? ''}`)),
    }));
    const routes = rerouted(live.plan, next);
    const links = linkStateBatches(live.plan, live.down, down);
    const script = [...routes.map((r) => batchIn(live.tools.ip, r.ns, r.batch)), ...links.map((l) => batchIn(live.tools.tc, l.ns, l.batch))];
    if (script.length > 0) await mustRun('sh', ['-e', '-s'], `${script.join('\n')}\n`);
    for (const ns of live.plan.namespaces) ns.routes = next.namespaces.find((n) => n.name === ns.name)?.routes ?? ns.routes;
    live.down = down;
    return { linksDown: [...down], rerouted: routes.map((r) => r.ns) };
  }

  /** Closing the server takes its data plane down, and its temporary record directory. */
  async close(): Promise<void> {
    if (this.hasRecord) await this.down().catch(() => undefined);
    if (this.temporaryDir !== undefined) rmSync(this.temporaryDir, { recursive: true, force: true });
  }

  private statusNow(): DataplaneStatus {
    const f = this.features;
    const shaped = this.live?.plan.namespaces.some((n) => (n.qdiscs ?? []).length > 0) === true;
    const real = { notYet: ['security lists and NSGs (nftables)', ...(shaped ? [] : [`link rate${f ? (f.tbf ? ' (tbf is available)' : ' (no tbf in this kernel)') : ''}`]), `link delay${f ? (f.netem ? ' (netem is available)' : ' (no netem in this kernel: a userspace link will be needed)') : ''}`] };
    const record = this.hasRecord ? readRecord(this.recordFile) : undefined;
    if (!record) return { state: 'down', namespaces: [], links: 0, processes: 0, notMaterialised: [], ...real, ...(this.features ? { features: this.features } : {}) };
    const namespaces = record.namespaces.map((n) => ({ ...n, present: existsSync(`/run/netns/${n.name}`) }));
    const mine = record.ownerPid === process.pid || !ownerAlive(record);
    const state = record.ownerPid !== process.pid && mine ? 'leftovers' : record.state;
    return {
      state, runId: record.runId, createdAt: record.createdAt, ...(record.lab === undefined ? {} : { lab: record.lab }),
      namespaces, links: record.links, processes: processesIn(namespaces.filter((n) => n.present).map((n) => n.name)).length,
      notMaterialised: record.notMaterialised, ...real, ...(this.features ? { features: this.features } : {}),
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
