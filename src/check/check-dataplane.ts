// `fastroute check LAB --dataplane`: the lab checked as `check` does, then brought up as a real data
// plane and every expectation probed for real (ping, or a TCP/UDP connect to a listener started in
// the destination VM's namespace), in parallel with bounds. The engine and the kernel must give the
// same verdict for every flow; a disagreement names both answers. The data plane is always taken
// down again. Only addresses held by the data plane's own VM and on-premises site namespaces are probed.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine } from '../engine/engine.ts';
import type { Lab } from '../lab/types.ts';
import { Dataplane } from '../dataplane/service.ts';
import type { BgpOptions } from '../dataplane/bgp-model.ts';
import { bgpConverged, type BgpStatus } from '../dataplane/bgp-status.ts';
import { compileDataplane } from '../dataplane/compile.ts';
import { compareBgp, expectedKernels, expectedSessions, type BgpAgreement } from './bgp-agreement.ts';
import { boundedParallel, holdersOf, probeFlow, type ProbeAnswer } from '../dataplane/flow-probe.ts';
import type { Hop } from '../trace/types.ts';
import { checkLabOn, withPrivateEngine } from './check.ts';
import { LAB_REJECTED } from './codes.ts';
import type { CheckReport, ExpectationResult } from './types.ts';

export interface FlowAgreement {
  name: string;
  from: string;
  to: string;
  protocol: string;
  port?: number;
  engine: { verdict: 'delivered' | 'dropped'; reason: string; path: string };
  /** What the kernel did; absent when the flow was not probed (see `notProbed`). */
  kernel?: ProbeAnswer;
  notProbed?: string;
  agrees: boolean;
}

export interface DataplaneCheck {
  runId?: string;
  agreed: number;
  disagreed: number;
  notProbed: number;
  flows: FlowAgreement[];
  /** What the engine has that the data plane does not build (a disagreement there is expected to name it). */
  notMaterialised: { resourceId: string; what: string }[];
  upMs: number;
  probeMs: number;
  /** With BGP on the wire (`--bgp`): the daemons' tables and kernel routes against the engine's, per session and router. */
  bgp?: BgpAgreement & { convergeMs: number };
}

export type DataplaneCheckReport = CheckReport & { dataplane?: DataplaneCheck };

/** Parallel probes at most (each namespace's listener ports are serialised). */
const PARALLEL = 8;

const hopName = (h: Hop): string => h.name ?? h.resource.split(/[/.]/).pop() ?? h.kind;

/** The engine's answer in words: the verdict, its reason, and the hops the request took. */
function enginePath(e: ExpectationResult): string {
  const hops = e.trace.hops.filter((h, i, all) => i === 0 || hopName(h) !== hopName(all[i - 1] as Hop));
  return hops.map((h) => `${hopName(h)}${h.decision === 'drop' ? ' ✗' : ''}`).join(' → ');
}

function agreementOf(e: ExpectationResult, kernel: ProbeAnswer | undefined, notProbed: string | undefined): FlowAgreement {
  return {
    name: e.name, from: e.from, to: e.to, protocol: e.protocol, ...(e.port === undefined ? {} : { port: e.port }),
    engine: { verdict: e.actual, reason: e.reason, path: enginePath(e) },
    ...(kernel ? { kernel } : {}), ...(notProbed === undefined ? {} : { notProbed }),
    agrees: kernel === undefined || kernel.verdict === e.actual,
  };
}

async function probeAll(dp: Dataplane, report: CheckReport): Promise<FlowAgreement[]> {
  // VMs and on-premises sites ("onprem:<site>", or any address of its prefixes) are probed.
  const hosts = dp.status().namespaces.filter((n) => n.role === 'vm' || n.role === 'on-premises');
  const holder = await holdersOf(hosts.map((n) => n.name));
  const nsOf = (endpoint: string, ip: string): string | undefined => hosts.find((n) => (n.role === 'vm' ? n.resourceName : `onprem:${n.resourceName}`) === endpoint)?.name ?? holder(ip);
  const jobs = report.expectations.map((e, i) => {
    const { src, dst } = e.trace.flow;
    const fromNs = nsOf(e.from, src);
    const toNs = nsOf(e.to, dst);
    const held = toNs !== undefined && holder(dst) === toNs && fromNs !== undefined && holder(src) === fromNs;
    if (!held) {
      const why = `${fromNs === undefined ? e.from : e.to} is not an address of a VM or an on-premises site in the data plane (probes stay inside its namespaces)`;
      return { key: `skip${i}`, run: () => Promise.resolve(agreementOf(e, undefined, why)) };
    }
    const protocol = e.protocol as 'icmp' | 'tcp' | 'udp';
    const key = protocol === 'icmp' ? `icmp${i}` : `${toNs}|${protocol}|${e.port ?? 0}`;
    return { key, run: async () => agreementOf(e, await probeFlow({ fromNs, toNs, src, dst, protocol, ...(e.port === undefined ? {} : { port: e.port }) }), undefined) };
  });
  return boundedParallel(jobs, PARALLEL);
}

