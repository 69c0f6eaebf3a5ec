// GET /metrics: every series' current value in Prometheus' text format (prom-client), for a
// Prometheus to scrape. Families follow Prometheus naming (snake_case, base units); the cloud's
// metric name and the resource id are labels, and so is each dimension. The route sits on the admin
// server, behind the same guards as the rest of the admin API: the Host/Origin check (a scraper
// sends neither a foreign Host nor an Origin) and the admin token when one is in force, which a
// scrape sends as `authorization: Bearer` (Prometheus' `authorization` / `bearer_token_file`).
import type { FastifyInstance } from 'fastify';
import { Gauge, Registry } from 'prom-client';
import type { AdminContext } from './context.ts';
import { METRICS, metricKey } from '../../metrics/catalogue.ts';
import { dimensionLabels, seriesLabels } from '../../metrics/prom-labels.ts';
import { metricsFor, stopMetrics } from '../../metrics/sampler.ts';
import { DeclaredTrafficProvider } from '../../metrics/declared-traffic.ts';
import { KernelTrafficProvider, pollKernelTraffic } from '../../metrics/kernel-traffic.ts';
import { registerMetricsHistoryRoute } from './metrics-history.ts';
import { MINUTE_MS, pointsOf } from '../../metrics/history.ts';
import { CIRCUIT_BANDWIDTH, capacityValues, GATEWAY_ROUTES_LIMIT, GATEWAY_THROUGHPUT } from '../../metrics/capacity.ts';

interface Family { gauge: Gauge; labels: string[] }

function buildRegistry(): { registry: Registry; families: Map<string, Family>; capacity: Map<string, Gauge> } {
  const registry = new Registry();
  const families = new Map<string, Family>();
  const byProm = new Map<string, Gauge>();
  for (const m of METRICS) {
    const labels = dimensionLabels(m);
    let gauge = byProm.get(m.prom);
    if (gauge === undefined) {
      gauge = new Gauge({ name: m.prom, help: `${m.namespace} ${m.name} (${m.unit}): ${m.description}`, labelNames: ['cloud_metric', 'namespace', 'resource_id', ...labels], registers: [registry] });
      byProm.set(m.prom, gauge);
    }
    families.set(metricKey(m), { gauge, labels });
  }
  // The limits the alerting rules divide by: resource properties, not cloud metrics (metrics/capacity.ts).
  const capacity = new Map<string, Gauge>();
  for (const def of [CIRCUIT_BANDWIDTH, GATEWAY_THROUGHPUT, GATEWAY_ROUTES_LIMIT]) {
    capacity.set(def.prom, new Gauge({ name: def.prom, help: def.help, labelNames: ['resource_id'], registers: [registry] }));
  }
  return { registry, families, capacity };
}

export function registerMetricsRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const sampler = metricsFor(ctx.engine);
  // The server's metrics start with it, here; so does the traffic they carry: the kernel's counters
  // while the data plane is up (read through the context's data plane), else the declared flows.
  const traffic = new KernelTrafficProvider(new DeclaredTrafficProvider(ctx.engine), async () => ctx.dataplane?.linkCounters());
  sampler.setTrafficProvider(traffic);
  const stopPolling = pollKernelTraffic(ctx.engine, sampler, traffic);
  // The sampler listens to the engine: it goes with the server that started it (the event stream's tests count listeners).
  app.addHook('onClose', (_app, done) => { stopPolling(); stopMetrics(ctx.engine); done(); });
  registerMetricsHistoryRoute(app, ctx, () => traffic.status());
  const { registry, families, capacity } = buildRegistry();
  app.get('/metrics', async (_req, reply) => {
    const history = await sampler.current();
    const minute = Math.floor(ctx.engine.now() / MINUTE_MS);
    registry.resetMetrics();
    for (const s of history.all()) {
      const value = pointsOf(s, minute, minute + 1)[0];
      if (value === undefined) continue;
      const family = families.get(metricKey(s.metric));
      if (!family) continue;
      family.gauge.set(seriesLabels(s.metric, s.resourceId, s.dims), value);
    }
    for (const c of capacityValues(ctx.engine.world)) capacity.get(c.def.prom)?.set({ resource_id: c.resourceId }, c.value);
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
