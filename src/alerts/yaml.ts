// The rules as a Prometheus rules file: monitoring/prometheus/fastroute-alerts.yml is this text
// (scripts/gen-alert-rules.ts writes it; test/metrics/alert-engine.test.ts checks it). Pure.
import type { AlertRule } from './rules.ts';

export const RULES_GROUP = 'fastroute-interconnect';

const HEADER = [
  '# Prometheus alerting rules for FastRoute\'s /metrics (admin server; docs/metrics.md, "Alerts").',
  '# Generated from src/alerts/rules.ts (`node --import tsx scripts/gen-alert-rules.ts`): edit the rules there,',
  '# where FastRoute\'s own alert evaluation (GET /fastroute/v1/alerts) shares their thresholds.',
  '# Checked by `promtool check rules` and unit-tested by `promtool test rules fastroute-alerts.test.yml`',
  '# (test/metrics/alert-rules.test.ts runs both, and checks every metric named here is one FastRoute serves).',
  '# Series: one per cloud metric and dimension value, labels cloud_metric, namespace, resource_id and the',
  '# dimensions (peer, device_role, role_instance, ...). Availability is 0 or 100, OCI states 0 or 1.',
];

const quote = (text: string): string => `'${text.replaceAll('\'', '\'\'')}'`;

export interface RulesYamlOptions {
  /** Replaces every rule's `for` (a test's shorter wait, e.g. "1s"); the expressions stay as they are. */
  forOverride?: string;
}

export function rulesYaml(rules: readonly AlertRule[], opts: RulesYamlOptions = {}): string {
  const out = [...HEADER, 'groups:', `  - name: ${RULES_GROUP}`, '    rules:'];
  for (const r of rules) {
    for (const c of r.comment ?? []) out.push(`      # ${c}`);
    out.push(`      - alert: ${r.alert}`);
    if (r.expr.length === 1) out.push(`        expr: ${r.expr[0] ?? ''}`);
    else out.push('        expr: >-', ...r.expr.map((line) => `          ${line}`));
    out.push(`        for: ${opts.forOverride ?? `${r.forMinutes}m`}`);
    out.push('        labels:', `          severity: ${r.severity}`);
    out.push('        annotations:', `          summary: ${quote(r.summary)}`);
    if (r.value !== undefined) out.push(`          value: ${quote(r.value)}`);
  }
  return `${out.join('\n')}\n`;
}
