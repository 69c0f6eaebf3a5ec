// The Azure Monitor metrics API's query language (metricnames, timespan, interval, aggregation,
// $filter) over the history, and its response shapes (Microsoft.Insights, api-version 2018-01-01
// and later: Response, Metric, TimeSeriesElement, MetricValue, MetricDefinition). Pure; bad input
// throws MonitorQueryError with the code and message Azure Monitor answers.
import { metricsOf, type AzureAggregation, type MetricDef } from './catalogue.ts';
import { buckets, type Bucket } from './aggregate.ts';
import { MINUTE_MS, type Series } from './history.ts';

export class MonitorQueryError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const bad = (message: string) => new MonitorQueryError('BadRequest', message);

/** The time grains the ExpressRoute metrics offer (PT1M) and their rollups. */
const GRAINS: Record<string, number> = { PT1M: 1, PT5M: 5, PT15M: 15, PT30M: 30, PT1H: 60, PT6H: 360, PT12H: 720, P1D: 1440 };
const AGGREGATIONS: readonly AzureAggregation[] = ['Average', 'Minimum', 'Maximum', 'Total', 'Count'];

/** ISO 8601 duration (PnDTnHnMnS subset) in ms, or undefined. */
function durationMs(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text);
  if (m === null || text.toUpperCase() === 'P' || text.toUpperCase().endsWith('T')) return undefined;
  const [, d, h, min, s] = m;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * MINUTE_MS + Number(s ?? 0) * 1000;
}

