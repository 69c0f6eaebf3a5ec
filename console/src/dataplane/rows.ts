// The data plane view's rows, from GET /dataplane: one per link with its two directions (the `a`
// end's tx is what went a → b, the `b` end's tx what came back; a veth's rx is its peer's tx), the
// drops of both ends, and the throughput since the previous answer. Pure: no DOM, no fetch.
import type { DataplaneLinkStatus, DataplaneStatus } from '../api/types.ts';

type Role = DataplaneStatus['namespaces'][number]['role'];

const ROLE: Record<Role, (name: string) => string> = {
  vm: (n) => n,
  'vcn-router': (n) => `VCN ${n}`,
  drg: (n) => `DRG ${n}`,
  'oracle-edge': () => 'Oracle edge',
  msee: () => 'Microsoft edge',
  'er-gateway': (n) => `gateway ${n}`,
  'vnet-router': (n) => `VNet ${n}`,
  'on-premises': (n) => `on-premises ${n}`,
};

const KIND: Record<DataplaneLinkStatus['kind'], string> = {
  'interconnect-primary': 'interconnect primary',
  'interconnect-secondary': 'interconnect secondary',
  vnic: 'VNIC',
  nic: 'NIC',
  transit: 'attachment',
  'on-premises': 'on-premises link',
};

export interface Direction {
  bytes: number;
  packets: number;
  /** Bits per second since the previous answer (absent on the first, or when a counter went back). */
  bps?: number;
}

export interface LinkRow {
  key: string;
  kind: DataplaneLinkStatus['kind'];
  /** "interconnect primary", "VNIC", … */
  what: string;
  /** The two ends in the model's words, `a` first. */
  from: string;
  to: string;
  link: DataplaneLinkStatus;
  ab: Direction;
  ba: Direction;
  /** Frames dropped at either end: the root qdisc's and the devices'. */
  drops: number;
  /** An end the kernel no longer has (its namespace is gone). */
  missing: boolean;
}

const allLinks = (s: DataplaneStatus): DataplaneLinkStatus[] => [...(s.interconnectLinks ?? []), ...(s.otherLinks ?? [])];
const keyOf = (l: DataplaneLinkStatus): string => `${l.kind} ${l.resourceId}`;

function direction(now: { txBytes: number; txPackets: number } | undefined, before: { txBytes: number } | undefined, seconds: number | undefined): Direction {
  const bytes = now?.txBytes ?? 0;
  const d: Direction = { bytes, packets: now?.txPackets ?? 0 };
  if (before !== undefined && seconds !== undefined && seconds > 0 && bytes >= before.txBytes) d.bps = ((bytes - before.txBytes) * 8) / seconds;
  return d;
}

export function linkRows(s: DataplaneStatus, previous?: DataplaneStatus): LinkRow[] {
  const names = new Map(s.namespaces.map((n) => [n.name, ROLE[n.role](n.resourceName)]));
  const seconds = s.countersAt !== undefined && previous?.countersAt !== undefined ? (Date.parse(s.countersAt) - Date.parse(previous.countersAt)) / 1000 : undefined;
  const before = new Map((previous !== undefined && previous.runId === s.runId ? allLinks(previous) : []).map((l) => [keyOf(l), l]));
  return allLinks(s).map((link) => {
    const [a, b] = link.ends;
    const prev = before.get(keyOf(link));
    return {
      key: keyOf(link), kind: link.kind, what: KIND[link.kind], link,
      from: names.get(a?.ns ?? '') ?? a?.ns ?? '?', to: names.get(b?.ns ?? '') ?? b?.ns ?? '?',
      ab: direction(a, prev?.ends[0], seconds), ba: direction(b, prev?.ends[1], seconds),
      drops: link.ends.reduce((n, e) => n + e.drops + e.rxDropped + e.txDropped, 0),
      missing: link.ends.some((e) => !e.present),
    };
  });
}

/** 1234567 → "1.2 MB"; bytes in powers of 1000, as the link rates are. */
export function bytesText(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i] ?? ''}`;
}

export function bitsText(bps: number): string {
  if (bps < 1000) return `${Math.round(bps)} bit/s`;
  if (bps < 1e6) return `${(bps / 1e3).toFixed(1)} kbit/s`;
  if (bps < 1e9) return `${(bps / 1e6).toFixed(1)} Mbit/s`;
  return `${(bps / 1e9).toFixed(2)} Gbit/s`;
}
