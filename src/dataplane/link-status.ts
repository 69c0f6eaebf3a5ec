// What `status` says about each link of the data plane: the rate the model configures, whether the
// kernel really enforces it (the qdiscs read back with `tc -j qdisc`: a tbf at the root, or under
// netem), which mechanism gives the delay and whether the kernel holds it (netem read back; the
// userspace link's helper running), a drill's silent drop, and the kernel's counters of both ends
// (link-counters.ts: one `sh` for the whole read, one `ip` per namespace). The interconnect links
// come first, keyed by their path.
import { interconnectLinks } from './follow-drills.ts';
import { countersScript, endCounters, parseCounters, type LinkEndCounters, type NamespaceCounters } from './link-counters.ts';
import type { RecordedDelay } from './link-delay.ts';
import type { DataplanePlan, PlanLink } from './plan.ts';
import { shapedDevices } from './qdisc-layout.ts';
import { runTool } from './run.ts';

export type LinkEndStatus = LinkEndCounters;

export interface LinkStatus {
  kind: PlanLink['kind'];
  /** The resource the link stands for (a VNIC, a NIC, an attachment; an interconnect link: `<virtual circuit id>/<path>`). */
  resourceId: string;
  /** The plan's `a` end first (the Oracle edge's on an interconnect link, the VM's on a VNIC or NIC). */
  ends: LinkEndStatus[];
  configuredMbit?: number;
  /** Where the configured rate comes from in the model. */
  rateFrom?: string;
  /** real: tbf at both ends enforces the configured rate; not shaped: nothing limits it. */
  rate: 'real (tbf)' | 'not shaped';
  /** How its one-way delay is made and whether the kernel holds it (delayText), e.g. "1 ms each way (userspace-link)". */
  delay: string;
  /** A link-down drill drops every frame on it (carrier up). */
  down: boolean;
}

export interface InterconnectLinkStatus extends LinkStatus {
  path: 'primary' | 'secondary';
}

export interface LinkStatuses {
  interconnect: InterconnectLinkStatus[];
  other: LinkStatus[];
  /** When the kernel's counters were read. */
  countersAt: string;
}

/** The delay column of a link, given its ends as read (delayText does it from the record's delays). */
export type DelayOf = (resourceId: string, ends: readonly LinkEndStatus[]) => string;

/**
 * The delay column, honest about the mechanism: the record says how the delay is made; for netem the
 * kernel must hold it at both ends (read back), for the userspace link its helper must run. `ends`
 * undefined: the kernel was not read, the record alone speaks. Pure.
 */
export function delayText(d: (RecordedDelay & { running?: boolean }) | undefined, ends?: readonly Pick<LinkEndStatus, 'kernelDelayUs' | 'layout'>[]): string {
  if (d === undefined) return 'none';
  const head = `${d.oneWayUs / 1000} ms each way`;
  if (d.mechanism === 'netem' && ends !== undefined) {
    const missing = ends.filter((e) => e.kernelDelayUs !== d.oneWayUs);
    return missing.length === 0 ? `${head} (netem)` : `${head} (netem: NOT in the kernel, ${missing.map((e) => e.layout).join(' / ')})`;
  }
  if (d.mechanism === 'userspace-link' && d.running === false) return `${head} (userspace-link: helper NOT running)`;
  return `${head} (${d.mechanism})`;
}

/** Bounds the whole read: a status must answer even if a tool hangs. */
const READ_TIMEOUT_MS = 5000;

/** Reads the kernel's counters of every link of the plan (one `sh`), then assembles the statuses. */
export async function linkStatuses(plan: DataplanePlan, down: ReadonlySet<string>, tools: { ip: string; tc: string }, delayOf: DelayOf): Promise<LinkStatuses> {
  // tc where qdiscs can be: the plan's shaped namespaces (tbf, netem), and the ends of links a drill cuts.
  const withQdisc = new Set(plan.namespaces.filter((n) => shapedDevices(n).length > 0).map((n) => n.name));
  for (const l of interconnectLinks(plan)) if (down.has(l.resourceId)) for (const e of [l.a, l.b]) withQdisc.add(e.ns);
  const script = countersScript(tools, plan.namespaces.map((n) => ({ name: n.name, qdiscs: withQdisc.has(n.name) })));
  const read = await runTool('sh', ['-s'], script, READ_TIMEOUT_MS);
  return linkStatusesFrom(plan, down, parseCounters(read.stdout), delayOf, new Date());
}

/**
 * The statuses from counters already read (pure). Given no counters, every end reads absent with
 * zeros and no rate is confirmed: what a capture needs (where each link is) without the read's processes.
 */
export function linkStatusesFrom(plan: DataplanePlan, down: ReadonlySet<string>, counters: ReadonlyMap<string, NamespaceCounters>, delayOf: DelayOf, at: Date): LinkStatuses {
  const ics = new Set<PlanLink>(interconnectLinks(plan));
  const statusOf = (link: PlanLink): LinkStatus => {
    const ends = [link.a, link.b].map((e) => endCounters(counters, e.ns, e.dev));
    const q = plan.namespaces.find((n) => n.name === link.a.ns)?.qdiscs?.find((x) => x.dev === link.a.dev);
    const isDown = down.has(link.resourceId);
    const real = q !== undefined && (isDown || ends.every((e) => e.kernelRateMbit === q.rateMbit));
    return {
      kind: link.kind, resourceId: link.resourceId, ends, ...(q ? { configuredMbit: q.rateMbit, rateFrom: q.why } : {}),
      rate: real ? 'real (tbf)' : 'not shaped', delay: delayOf(link.resourceId, ends), down: isDown,
    };
  };
  return {
    interconnect: [...ics].map((l) => ({ ...statusOf(l), path: l.kind === 'interconnect-primary' ? 'primary' : 'secondary' })),
    other: plan.links.filter((l) => !ics.has(l)).map(statusOf),
    countersAt: at.toISOString(),
  };
}
