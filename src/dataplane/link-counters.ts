// The kernel's counters of the data plane's links, read in one go: one `sh` (a Node spawn costs far
// more than a fork from sh) running, per namespace, `ip -s -j link show` (every device's rx/tx bytes,
// packets and drops at once) and, only where the plan puts qdiscs (the interconnect edges),
// `tc -s -j qdisc show`: the tree qdisc-layout.ts builds read back (a tbf at the root or under netem,
// netem's delay and loss) and the root's drops (a tbf over its rate, a link-down drill's cut).
// Pure: the script and the parsing of its output; link-status.ts runs it. A veth's rx counters are
// its peer's tx, so both directions of a link are the two ends' rx and tx.
import { q } from './apply.ts';

/** What `ip -s -j link show` says of one device (the fields used). */
export interface IpLinkJson {
  ifname?: string;
  /** The root qdisc's kind (ip names it too; tc alone gives its counters). */
  qdisc?: string;
  operstate?: string;
  stats64?: { rx?: { bytes?: number; packets?: number; dropped?: number }; tx?: { bytes?: number; packets?: number; dropped?: number } };
}

/** What `tc -s -j qdisc show` says of one qdisc (the fields used): tbf's rate in bytes per second, netem's delay in seconds, its loss a fraction. */
export interface TcQdiscJson {
  kind?: string;
  dev?: string;
  handle?: string;
  parent?: string;
  root?: boolean;
  drops?: number;
  overlimits?: number;
  backlog?: number;
  options?: { rate?: number; delay?: { delay?: number }; 'loss-random'?: { loss?: number } };
}

export interface NamespaceCounters {
  links: IpLinkJson[];
  /** Absent when tc was not run there (no qdisc in the plan). */
  qdiscs?: TcQdiscJson[];
}

/** One end of a link as the kernel counts it. */
export interface LinkEndCounters {
  ns: string;
  dev: string;
  /** False when the device was not found (its namespace is gone, or the read failed). */
  present: boolean;
  /** The root qdisc the kernel reports (netem, tbf, pfifo during a link-down drill, noqueue). */
  qdisc: string;
  /** The device's qdiscs as the kernel holds them, root first, e.g. "netem 1: > tbf 10:" or "tbf 8001:" (the root's kind alone without tc). */
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
  /** Frames the device dropped (ip's rx/tx dropped). */
  rxDropped: number;
  txDropped: number;
  /** Frames the root qdisc dropped (over the tbf's queue, or a link-down drill's; netem counts its tbf child's). */
  drops: number;
  /** Times the tbf held a frame back for its rate (at the root or under netem; else the root's). */
  overlimits: number;
}

const MARK = '@@fastroute';

/** The sh script: a marked section per namespace and tool, a failure of one leaving the others. */
export function countersScript(tools: { ip: string; tc: string }, namespaces: readonly { name: string; qdiscs: boolean }[]): string {
  return namespaces.map((n) => [
    `echo '${MARK} ip ${n.name}'`, `${q(tools.ip)} -n ${q(n.name)} -s -j link show 2>/dev/null`,
    ...(n.qdiscs ? [`echo '${MARK} tc ${n.name}'`, `${q(tools.tc)} -n ${q(n.name)} -s -j qdisc show 2>/dev/null`] : []),
    'echo',
  ].join('\n')).join('\n').concat('\n');
}

function parseArray<T>(text: string): T[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** The script's output, per namespace. A section whose tool failed (no output) is an empty list. */
export function parseCounters(output: string): Map<string, NamespaceCounters> {
  const byNs = new Map<string, NamespaceCounters>();
  const sections = output.split(`${MARK} `).slice(1);
  for (const section of sections) {
    const nl = section.indexOf('\n');
    const [tool, ns] = (nl < 0 ? section : section.slice(0, nl)).trim().split(' ');
    if (ns === undefined || (tool !== 'ip' && tool !== 'tc')) continue;
    const body = nl < 0 ? '' : section.slice(nl + 1).trim();
    const entry = byNs.get(ns) ?? { links: [] };
    if (tool === 'ip') entry.links = parseArray<IpLinkJson>(body);
    else entry.qdiscs = parseArray<TcQdiscJson>(body);
    byNs.set(ns, entry);
  }
  return byNs;
}

/** What a device's qdiscs (tc -j, that device's only) say: the root, a tbf's rate (root or netem's child), netem's delay and loss. */
export function readQdiscs(list: readonly TcQdiscJson[]): Pick<LinkEndCounters, 'qdisc' | 'layout' | 'kernelRateMbit' | 'kernelDelayUs' | 'netemLoss' | 'drops' | 'overlimits'> {
  const root = list.find((x) => x.root === true);
  const child = root?.handle === undefined ? undefined : list.find((x) => x.parent !== undefined && x.parent.startsWith(root.handle ?? '?'));
  const tbf = [root, child].find((x) => x?.kind === 'tbf');
  const rate = tbf?.options?.rate === undefined ? undefined : Math.round((tbf.options.rate * 8) / 1e6);
  const netem = root?.kind === 'netem' ? root : undefined;
  const delay = netem?.options?.delay?.delay;
  const loss = netem?.options?.['loss-random']?.loss;
  return {
    qdisc: root?.kind ?? 'noqueue', layout: [root, child].filter((x) => x !== undefined).map((x) => `${x.kind ?? '?'} ${x.handle ?? ''}`.trim()).join(' > ') || 'noqueue',
    ...(rate === undefined ? {} : { kernelRateMbit: rate }), ...(delay === undefined ? {} : { kernelDelayUs: Math.round(delay * 1e6) }),
    // iproute2 prints the loss as a fraction (1) in JSON; older ones as a percentage.
    ...(netem ? { netemLoss: loss !== undefined && ((loss >= 0.999 && loss <= 1) || loss >= 99.9) } : {}),
    drops: root?.drops ?? 0, overlimits: (tbf ?? root)?.overlimits ?? 0,
  };
}

/** One device's counters from the parsed output (zeros and present: false when it is not there). */
export function endCounters(counters: ReadonlyMap<string, NamespaceCounters>, ns: string, dev: string): LinkEndCounters {
  const inNs = counters.get(ns);
  const link = inNs?.links.find((l) => l.ifname === dev);
  const s = link?.stats64;
  // Without tc there (no qdisc in the plan), ip still names the root's kind.
  const qdiscs = inNs?.qdiscs === undefined ? { qdisc: link?.qdisc ?? 'noqueue', layout: link?.qdisc ?? 'noqueue', drops: 0, overlimits: 0 } : readQdiscs(inNs.qdiscs.filter((x) => x.dev === dev));
  return {
    ns, dev, present: link !== undefined, ...qdiscs,
    rxBytes: s?.rx?.bytes ?? 0, rxPackets: s?.rx?.packets ?? 0, txBytes: s?.tx?.bytes ?? 0, txPackets: s?.tx?.packets ?? 0,
    rxDropped: s?.rx?.dropped ?? 0, txDropped: s?.tx?.dropped ?? 0,
  };
}