function instant(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  // az sends local-less times ("2026-12-07T21:14:57.065618"): UTC, as Azure reads them.
  const t = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`);
  return Number.isFinite(t) ? t : undefined;
}

/** "start/end", "start/duration", "duration/end" or a duration ending now; default the last hour. */
export function parseTimespan(text: string | undefined, nowMs: number): { start: number; end: number } {
  if (text === undefined || text === '') return { start: nowMs - 60 * MINUTE_MS, end: nowMs };
  // az encodes the timespan twice (its ":" and "/" arrive as %3A, %2F once the query is decoded); Azure accepts that.
  let decoded = text;
  if (/%[0-9a-f]{2}/i.test(text)) {
    try {
      decoded = decodeURIComponent(text);
    } catch {
      // not an encoding after all: read as sent
    }
  }
  const parts = decoded.split('/');
  const invalid = () => bad(`Detected invalid time interval input: ${text}. The timespan should be in the format 'startDateTime_ISO/endDateTime_ISO'.`);
  let start: number | undefined;
  let end: number | undefined;
  if (parts.length === 1) {
    const d = durationMs(parts[0] ?? '');
    if (d !== undefined) [start, end] = [nowMs - d, nowMs];
  } else if (parts.length === 2) {
    const [a = '', b = ''] = parts;
    const [ia, ib, da, db] = [instant(a), instant(b), durationMs(a), durationMs(b)];
    if (ia !== undefined && ib !== undefined) [start, end] = [ia, ib];
    else if (ia !== undefined && db !== undefined) [start, end] = [ia, ia + db];
    else if (da !== undefined && ib !== undefined) [start, end] = [ib - da, ib];
  }
  if (start === undefined || end === undefined) throw invalid();
  if (end <= start) throw bad(`Detected invalid time interval input: ${text}. The start time must be before the end time.`);
  return { start, end };
}

/** The interval in minutes; FULL = the whole timespan. */
export function parseInterval(text: string | undefined, spanMinutes: number): { minutes: number; label: string } {
  if (text === undefined || text === '') return { minutes: 1, label: 'PT1M' };
  if (text.toUpperCase() === 'FULL') return { minutes: Math.max(1, spanMinutes), label: 'FULL' };
  const minutes = GRAINS[text.toUpperCase()];
  if (minutes === undefined) throw bad(`Invalid time grain: ${text}. Supported time grains: ${Object.keys(GRAINS).join(', ')}, FULL.`);
  return { minutes, label: text.toUpperCase() };
}

export function parseAggregations(text: string | undefined, metric: MetricDef): AzureAggregation[] {
  if (text === undefined || text === '') return [metric.aggregation];
  return text.split(',').map((a) => {
    const found = AGGREGATIONS.find((x) => x.toLowerCase() === a.trim().toLowerCase());
    if (found === undefined) throw bad(`Invalid aggregation type: ${a.trim()}. Valid aggregation types: ${AGGREGATIONS.join(', ')}.`);
    return found;
  });
}

export function parseMetricNames(text: string | undefined, namespace: string): MetricDef[] {
  const defs = metricsOf(namespace);
  if (text === undefined || text === '') return defs.slice(0, 1);
  const [provider, ...type] = namespace.split('/');
  return text.split(',').map((n) => {
    const found = defs.find((d) => d.name.toLowerCase() === n.trim().toLowerCase());
    if (found === undefined) {
      throw bad(`Failed to find metric configuration for provider: ${provider ?? ''}, resource Type: ${type.join('/')}, metric: ${n.trim()}, Valid metrics: ${defs.map((d) => d.name).join(',')}`);
    }
    return found;
  });
}

/** `Peer eq 'Primary-IPv4' and DeviceRole eq '*'`: dimension → value ('*' = every value, split). */
export function parseFilter(text: string | undefined, metrics: readonly MetricDef[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (text === undefined || text.trim() === '') return out;
  for (const clause of text.split(/\s+and\s+/i)) {
    const alternatives = clause.replace(/^\s*\(|\)\s*$/g, '').split(/\s+or\s+/i);
    for (const alt of alternatives) {
      const m = /^\s*(\w+)\s+eq\s+'([^']*)'\s*$/i.exec(alt);
      if (m === null) throw bad(`The $filter is invalid: ${text}. Use clauses such as "Peer eq 'Primary-IPv4'" joined by and/or.`);
      const [, dim = '', value = ''] = m;
      const known = metrics.flatMap((d) => d.dimensions).find((d) => d.toLowerCase() === dim.toLowerCase());
      if (known === undefined) throw bad(`Metric: ${metrics.map((d) => d.name).join(',')} does not support requested dimension combination: ${dim}, supported ones are: ${[...new Set(metrics.flatMap((d) => d.dimensions))].join(',')}`);
      out.set(known, [...(out.get(known) ?? []), value]);
    }
  }
  return out;
}

export interface MetricsQuery {
  resourceId: string;
  namespace: string;
  region: string;
  series: readonly Series[];
  query: Readonly<Record<string, string>>;
  nowMs: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

function value(b: Bucket, a: AzureAggregation): number | undefined {
  if (a === 'Count') return b.count;
  if (b.count === 0) return undefined;
  if (a === 'Average') return b.total / b.count;
  if (a === 'Total') return b.total;
  if (a === 'Minimum') return b.minimum;
  return b.maximum;
}

/** The Response body of GET {resourceId}/providers/Microsoft.Insights/metrics. */
export function metricsResponse(q: MetricsQuery): unknown {
  const span = parseTimespan(q.query.timespan, q.nowMs);
  const metrics = parseMetricNames(q.query.metricnames, q.namespace);
  const spanMinutes = Math.ceil((span.end - span.start) / MINUTE_MS);
  const interval = parseInterval(q.query.interval, spanMinutes);
  const filter = parseFilter(q.query.$filter ?? q.query.filter, metrics);
  const from = Math.floor(span.start / MINUTE_MS / interval.minutes) * interval.minutes;
  const to = interval.label === 'FULL' ? from + interval.minutes : Math.ceil(span.end / MINUTE_MS / interval.minutes) * interval.minutes;
  const aggregationText = q.query.aggregation;
  return {
    cost: 0,
    timespan: `${iso(span.start)}/${iso(span.end)}`,
    interval: interval.label === 'FULL' ? `PT${spanMinutes}M` : interval.label,
    namespace: q.namespace,
    resourceregion: q.region,
    value: metrics.map((m) => {
      const aggregations = parseAggregations(aggregationText, m);
      const mine = q.series.filter((s) => s.metric === m);
      const splitDims = m.dimensions.filter((d) => filter.has(d));
      // Series kept by the filter, grouped by the values of the filtered dimensions.
      const groups = new Map<string, { values: string[]; series: Series[] }>();
      for (const s of mine) {
        const values = splitDims.map((d) => s.dims[m.dimensions.indexOf(d)] ?? '');
        if (!splitDims.every((d, i) => (filter.get(d) ?? []).some((v) => v === '*' || v.toLowerCase() === values[i]?.toLowerCase()))) continue;
        const key = values.join('\u0000');
        const g = groups.get(key) ?? { values, series: [] };
        g.series.push(s);
        groups.set(key, g);
      }
      if (groups.size === 0 && splitDims.length === 0) groups.set('', { values: [], series: [] });
      return {
        id: `${q.resourceId}/providers/Microsoft.Insights/metrics/${m.name}`,
        type: 'Microsoft.Insights/metrics',
        name: { value: m.name, localizedValue: m.displayName },
        displayDescription: m.description,
        unit: m.unit,
        timeseries: [...groups.values()].map((g) => ({
          metadatavalues: splitDims.map((d, i) => ({ name: { value: d.toLowerCase(), localizedValue: d.toLowerCase() }, value: g.values[i] })),
          data: buckets(g.series, from, to, interval.minutes).map((b) => {
            const point: Record<string, unknown> = { timeStamp: iso(b.minute * MINUTE_MS) };
            for (const a of aggregations) {
              const v = value(b, a);
              if (v !== undefined) point[a.toLowerCase()] = v;
            }
            return point;
          }),
        })),
        errorCode: 'Success',
      };
    }),
  };
}

/** The body of GET {resourceId}/providers/Microsoft.Insights/metricDefinitions. */
export function metricDefinitionsResponse(resourceId: string, namespace: string): unknown {
  return {
    value: metricsOf(namespace).map((m) => ({
      id: `${resourceId}/providers/microsoft.insights/metricdefinitions/${m.name}`,
      resourceId,
      namespace,
      name: { value: m.name, localizedValue: m.displayName },
      displayDescription: m.description,
      isDimensionRequired: false,
      unit: m.unit,
      primaryAggregationType: m.aggregation,
      supportedAggregationTypes: [...AGGREGATIONS],
      metricAvailabilities: [{ timeGrain: 'PT1M', retention: 'P1D' }, { timeGrain: 'PT5M', retention: 'P1D' }, { timeGrain: 'PT1H', retention: 'P1D' }],
      dimensions: m.dimensions.map((d) => ({ value: d, localizedValue: d })),
    })),
  };
}
