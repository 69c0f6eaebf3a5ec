// One-way delay on the links that have one (the interconnect's primary and secondary, by their
// region pair). With netem in the kernel: a netem qdisc at the root of each end, any tbf its child
// (qdisc-layout.ts). Without it (this project's CI
// kernel): the link becomes a pair of TAP devices bridged by fr-linkemu (native/fr-linkemu.c, built
// by `npm run build`), a helper process that holds frames for the delay; Node has no setns() or
// TUNSETIFF, so it cannot be done in-process. Without netem and without the helper, the link stays
// a plain veth and status says the delay is not emulated.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { packageFile } from '../config/package-root.ts';
import type { DataplanePlan, LinkDelay, PlanLink, PlanNetem } from './plan.ts';
import { netemLimit } from './qdisc-layout.ts';
import { startTimeOf } from './processes.ts';
import type { RecordedProcess } from './record.ts';

export type DelayMechanism = 'netem' | 'userspace-link' | 'none';

/** A delayed link as recorded and shown by status. */
export interface RecordedDelay extends LinkDelay {
  resourceId: string;
  kind: PlanLink['kind'];
  mechanism: DelayMechanism;
  /** Why this mechanism (and, for none, what would make the delay real). */
  why: string;
  /** The helper's pid (userspace-link). */
  pid?: number;
}

export const LINK_EMULATOR_ENV = 'FASTROUTE_LINKEMU';
const READY_TIMEOUT_MS = 5000;

/** The built helper, or undefined when it was not built (no C compiler at install time). */
export function linkEmulatorPath(): string | undefined {
  const file = process.env[LINK_EMULATOR_ENV] ?? packageFile('native', 'build', 'fr-linkemu');
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return undefined;
  }
}

/** How the delay of every delayed link is made on this machine. */
export function chooseDelayMechanism(netem: boolean, helper: string | undefined): { mechanism: DelayMechanism; why: string } {
  if (netem) return { mechanism: 'netem', why: 'netem at the root of both ends (the rate\'s tbf, if any, is its child)' };
  if (helper) return { mechanism: 'userspace-link', why: 'no netem in this kernel: two TAP devices bridged by fr-linkemu, which holds each frame for the delay' };
  return { mechanism: 'none', why: 'no netem in this kernel and fr-linkemu is not built (install a C compiler, e.g. apt-get install gcc, then npm run build:native): the link is a plain veth without delay' };
}

export const delayedLinks = (plan: Pick<DataplanePlan, 'links'>): PlanLink[] => plan.links.filter((l) => l.delay !== undefined && l.delay.oneWayUs > 0);

/** What the record says of a delayed link: its delay and how it is made (the helper's pid is added once spawned). */
export function delayRecord(link: PlanLink, choice: { mechanism: DelayMechanism; why: string }): RecordedDelay {
  return { resourceId: link.resourceId, kind: link.kind, ...(link.delay ?? { oneWayUs: 0, rttMs: 0, pair: '', confirmed: false }), mechanism: choice.mechanism, why: choice.why };
}

/**
 * The plan with netem on both ends of each delayed link (each end delays its own direction), for a
 * machine whose kernel has netem; idempotent. Its queue limit: qdisc-layout.ts netemLimit.
 */
export function withNetem(plan: DataplanePlan): DataplanePlan {
  const ends = new Map<string, PlanNetem[]>();
  for (const l of delayedLinks(plan)) {
    for (const end of [l.a, l.b]) {
      const delayUs = l.delay?.oneWayUs ?? 0;
      ends.set(end.ns, [...(ends.get(end.ns) ?? []), { dev: end.dev, delayUs, limit: netemLimit(delayUs) }]);
    }
  }
  for (const ns of plan.namespaces) {
    const netem = ends.get(ns.name);
    if (netem) ns.netem = netem;
    else delete ns.netem;
  }
  return plan;
}

/**
 * Starts the helper for one link and resolves once both TAP devices exist. `started` runs as soon as
 * the pid is known, before the devices exist, so the record lists the helper even if `up` stops here.
 */
export function startLinkEmulator(helper: string, link: PlanLink, started: (p: RecordedProcess) => void): Promise<RecordedProcess> {
  const args = [`/run/netns/${link.a.ns}`, link.a.dev, `/run/netns/${link.b.ns}`, link.b.dev, String(link.delay?.oneWayUs ?? 0)];
  return new Promise((resolve, reject) => {
    const child = spawn(helper, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const pid = child.pid;
    let out = '';
    let err = '';
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      reject(new Error(`fr-linkemu for ${link.resourceId}: ${why}${err.trim() === '' ? '' : `: ${err.trim()}`}`));
    };
    const timer = setTimeout(() => { fail(`not ready after ${READY_TIMEOUT_MS} ms`); }, READY_TIMEOUT_MS);
    if (pid === undefined) {
      child.on('error', (e) => { fail(e.message); });
      return;
    }
    const recorded: RecordedProcess = { pid, startTime: startTimeOf(pid) ?? '', what: `fr-linkemu ${link.resourceId} (${link.a.ns}/${link.a.dev} ⇄ ${link.b.ns}/${link.b.dev})` };
    started(recorded);
    child.stderr.on('data', (d: Buffer) => { if (err.length < 4000) err += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (settled || !out.includes('ready\n')) return;
      settled = true;
      clearTimeout(timer);
      // The helper lives as long as the data plane, not as long as this promise: no handle keeps Node up.
      child.unref();
      for (const pipe of [child.stdout, child.stderr] as unknown as { unref?: () => void }[]) pipe.unref?.();
      resolve(recorded);
    });
    child.on('exit', (code, signal) => { fail(`exited (${signal ?? `code ${code ?? '?'}`}) before it was ready`); });
  });
}
