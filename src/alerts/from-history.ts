// FastRoute's own alerts: the rules evaluated over the metric history (src/metrics/history.ts) and
// the limits the rules divide by (src/metrics/capacity.ts), in the wire shape the admin API serves.
// The limits are resource properties read now: a past minute is judged against today's bandwidth
// and SKU (a resize rewrites the past; docs/metrics.md says so). Pure.
import type { CapacityValue } from '../metrics/capacity.ts';
import { MINUTE_MS, pointsOf, type MetricHistory } from '../metrics/history.ts';
import { seriesLabels } from '../metrics/prom-labels.ts';
import { evaluateAlerts, type AlertSeries, type EvaluatedAlert } from './evaluate.ts';
import { ALERT_RULES } from './rules.ts';
import type { ActiveAlert } from './types.ts';

export function historySeries(history: MetricHistory, capacity: readonly CapacityValue[]): AlertSeries[] {
  const out: AlertSeries[] = [];
  for (const s of history.all()) {
    out.push({ family: s.metric.prom, labels: seriesLabels(s.metric, s.resourceId, s.dims), at: (m) => pointsOf(s, m, m + 1)[0], changes: s.minutes });
  }
  for (const c of capacity) out.push({ family: c.def.prom, labels: { resource_id: c.resourceId }, at: () => c.value, changes: [] });
  return out;
}

/** The history's first minute, no earlier than its window. */
function firstMinute(history: MetricHistory, now: number): number {
  let first = now;
  for (const s of history.all()) first = Math.min(first, s.minutes[0] ?? now);
  return Math.max(first, now - history.windowMinutes);
}

const STATE_ORDER = { firing: 0, pending: 1 } as const;
const SEVERITY_ORDER = { critical: 0, warning: 1 } as const;

function toWire(a: EvaluatedAlert): ActiveAlert {
  const since = a.activeMinute * MINUTE_MS;
  return {
    name: a.rule.alert,
    state: a.state,
    severity: a.rule.severity,
    since: new Date(since).toISOString(),
    firesAt: new Date(since + a.rule.forMinutes * MINUTE_MS).toISOString(),
    for: `${a.rule.forMinutes}m`,
    resourceId: a.labels.resource_id ?? '',
    cloudMetric: a.labels.cloud_metric ?? a.rule.cloudMetric,
    labels: a.labels,
    annotations: a.annotations,
    summary: a.annotations.summary ?? '',
    value: a.value,
  };
}

/** The active alerts at `nowMs` (engine time), firing first, then critical first, then oldest first. */
export function activeAlerts(history: MetricHistory, capacity: readonly CapacityValue[], nowMs: number): ActiveAlert[] {
  const now = Math.floor(nowMs / MINUTE_MS);
  return evaluateAlerts(historySeries(history, capacity), now, firstMinute(history, now), ALERT_RULES)
    .map(toWire)
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
      || a.since.localeCompare(b.since) || a.name.localeCompare(b.name) || a.resourceId.localeCompare(b.resourceId) || a.summary.localeCompare(b.summary));
}
