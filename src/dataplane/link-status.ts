// What `status` says about each link of the data plane: the rate the model configures, whether the
// kernel really enforces it (the root qdisc read back with `tc -j qdisc`), the delay mechanism, a
// drill's silent drop, and the kernel's counters of both ends (link-counters.ts: one `sh` for the
// whole read, one `ip` per namespace). The interconnect links come first, keyed by their path.
import { interconnectLinks } from './follow-drills.ts';
import { countersScript, endCounters, parseCounters, type LinkEndCounters, type NamespaceCounters } from './link-counters.ts';
import type { DataplanePlan, PlanLink } from './plan.ts';
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
  /** How its one-way delay is made (the record's delays: netem, the userspace link, or none), e.g. "1 ms each way (userspace-link)". */
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

/** Bounds the whole read: a status must answer even if a tool hangs. */
const READ_TIMEOUT_MS = 5000;

/** Reads the kernel's counters of every link of the plan (one `sh`), then assembles the statuses. */
export async function linkStatuses(plan: DataplanePlan, down: ReadonlySet<string>, tools: { ip: string; tc: string }, delayOf: (resourceId: string) => string): Promise<LinkStatuses> {
  // tc where a root qdisc can be: the plan's shaped namespaces, and the ends of links a drill cuts.
  const withQdisc = new Set(plan.namespaces.filter((n) => (n.qdiscs ?? []).length > 0).map((n) => n.name));
  for (const l of interconnectLinks(plan)) if (down.has(l.resourceId)) for (const e of [l.a, l.b]) withQdisc.add(e.ns);
  const script = countersScript(tools, plan.namespaces.map((n) => ({ name: n.name, qdiscs: withQdisc.has(n.name) })));
  const read = await runTool('sh', ['-s'], script, READ_TIMEOUT_MS);
  return linkStatusesFrom(plan, down, parseCounters(read.stdout), delayOf, new Date());
}

/**
 * The statuses from counters already read (pure). Given no counters, every end reads absent with
 * zeros and no rate is confirmed: what a capture needs (where each link is) without the read's processes.
 */
export function linkStatusesFrom(plan: DataplanePlan, down: ReadonlySet<string>, counters: ReadonlyMap<string, NamespaceCounters>, delayOf: (resourceId: string) => string, at: Date): LinkStatuses {
  const ics = new Set<PlanLink>(interconnectLinks(plan));
  const statusOf = (link: PlanLink): LinkStatus => {
    const ends = [link.a, link.b].map((e) => endCounters(counters, e.ns, e.dev));
    const q = plan.namespaces.find((n) => n.name === link.a.ns)?.qdiscs?.find((x) => x.dev === link.a.dev);
    const isDown = down.has(link.resourceId);
    const real = q !== undefined && (isDown || ends.every((e) => e.kernelRateMbit === q.rateMbit));
    return {
      kind: link.kind, resourceId: link.resourceId, ends, ...(q ? { configuredMbit: q.rateMbit, rateFrom: q.why } : {}),
      rate: real ? 'real (tbf)' : 'not shaped', delay: delayOf(link.resourceId), down: isDown,
    };
  };
  return {
    interconnect: [...ics].map((l) => ({ ...statusOf(l), path: l.kind === 'interconnect-primary' ? 'primary' : 'secondary' })),
    other: plan.links.filter((l) => !ics.has(l)).map(statusOf),
    countersAt: at.toISOString(),
  };
}