/** How long the check waits for the daemons to converge before comparing (a lab converges in seconds: docs/bgp.md). */
const CONVERGE_WITHIN_MS = 45_000;
const CONVERGE_POLL_MS = 500;

/** After convergence, how long a difference may take to settle (zebra installs a multipath route's second hop a moment later). */
const SETTLE_WITHIN_MS = 10_000;

/**
 * Waits (bounded) for the daemons to converge, then compares their tables and kernel routes with the
 * engine's; a difference is read again until it settles or the bound runs out (only a lasting one counts).
 */
export async function bgpAgreementOn(engine: Engine, dp: Dataplane, runId: string): Promise<BgpAgreement & { convergeMs: number }> {
  const t0 = performance.now();
  let status: BgpStatus | undefined;
  let converged = false;
  while (performance.now() - t0 < CONVERGE_WITHIN_MS) {
    status = await dp.bgpStatus();
    // No speaker (the lab's interconnect is not built in the data plane): nothing to wait for, nothing to compare.
    converged = status.speakers.length === 0 || bgpConverged(status);
    if (converged) break;
    await sleep(CONVERGE_POLL_MS);
  }
  const convergeMs = Math.round(performance.now() - t0);
  const t1 = performance.now();
  let result = await compareNow(engine, dp, runId, status, converged);
  while (result.differences > 0 && performance.now() - t1 < SETTLE_WITHIN_MS) {
    await sleep(CONVERGE_POLL_MS);
    result = await compareNow(engine, dp, runId, await dp.bgpStatus(), converged);
  }
  return { ...result, convergeMs };
}

function compareNow(engine: Engine, dp: Dataplane, runId: string, status: BgpStatus | undefined, converged: boolean): Promise<BgpAgreement> {
  const live = status ?? { source: 'engine' as const, speakers: [] };
  return engine.read((view) => {
    // The engine's routes as the data plane installs them without BGP: the ones the daemons must have installed.
    const plan = compileDataplane(engine.routing, { runId, bgp: false });
    const namespaces = dp.status().namespaces;
    const sites = view.list('fr.OnPremisesSite');
    const siteIdOf = (nsOrLabel: string): string | undefined => {
      const ns = namespaces.find((n) => n.role === 'on-premises' && (n.name === nsOrLabel || n.name.endsWith(`-${nsOrLabel}`)));
      return ns === undefined ? undefined : sites.find((x) => x.id === ns.resourceId)?.id;
    };
    return compareBgp(live, expectedSessions(engine.routing, live, siteIdOf), expectedKernels(plan, live), converged);
  });
}

/** The data plane part on an engine where the lab is up (always taken down again). */
async function agreementOn(engine: Engine, report: CheckReport, bgpOpts: Partial<BgpOptions> | undefined): Promise<DataplaneCheck> {
  const dp = new Dataplane(engine, undefined);
  try {
    const t0 = performance.now();
    const up = await dp.up(bgpOpts === undefined ? {} : { bgp: bgpOpts });
    const bgp = bgpOpts === undefined ? undefined : await bgpAgreementOn(engine, dp, up.status.runId ?? '');
    const t1 = performance.now();
    const flows = await probeAll(dp, report);
    const probeMs = Math.round(performance.now() - t1);
    const agreed = flows.filter((f) => f.kernel && f.agrees).length;
    const notProbed = flows.filter((f) => !f.kernel).length;
    return {
      ...(up.status.runId === undefined ? {} : { runId: up.status.runId }),
      agreed, disagreed: flows.length - agreed - notProbed, notProbed, flows,
      notMaterialised: up.status.notMaterialised, upMs: Math.round(t1 - t0), probeMs, ...(bgp === undefined ? {} : { bgp }),
    };
  } finally {
    await dp.close();
  }
}

/**
 * `check`, plus the agreement of every expectation between the engine and real packets; with `bgp`
 * (BGP on the wire, docs/bgp.md), also of every session's routes and every router's installed routes.
 */
export function checkLabDataplane(lab: Lab, opts: { bgp?: Partial<BgpOptions> } = {}): Promise<DataplaneCheckReport> {
  return withPrivateEngine(async (engine) => {
    const report = await checkLabOn(engine, lab);
    if (report.findings.some((f) => f.code === LAB_REJECTED)) return report;
    const dataplane = await agreementOn(engine, report, opts.bgp);
    return { ...report, dataplane, ok: report.ok && dataplane.disagreed === 0 && (dataplane.bgp?.differences ?? 0) === 0 };
  });
}

/** A disagreement in words: both answers. */
export function describeDisagreement(f: FlowAgreement): string {
  const engine = `engine says ${f.engine.verdict}${f.engine.verdict === 'dropped' ? ` (${f.engine.reason})` : ''} via ${f.engine.path}`;
  return `${engine}; kernel says ${f.kernel?.verdict ?? 'nothing'} (${f.kernel?.detail ?? f.notProbed ?? ''})`;
}
