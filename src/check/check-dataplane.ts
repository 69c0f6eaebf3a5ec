// `fastroute check LAB --dataplane`: the lab checked as `check` does, then brought up as a real data
// plane and every expectation probed for real (ping, or a TCP/UDP connect to a listener started in
// the destination VM's namespace), in parallel with bounds. The engine and the kernel must give the
// same verdict for every flow; a disagreement names both answers. The data plane is always taken
// down again. Only addresses held by the data plane's own VM and on-premises site namespaces are probed.
import type { Engine } from '../engine/engine.ts';
import type { Lab } from '../lab/types.ts';
import { Dataplane } from '../dataplane/service.ts';
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

/** The data plane part on an engine where the lab is up (always taken down again). */
async function agreementOn(engine: Engine, report: CheckReport): Promise<DataplaneCheck> {
  const dp = new Dataplane(engine, undefined);
  try {
    const t0 = performance.now();
    const up = await dp.up();
    const t1 = performance.now();
    const flows = await probeAll(dp, report);
    const probeMs = Math.round(performance.now() - t1);
    const agreed = flows.filter((f) => f.kernel && f.agrees).length;
    const notProbed = flows.filter((f) => !f.kernel).length;
    return {
      ...(up.status.runId === undefined ? {} : { runId: up.status.runId }),
      agreed, disagreed: flows.length - agreed - notProbed, notProbed, flows,
      notMaterialised: up.status.notMaterialised, upMs: Math.round(t1 - t0), probeMs,
    };
  } finally {
    await dp.close();
  }
}

/** `check`, plus the agreement of every expectation between the engine and real packets. */
export function checkLabDataplane(lab: Lab): Promise<DataplaneCheckReport> {
  return withPrivateEngine(async (engine) => {
    const report = await checkLabOn(engine, lab);
    if (report.findings.some((f) => f.code === LAB_REJECTED)) return report;
    const dataplane = await agreementOn(engine, report);
    return { ...report, dataplane, ok: report.ok && dataplane.disagreed === 0 };
  });
}

/** A disagreement in words: both answers. */
export function describeDisagreement(f: FlowAgreement): string {
  const engine = `engine says ${f.engine.verdict}${f.engine.verdict === 'dropped' ? ` (${f.engine.reason})` : ''} via ${f.engine.path}`;
  return `${engine}; kernel says ${f.kernel?.verdict ?? 'nothing'} (${f.kernel?.detail ?? f.notProbed ?? ''})`;
}
