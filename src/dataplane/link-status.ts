// What `status` says about each interconnect link: the rate the model configures, whether the
// kernel really enforces it (the root qdisc read back with `tc -j qdisc`), the delay mechanism, a
// drill's silent drop, and the byte/packet counters of both ends (`ip -s -j link`).
import { interconnectLinks } from './follow-drills.ts';
import type { DataplanePlan } from './plan.ts';
import { runTool } from './run.ts';

export interface LinkEndStatus {
  ns: string;
  dev: string;
  /** The root qdisc the kernel reports (tbf, pfifo during a link-down drill, noqueue). */
  qdisc: string;
  /** The rate the kernel's tbf enforces, Mbit/s (absent without tbf). */
  kernelRateMbit?: number;
  rxBytes: number;
  rxPackets: number;
  txBytes: number;
  txPackets: number;
  /** Frames the root qdisc dropped (a link-down drill's drops show here). */
  drops: number;
}

export interface InterconnectLinkStatus {
  /** `<virtual circuit id>/<primary|secondary>`. */
  resourceId: string;
  path: 'primary' | 'secondary';
  /** The Oracle edge's end first, Microsoft's second. */
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

interface IpLinkJson { stats64?: { rx?: { bytes?: number; packets?: number }; tx?: { bytes?: number; packets?: number } } }
interface TcQdiscJson { kind?: string; root?: boolean; drops?: number; options?: { rate?: number } }

function parseJson<T>(text: string): T[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

async function endStatus(tools: { ip: string; tc: string }, ns: string, dev: string): Promise<LinkEndStatus> {
  const [link, qdisc] = await Promise.all([
    runTool(tools.ip, ['-n', ns, '-s', '-j', 'link', 'show', 'dev', dev], undefined, 5000),
    runTool(tools.tc, ['-n', ns, '-s', '-j', 'qdisc', 'show', 'dev', dev], undefined, 5000),
  ]);
  const stats = parseJson<IpLinkJson>(link.stdout)[0]?.stats64;
  const root = parseJson<TcQdiscJson>(qdisc.stdout).find((q) => q.root === true);
  // tc reports a tbf rate in bytes per second.
  const rate = root?.kind === 'tbf' && root.options?.rate !== undefined ? Math.round((root.options.rate * 8) / 1e6) : undefined;
  return {
    ns, dev, qdisc: root?.kind ?? 'noqueue', ...(rate === undefined ? {} : { kernelRateMbit: rate }),
    rxBytes: stats?.rx?.bytes ?? 0, rxPackets: stats?.rx?.packets ?? 0, txBytes: stats?.tx?.bytes ?? 0, txPackets: stats?.tx?.packets ?? 0, drops: root?.drops ?? 0,
  };
}

export async function interconnectLinkStatus(plan: DataplanePlan, down: ReadonlySet<string>, tools: { ip: string; tc: string }, delayOf: (resourceId: string) => string): Promise<InterconnectLinkStatus[]> {
  return Promise.all(interconnectLinks(plan).map(async (link) => {
    const ends = await Promise.all([link.a, link.b].map((e) => endStatus(tools, e.ns, e.dev)));
    const q = plan.namespaces.find((n) => n.name === link.a.ns)?.qdiscs?.find((x) => x.dev === link.a.dev);
    const isDown = down.has(link.resourceId);
    const real = q !== undefined && (isDown || ends.every((e) => e.kernelRateMbit === q.rateMbit));
    return {
      resourceId: link.resourceId, path: link.kind === 'interconnect-primary' ? 'primary' : 'secondary', ends,
      ...(q ? { configuredMbit: q.rateMbit, rateFrom: q.why } : {}), rate: real ? 'real (tbf)' : 'not shaped', delay: delayOf(link.resourceId), down: isDown,
    } satisfies InterconnectLinkStatus;
  }));
}
