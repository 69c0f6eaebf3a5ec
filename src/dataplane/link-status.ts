// What `status` says about each interconnect link: the rate the model configures, whether the
// kernel really enforces it (the qdiscs read back with `tc -j qdisc`: a tbf at the root, or under
// netem), which mechanism gives the delay and whether the kernel holds it (netem read back; the
// userspace link's helper running), a drill's silent drop, and the byte/packet counters of both
// ends (`ip -s -j link`).
import { interconnectLinks } from './follow-drills.ts';
import type { RecordedDelay } from './link-delay.ts';
import type { DataplanePlan } from './plan.ts';
import { runTool } from './run.ts';

export interface LinkEndStatus {
  ns: string;
  dev: string;
  /** The root qdisc the kernel reports (netem, tbf, pfifo during a link-down drill, noqueue). */
  qdisc: string;
  /** The device's qdiscs as the kernel holds them, root first, e.g. "netem 1: > tbf 10:" or "tbf 8001:". */
  layout: string;
  /** The rate the kernel's tbf enforces, Mbit/s (at the root or under netem; absent without tbf). */
  kernelRateMbit?: number;
  /** netem's one-way delay at the root, µs (absent without netem). */
  kernelDelayUs?: number;
  /** netem drops every frame (a link-down drill's cut where netem gives the delay). */
  netemLoss?: boolean;
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
  /** real: tbf at both ends (at the root, or netem's child) enforces the configured rate; not shaped: nothing limits it. */
  rate: 'real (tbf)' | 'not shaped';
  /**
   * How its one-way delay is made and whether it is really there, e.g. "1 ms each way (userspace-link)",
   * "1 ms each way (netem)", or "1 ms each way (netem: NOT in the kernel, …)" when the qdiscs read back lack it.
   */
  delay: string;
  /** A link-down drill drops every frame on it (carrier up). */
  down: boolean;
}

interface IpLinkJson { stats64?: { rx?: { bytes?: number; packets?: number }; tx?: { bytes?: number; packets?: number } } }
interface TcQdiscJson {
  kind?: string; handle?: string; parent?: string; root?: boolean; drops?: number;
  options?: { rate?: number; delay?: { delay?: number }; 'loss-random'?: { loss?: number } };
}

function parseJson<T>(text: string): T[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** What a device's qdiscs (tc -j) say: the root, a tbf's rate (root or netem's child), netem's delay and loss. Pure. */
export function readQdiscs(list: readonly TcQdiscJson[]): Pick<LinkEndStatus, 'qdisc' | 'layout' | 'kernelRateMbit' | 'kernelDelayUs' | 'netemLoss' | 'drops'> {
  const root = list.find((q) => q.root === true);
  const child = root?.handle === undefined ? undefined : list.find((q) => q.parent !== undefined && q.parent.startsWith(root.handle ?? '?'));
  const tbf = [root, child].find((q) => q?.kind === 'tbf');
  // tc reports a tbf rate in bytes per second, netem's delay in seconds and its loss as a fraction.
  const rate = tbf?.options?.rate === undefined ? undefined : Math.round((tbf.options.rate * 8) / 1e6);
  const netem = root?.kind === 'netem' ? root : undefined;
  const delay = netem?.options?.delay?.delay;
  const loss = netem?.options?.['loss-random']?.loss;
  return {
    qdisc: root?.kind ?? 'noqueue', layout: [root, child].filter((q) => q !== undefined).map((q) => `${q.kind ?? '?'} ${q.handle ?? ''}`.trim()).join(' > ') || 'noqueue',
    ...(rate === undefined ? {} : { kernelRateMbit: rate }), ...(delay === undefined ? {} : { kernelDelayUs: Math.round(delay * 1e6) }),
    ...(netem ? { netemLoss: loss !== undefined && (loss >= 0.999 && loss <= 1 || loss >= 99.9) } : {}), drops: root?.drops ?? 0,
  };
}

async function endStatus(tools: { ip: string; tc: string }, ns: string, dev: string): Promise<LinkEndStatus> {
  const [link, qdisc] = await Promise.all([
    runTool(tools.ip, ['-n', ns, '-s', '-j', 'link', 'show', 'dev', dev], undefined, 5000),
    runTool(tools.tc, ['-n', ns, '-s', '-j', 'qdisc', 'show', 'dev', dev], undefined, 5000),
  ]);
  const stats = parseJson<IpLinkJson>(link.stdout)[0]?.stats64;
  return {
    ns, dev, ...readQdiscs(parseJson<TcQdiscJson>(qdisc.stdout)),
    rxBytes: stats?.rx?.bytes ?? 0, rxPackets: stats?.rx?.packets ?? 0, txBytes: stats?.tx?.bytes ?? 0, txPackets: stats?.tx?.packets ?? 0,
  };
}

/**
 * The delay column, honest about the mechanism: the record says how the delay is made; for netem the
 * kernel must hold it at both ends (read back), for the userspace link its helper must run. Pure.
 */
export function delayText(d: (RecordedDelay & { running?: boolean }) | undefined, ends: readonly Pick<LinkEndStatus, 'kernelDelayUs' | 'layout'>[]): string {
  if (d === undefined) return 'none';
  const head = `${d.oneWayUs / 1000} ms each way`;
  if (d.mechanism === 'netem') {
    const missing = ends.filter((e) => e.kernelDelayUs !== d.oneWayUs);
    return missing.length === 0 ? `${head} (netem)` : `${head} (netem: NOT in the kernel, ${missing.map((e) => e.layout).join(' / ')})`;
  }
  if (d.mechanism === 'userspace-link' && d.running === false) return `${head} (userspace-link: helper NOT running)`;
  return `${head} (${d.mechanism})`;
}

export async function interconnectLinkStatus(plan: DataplanePlan, down: ReadonlySet<string>, tools: { ip: string; tc: string }, delayOf: (resourceId: string) => (RecordedDelay & { running?: boolean }) | undefined): Promise<InterconnectLinkStatus[]> {
  return Promise.all(interconnectLinks(plan).map(async (link) => {
    const ends = await Promise.all([link.a, link.b].map((e) => endStatus(tools, e.ns, e.dev)));
    const q = plan.namespaces.find((n) => n.name === link.a.ns)?.qdiscs?.find((x) => x.dev === link.a.dev);
    const isDown = down.has(link.resourceId);
    const real = q !== undefined && (isDown || ends.every((e) => e.kernelRateMbit === q.rateMbit));
    return {
      resourceId: link.resourceId, path: link.kind === 'interconnect-primary' ? 'primary' : 'secondary', ends,
      ...(q ? { configuredMbit: q.rateMbit, rateFrom: q.why } : {}), rate: real ? 'real (tbf)' : 'not shaped', delay: delayText(delayOf(link.resourceId), ends), down: isDown,
    } satisfies InterconnectLinkStatus;
  }));
}
