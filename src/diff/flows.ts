// The flows a diff asks about: ICMP echo, and for TCP and UDP the ports any security rule of either
// world mentions (each range's first and last port), grouped into port classes: ports that every
// rule treats alike (inside the same ranges) get the same verdict, so one walk answers for them all.
import type { ReadView } from '../model/world.ts';

export interface FlowKind {
  protocol: 'icmp' | 'tcp' | 'udp';
  /** The port walked (the class's lowest); absent for ICMP. */
  port?: number;
  /** Every mentioned port of the class (the walked one first). */
  ports: number[];
}

type Range = readonly [number, number];
type L4 = 'tcp' | 'udp';

const OCI_PROTOCOLS: Record<string, L4[]> = { all: ['tcp', 'udp'], '6': ['tcp'], '17': ['udp'] };
const AZURE_PROTOCOLS: Record<string, L4[]> = { '*': ['tcp', 'udp'], Tcp: ['tcp'], Udp: ['udp'] };

function azureRange(text: string): Range | undefined {
  if (text === '*' || text === '') return undefined;
  const [lo, hi] = text.split('-').map((x) => Number(x));
  if (lo === undefined || !Number.isInteger(lo)) return undefined;
  return [lo, hi !== undefined && Number.isInteger(hi) ? hi : lo];
}

/** Every destination port range a security rule of `view` names, per protocol. */
export function ruleRanges(view: ReadView): Ranges {
  const out: Ranges = { tcp: [], udp: [] };
  const oci = (rule: { protocol: string; tcpOptions?: { destinationPortRange?: { min: number; max: number } }; udpOptions?: { destinationPortRange?: { min: number; max: number } } }) => {
    for (const p of OCI_PROTOCOLS[rule.protocol] ?? []) {
      const r = (p === 'tcp' ? rule.tcpOptions : rule.udpOptions)?.destinationPortRange;
      if (r) out[p].push([r.min, r.max]);
    }
  };
  for (const sl of view.list('oci.SecurityList')) {
    for (const x of sl.ingressSecurityRules) oci(x);
    for (const x of sl.egressSecurityRules) oci(x);
  }
  for (const x of view.list('oci.NsgSecurityRule')) oci(x);
  for (const x of view.list('azure.SecurityRule')) {
    const p = x.properties;
    for (const proto of AZURE_PROTOCOLS[p.protocol] ?? []) {
      for (const text of [p.destinationPortRange ?? '', ...p.destinationPortRanges]) {
        const r = azureRange(text);
        if (r) out[proto].push(r);
      }
    }
  }
  // ~20,000 rules name a few hundred distinct ranges.
  const unique = (list: Range[]) => [...new Map(list.map((r) => [`${r[0]}-${r[1]}`, r])).values()];
  return { tcp: unique(out.tcp), udp: unique(out.udp) };
}

export type Ranges = Record<L4, Range[]>;

const signatureOf = (ranges: readonly Range[], port: number): string => ranges.map((r, i) => (port >= r[0] && port <= r[1] ? i : -1)).filter((i) => i >= 0).join(',');

/** `ports` grouped by which of `ranges` hold them (the lowest port first in each group). */
function classesOf(ranges: readonly Range[], ports: readonly number[]): number[][] {
  const classes = new Map<string, number[]>();
  for (const port of [...new Set(ports)].sort((a, b) => a - b)) {
    const signature = signatureOf(ranges, port);
    const members = classes.get(signature);
    if (members) members.push(port);
    else classes.set(signature, [port]);
  }
  return [...classes.values()];
}

const mentioned = (ranges: readonly Range[]) => ranges.flatMap((r) => [r[0], r[1]]);

/** ICMP, then per protocol the classes of the ports the ranges mention. */
export function flowKinds(all: readonly Ranges[]): FlowKind[] {
  const kinds: FlowKind[] = [{ protocol: 'icmp', ports: [] }];
  for (const protocol of ['tcp', 'udp'] as const) {
    const ranges = all.flatMap((r) => r[protocol]);
    for (const members of classesOf(ranges, mentioned(ranges))) kinds.push({ protocol, port: members[0] ?? 0, ports: members });
  }
  return kinds;
}

const PORT_KEYS = new Set(['destinationPortRange', 'destinationPortRanges', 'destinationPorts', 'ports']);

function rangesIn(value: unknown, out: Range[]): void {
  if (typeof value === 'string') {
    for (const part of value.split(',')) {
      const r = azureRange(part.trim());
      if (r) out.push(r);
    }
  } else if (typeof value === 'number') out.push([value, value]);
  else if (Array.isArray(value)) for (const v of value) rangesIn(v, out);
  else if (typeof value === 'object' && value !== null) {
    const { min, max } = value as { min?: unknown; max?: unknown };
    if (typeof min === 'number' && typeof max === 'number') out.push([min, max]);
  }
}

/**
 * Every port range a change could add (API operation bodies, or a lab): any destination-port field
 * anywhere in it, for TCP and UDP alike. A superset is enough: it tells which ports to walk before
 * the change is applied (one engine serves both sides, so the before world is gone by then).
 */
export function changeRanges(change: unknown): Ranges {
  const found: Range[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 32 || typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (PORT_KEYS.has(k)) rangesIn(x, found);
      else visit(x, depth + 1);
    }
  };
  visit(change, 0);
  return { tcp: found, udp: [...found] };
}

export function mergeRanges(a: Ranges, b: Ranges): Ranges {
  return { tcp: [...a.tcp, ...b.tcp], udp: [...a.udp, ...b.udp] };
}

/** The index in `kinds` (flowKinds of these ranges and more) of the kind whose answer on the world of `ranges` is `k`'s. */
export function kindFor(kinds: readonly FlowKind[], ranges: Ranges, k: FlowKind): number {
  if (k.protocol === 'icmp') return kinds.findIndex((x) => x.protocol === 'icmp');
  const list = ranges[k.protocol];
  const want = signatureOf(list, k.port ?? 0);
  return kinds.findIndex((x) => x.protocol === k.protocol && signatureOf(list, x.port ?? 0) === want);
}

export function flowLabel(k: FlowKind): string {
  if (k.protocol === 'icmp') return 'icmp';
  return `${k.protocol}/${k.ports.join(',')}`;
}
