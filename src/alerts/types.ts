// FastRoute's active alerts on the wire (GET /fastroute/v1/alerts, `fastroute alerts`, the console).
import type { DisplayNames } from '../model/display-names.ts';
import type { AlertSeverity } from './rules.ts';

export type AlertState = 'pending' | 'firing';

export interface ActiveAlert {
  /** The rule's alert name, as in monitoring/prometheus/fastroute-alerts.yml. */
  name: string;
  /** pending: the condition holds but not yet for the rule's `for`; firing: it has held that long. */
  state: AlertState;
  severity: AlertSeverity;
  /** The first minute the condition held in this run (Prometheus' activeAt, at the history's 1-minute grain). */
  since: string;
  /** since + for: when the alert fired, or will fire if the condition keeps holding. */
  firesAt: string;
  /** The rule's `for`, e.g. "1m". */
  for: string;
  /** The resource the alert is about (ARM id or OCID). */
  resourceId: string;
  /** The cloud metric the condition reads (e.g. BgpAvailability). */
  cloudMetric: string;
  /** The labels Prometheus gives the alert: alertname, severity and the expression's result labels. */
  labels: Record<string, string>;
  /** The rule's annotations rendered (summary; value for the threshold rules). */
  annotations: Record<string, string>;
  summary: string;
  /** The expression's value now (e.g. 0 for a session down, 0.9 for 90 % utilisation). */
  value: number;
}

export interface AlertsResponse {
  /** The engine time the rules were evaluated at. */
  evaluatedAt: string;
  /** How many rules were evaluated. */
  rules: number;
  /** Firing first, then critical first, then oldest first. */
  alerts: ActiveAlert[];
  names: DisplayNames;
}
