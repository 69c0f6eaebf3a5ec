// A practical subset of OCI's Monitoring Query Language (MQL), as SummarizeMetricsData takes it:
//   Metric[interval]{dim = "value", dim2 = "a" || dim2 = "b"}.grouping().statistic() [op number]
// with interval 1m–60m, 1h–24h or 1d; groupBy(dim, …) or grouping(); statistics count, max, mean,
// min, rate, sum, first, last; an optional comparison keeps the points that satisfy it (alarm
// queries such as `ConnectionState[1m].mean() == 0`). Anything else is OCI's 400 InvalidParameter.
import { buckets, type Bucket } from './aggregate.ts';
import type { Series } from './history.ts';

export class MqlError extends Error {}

export type Statistic = 'count' | 'max' | 'mean' | 'min' | 'rate' | 'sum' | 'first' | 'last';
const STATISTICS: readonly Statistic[] = ['count', 'max', 'mean', 'min', 'rate', 'sum', 'first', 'last'];
const UNSUPPORTED = ['percentile', 'absent'];

export interface MqlQuery {
  metric: string;
  intervalMinutes: number;
  /** Dimension → accepted values (any of). */
  filters: Map<string, string[]>;
  /** undefined: one stream per series; []: grouping() (all in one); [dims]: groupBy. */
  groupBy: string[] | undefined;
  statistic: Statistic;
  condition?: { op: '>' | '>=' | '<' | '<=' | '==' | '!='; value: number };
}

function fail(query: string, why: string): never {
  throw new MqlError(`Invalid query '${query}': ${why}.`);
}

function interval(query: string, text: string): number {
  const m = /^(\d+)([mhd])$/.exec(text.trim());
  if (m === null) fail(query, `interval [${text}] must be a number followed by m, h or d, e.g. [1m]`);
  const n = Number(m[1]);
  const unit = m[2];
  if (unit === 'm' && n >= 1 && n <= 60) return n;
  if (unit === 'h' && n >= 1 && n <= 24) return n * 60;
  if (unit === 'd' && n === 1) return 1440;
  return fail(query, `interval [${text}] is out of range (1m-60m, 1h-24h, 1d)`);
}

export function parseMql(query: string): MqlQuery {
  const text = query.trim();
  const head = /^([A-Za-z][\w.]*)\s*\[([^\]]*)\]\s*/.exec(text);
  if (head === null) fail(query, 'it must start with a metric name and an interval, e.g. BytesSent[1m]');
  let rest = text.slice(head[0].length);
  const filters = new Map<string, string[]>();
  if (rest.startsWith('{')) {
    const close = rest.indexOf('}');
    if (close < 0) fail(query, 'the dimension filter has no closing brace');
    for (const clause of rest.slice(1, close).split(/,|&&/)) {
      if (clause.trim() === '') continue;
      for (const alt of clause.split('||')) {
        const m = /^\s*([\w.-]+)\s*=\s*"([^"]*)"\s*$/.exec(alt);
        if (m === null) fail(query, `dimension filter '${alt.trim()}' must read name = "value"`);
        const [, dim = '', value = ''] = m;
        filters.set(dim, [...(filters.get(dim) ?? []), value]);
      }
    }
    rest = rest.slice(close + 1).trim();
  }
  let groupBy: string[] | undefined;
  let statistic: Statistic | undefined;
  let condition: MqlQuery['condition'];
  while (rest.startsWith('.')) {
    const m = /^\.\s*(\w+)\s*\(([^)]*)\)\s*/.exec(rest);
    if (m === null) fail(query, `cannot read '${rest}'`);
    const [, fn = '', args = ''] = m;
    rest = rest.slice(m[0].length);
    if (fn === 'grouping') groupBy = [];
    else if (fn === 'groupBy') groupBy = args.split(',').map((a) => a.trim()).filter((a) => a !== '');
    else if ((STATISTICS as readonly string[]).includes(fn)) {
      if (statistic !== undefined) fail(query, 'only one statistic may be applied');
      statistic = fn as Statistic;
    } else if (UNSUPPORTED.includes(fn)) fail(query, `${fn}() is not supported by FastRoute (docs/metrics.md)`);
    else fail(query, `unknown function ${fn}()`);
  }
  if (rest !== '') {
    const m = /^(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(rest);
    if (m === null) fail(query, `cannot read '${rest}'`);
    condition = { op: m[1] as NonNullable<MqlQuery['condition']>['op'], value: Number(m[2]) };
  }
  if (statistic === undefined) fail(query, 'a statistic is required, e.g. .mean() or .rate()');
  return { metric: head[1] ?? '', intervalMinutes: interval(query, head[2] ?? ''), filters, groupBy, statistic, ...(condition ? { condition } : {}) };
}

function statisticOf(b: Bucket, s: Statistic, intervalMinutes: number, first: number | undefined): number | undefined {
  if (s === 'count') return b.count;
  if (b.count === 0) return undefined;
  switch (s) {
    case 'mean': return b.total / b.count;
    case 'sum': return b.total;
    case 'min': return b.minimum;
    case 'max': return b.maximum;
    case 'last': return b.last;
    case 'first': return first;
    // Per second over the interval: each point is a minute's volume.
    case 'rate': return b.total / (intervalMinutes * 60);
  }
}

function holds(v: number, c: MqlQuery['condition']): boolean {
  if (!c) return true;
  switch (c.op) {
    case '>': return v > c.value;
    case '>=': return v >= c.value;
    case '<': return v < c.value;
    case '<=': return v <= c.value;
    case '==': return v === c.value;
    case '!=': return v !== c.value;
  }
}

export interface Datapoint { minute: number; value: number }

/** The aggregated points of one stream over [from, to). */
export function evaluate(q: MqlQuery, series: readonly Series[], from: number, to: number): Datapoint[] {
  const out: Datapoint[] = [];
  const all = buckets(series, from, to, q.intervalMinutes);
  // first(): the first minute's value of each interval, read from one-minute buckets.
  const firsts = q.statistic === 'first' ? buckets(series, from, to, 1) : [];
  for (const b of all) {
    const first = firsts.find((f) => f.minute >= b.minute && f.minute < b.minute + q.intervalMinutes && f.count > 0);
    const v = statisticOf(b, q.statistic, q.intervalMinutes, first === undefined ? undefined : first.total / first.count);
    if (v !== undefined && holds(v, q.condition)) out.push({ minute: b.minute, value: v });
  }
  return out;
}
