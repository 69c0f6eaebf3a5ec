// GET /fastroute/v1/metrics/history: every series' 1-minute points over the last N minutes, for the
// console's charts (the Azure Monitor and OCI Monitoring APIs sit on the cloud servers, behind the
// clouds' own authentication, which a same-origin page does not hold). Same figures as those APIs:
// the sampler's history (docs/metrics.md), read after a refresh and a settle.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MINUTE_MS, pointsOf } from '../../metrics/history.ts';
import type { TrafficSourceStatus } from '../../metrics/kernel-traffic.ts';
import { metricsFor } from '../../metrics/sampler.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX } from './contract.ts';
import { parseInput } from './validate.ts';

export interface MetricSeriesPoints {
  namespace: string;
  name: string;
  displayName: string;
  unit: string;
  resourceId: string;
  /** Dimension name → value. */
  dimensions: Record<string, string>;
  /** One per minute of `minutes`; null: no data. */
  values: (number | null)[];
}

export interface MetricsHistoryResponse {
  /** The start of each minute (ms since the epoch, engine clock), oldest first; the last is the current minute. */
  minutes: number[];
  trafficSource: TrafficSourceStatus;
  series: MetricSeriesPoints[];
}

const query = z.object({
  minutes: z.coerce.number().int().min(1).max(1440).optional(),
  /** Comma-separated REST names (BitsInPerSecond,BgpAvailability); default all. */
  names: z.string().min(1).optional(),
}).strict();

export function registerMetricsHistoryRoute(app: FastifyInstance, ctx: AdminContext, trafficSource: () => TrafficSourceStatus): void {
  app.get(`${API_PREFIX}/metrics/history`, async (req): Promise<MetricsHistoryResponse> => {
    const q = parseInput(query, req.query, 'query');
    const names = q.names === undefined ? undefined : new Set(q.names.split(',').map((n) => n.trim().toLowerCase()));
    const history = await metricsFor(ctx.engine).current();
    const to = Math.floor(ctx.engine.now() / MINUTE_MS) + 1;
    const from = to - (q.minutes ?? 60);
    const series: MetricSeriesPoints[] = [];
    for (const s of history.all()) {
      if (names !== undefined && !names.has(s.metric.name.toLowerCase())) continue;
      const m = s.metric;
      const dimensions = Object.fromEntries(m.dimensions.map((d, i) => [d, s.dims[i] ?? '']));
      series.push({ namespace: m.namespace, name: m.name, displayName: m.displayName, unit: m.unit, resourceId: s.resourceId, dimensions, values: pointsOf(s, from, to).map((v) => v ?? null) });
    }
    series.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) || a.resourceId.localeCompare(b.resourceId) || JSON.stringify(a.dimensions).localeCompare(JSON.stringify(b.dimensions)));
    return { minutes: Array.from({ length: to - from }, (_, i) => (from + i) * MINUTE_MS), trafficSource: trafficSource(), series };
  });
}
