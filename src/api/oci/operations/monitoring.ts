// The OCI Monitoring API (20180401) for the oci_fastconnect namespace: SummarizeMetricsData (MQL,
// a practical subset: metrics/mql.ts) and ListMetrics. The SDK's MonitoringClient talks to
// telemetry.{region}.oraclecloud.com; pointed at FastRoute (its `endpoint`), it reaches this server
// like every other OCI client (regions are a path prefix). The compartment is checked against the
// caller's tenancy as every OCI list does; compartmentIdInSubtree takes in its descendants.
import { requireCompartment } from '../../../lifecycle/oci/scope.ts';
import { oci } from '../../../model/errors.ts';
import type { ReadView } from '../../../model/world.ts';
import { metricsOf } from '../../../metrics/catalogue.ts';
import { MINUTE_MS, type Series } from '../../../metrics/history.ts';
import { evaluate, MqlError, parseMql } from '../../../metrics/mql.ts';
import { metricsFor } from '../../../metrics/sampler.ts';
import type { OciOperation, OciRequest } from '../operation.ts';

export const MONITORING_VERSION = '/20180401';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The compartment and, with compartmentIdInSubtree=true, every compartment below it. */
function compartments(view: ReadView, req: OciRequest): Set<string> {
  const id = requireCompartment(view, req.scope, str(req.query.compartmentId));
  const out = new Set([id]);
  if (str(req.query.compartmentIdInSubtree) !== 'true') return out;
  const all = view.list('oci.Compartment');
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of all) if (out.has(c.compartmentId) && !out.has(c.id)) grew = out.add(c.id).size > 0;
  }
  return out;
}

function body(req: OciRequest): Record<string, unknown> {
  if (req.body === undefined || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) throw oci.invalidParameter('The request body must be a JSON object.');
  return req.body as Record<string, unknown>;
}

function time(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(t)) throw oci.invalidParameter(`${name} must be an RFC 3339 timestamp.`);
  return t;
}

/** OCI's metric dimensions of a series: resourceId (the catalogue's only oci_fastconnect dimension). */
function dimensionsOf(s: Series): Record<string, string> {
  return Object.fromEntries(s.metric.dimensions.map((d, i) => [d, s.dims[i] ?? '']));
}

function namespaceOf(b: Record<string, unknown>, required: boolean): string | undefined {
  const ns = str(b.namespace);
  if (ns === undefined || ns === '') {
    if (required) throw oci.invalidParameter('namespace is required.');
    return undefined;
  }
  if (!/^[a-z][a-z0-9_]*$/.test(ns)) throw oci.invalidParameter(`Invalid namespace '${ns}': a namespace starts with a lowercase letter and holds lowercase letters, digits and underscores.`);
  return ns;
}

export const MONITORING_OPERATIONS: readonly OciOperation[] = [
  {
    name: 'summarizeMetricsData',
    client: 'MonitoringClient',
    version: MONITORING_VERSION,
    method: 'POST',
    path: '/metrics/actions/summarizeMetricsData',
    async handle(req) {
      const b = body(req);
      const namespace = namespaceOf(b, true);
      const queryText = str(b.query);
      if (queryText === undefined || queryText === '') throw oci.invalidParameter('query is required.');
      let q;
      try {
        q = parseMql(queryText);
      } catch (err) {
        if (err instanceof MqlError) throw oci.invalidParameter(err.message);
        throw err;
      }
      const sampler = metricsFor(req.engine);
      const history = await sampler.current();
      const now = req.engine.now();
      const end = time(b.endTime, 'endTime') ?? now;
      const start = time(b.startTime, 'startTime') ?? end - 60 * MINUTE_MS;
      if (start >= end) throw oci.invalidParameter('startTime must be before endTime.');
      const from = Math.floor(start / MINUTE_MS / q.intervalMinutes) * q.intervalMinutes;
      const to = Math.ceil(end / MINUTE_MS / q.intervalMinutes) * q.intervalMinutes;
      const scope = await req.engine.read((view) => compartments(view, req));
      const series = [...history.all()].filter((s) =>
        s.metric.cloud === 'oci' && s.metric.namespace === namespace && s.metric.name === q.metric && scope.has(s.scope) &&
        [...q.filters].every(([dim, values]) => {
          const i = s.metric.dimensions.indexOf(dim);
          return i >= 0 && values.includes(s.dims[i] ?? '');
        }));
      // Streams: one per series, one in all (grouping()), or one per value of the groupBy dimensions.
      const streams = new Map<string, Series[]>();
      for (const s of series) {
        const dims = dimensionsOf(s);
        const key = q.groupBy === undefined ? `${s.resourceId}|${s.dims.join('|')}` : q.groupBy.map((d) => dims[d] ?? '').join('|');
        streams.set(key, [...(streams.get(key) ?? []), s]);
      }
      const compartmentId = str(req.query.compartmentId) ?? '';
      const unit = metricsOf(namespace ?? '').find((m) => m.name === q.metric)?.unit;
      const items = [...streams.values()].map((group) => {
        const first = group[0] as Series;
        const all = dimensionsOf(first);
        const dimensions = q.groupBy === undefined ? all : Object.fromEntries(q.groupBy.map((d) => [d, all[d] ?? '']));
        return {
          namespace,
          compartmentId,
          name: q.metric,
          dimensions,
          metadata: unit === undefined ? {} : { unit },
          resolution: `${q.intervalMinutes}m`,
          aggregatedDatapoints: evaluate(q, group, from, to).map((p) => ({ timestamp: new Date(p.minute * MINUTE_MS).toISOString(), value: p.value })),
        };
      });
      return { body: items };
    },
  },
  {
    name: 'listMetrics',
    client: 'MonitoringClient',
    version: MONITORING_VERSION,
    method: 'POST',
    path: '/metrics/actions/listMetrics',
    async handle(req) {
      const b = req.body === undefined ? {} : body(req);
      const namespace = namespaceOf(b, false);
      const name = str(b.name);
      const filters = (b.dimensionFilters ?? {}) as Record<string, unknown>;
      const history = await metricsFor(req.engine).current();
      const scope = await req.engine.read((view) => compartments(view, req));
      const compartmentId = str(req.query.compartmentId) ?? '';
      const seen = new Set<string>();
      const items: unknown[] = [];
      const minute = Math.floor(req.engine.now() / MINUTE_MS);
      for (const s of history.all()) {
        if (s.metric.cloud !== 'oci' || !scope.has(s.scope)) continue;
        if (namespace !== undefined && s.metric.namespace !== namespace) continue;
        if (name !== undefined && s.metric.name !== name) continue;
        // A series whose resource is gone (last value: no data) is no longer listed.
        if (Number.isNaN(s.values[s.values.length - 1]) && (s.minutes[s.minutes.length - 1] ?? minute) <= minute) continue;
        const dimensions = dimensionsOf(s);
        if (!Object.entries(filters).every(([k, v]) => dimensions[k] === v)) continue;
        const key = `${s.metric.namespace}|${s.metric.name}|${JSON.stringify(dimensions)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        items.push({ name: s.metric.name, namespace: s.metric.namespace, compartmentId, dimensions });
      }
      return { body: items };
    },
  },
];

