// The few PromQL operations the shipped alerting rules use, over instant vectors, so that FastRoute
// evaluates each rule's condition the way Prometheus evaluates its expression: aggregation by
// resource_id, comparison filters, one-to-one division `on (resource_id)` (group_left keeps the left
// side's labels), `+ ignoring (label)`, `and on (resource_id)` and `or`. Pure.

export interface Element {
  /** The series' labels without __name__ (Prometheus drops it from alert labels). */
  labels: Readonly<Record<string, string>>;
  value: number;
}
export type Vector = readonly Element[];

/** One instant: every series of a metric family with its value at that instant. */
export interface Instant {
  select(family: string): Vector;
}

const RID = 'resource_id';
const rid = (e: Element): string => e.labels[RID] ?? '';

export type Aggregation = 'min' | 'max' | 'sum';

/** `op by (resource_id) (v)`: one element per resource, labelled with resource_id only. */
export function byResource(op: Aggregation, v: Vector): Vector {
  const out = new Map<string, number>();
  for (const e of v) {
    const k = rid(e);
    const prev = out.get(k);
    out.set(k, prev === undefined ? e.value : op === 'sum' ? prev + e.value : op === 'min' ? Math.min(prev, e.value) : Math.max(prev, e.value));
  }
  return [...out].map(([k, value]) => ({ labels: { [RID]: k }, value }));
}

/** A comparison without `bool`: keeps the elements for which it holds, value unchanged. */
export function where(v: Vector, holds: (value: number) => boolean): Vector {
  return v.filter((e) => holds(e.value));
}

/**
 * `l / on (resource_id) [group_left ()] r`: each left element divided by the right element of its
 * resource (none: dropped). With group_left the left labels stay, without it only resource_id does.
 */
export function divideOnResource(l: Vector, r: Vector, groupLeft: boolean): Vector {
  const right = new Map(r.map((e) => [rid(e), e.value]));
  const out: Element[] = [];
  for (const e of l) {
    const d = right.get(rid(e));
    if (d === undefined) continue;
    out.push({ labels: groupLeft ? e.labels : { [RID]: rid(e) }, value: e.value / d });
  }
  return out;
}

function without(labels: Readonly<Record<string, string>>, drop: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (k !== drop) out[k] = v;
  return out;
}

function signature(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k] ?? ''}`).join('\u0000');
}

/** `l + ignoring (label) r`: pairs whose other labels are equal, summed; the ignored label goes. */
export function addIgnoring(l: Vector, r: Vector, ignored: string): Vector {
  const right = new Map(r.map((e) => [signature(without(e.labels, ignored)), e.value]));
  const out: Element[] = [];
  for (const e of l) {
    const labels = without(e.labels, ignored);
    const other = right.get(signature(labels));
    if (other !== undefined) out.push({ labels, value: e.value + other });
  }
  return out;
}

/** `l == r` between two vectors labelled by resource_id only: the left elements equal to their match. */
export function equalOnResource(l: Vector, r: Vector): Vector {
  const right = new Map(r.map((e) => [rid(e), e.value]));
  return l.filter((e) => right.get(rid(e)) === e.value);
}

/** `l and on (resource_id) r`: the left elements whose resource is in r. */
export function andOnResource(l: Vector, r: Vector): Vector {
  const keep = new Set(r.map(rid));
  return l.filter((e) => keep.has(rid(e)));
}

/** `l or r`: l, then the elements of r whose label set is not in l. */
export function or(l: Vector, r: Vector): Vector {
  const seen = new Set(l.map((e) => signature(e.labels)));
  return [...l, ...r.filter((e) => !seen.has(signature(e.labels)))];
}
