// `fastroute alerts`: the active alerts, firing first, one row each, resources by display name
// (`--ids`: by id) in the summary.
import type { AlertsResponse } from '../../api/admin/contract.ts';
import { keepIds, type Namer } from './names.ts';
import { table } from './table.ts';

/** "2026-12-07T23:55:00.000Z" → "2026-12-07 23:55Z": the history's grain is the minute. */
const minute = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;

export function formatAlerts(res: AlertsResponse, name: Namer = keepIds): string {
  const when = `${res.rules} rules evaluated at ${res.evaluatedAt}`;
  if (res.alerts.length === 0) return `No alert is active (${when}).`;
  const firing = res.alerts.filter((a) => a.state === 'firing').length;
  const head = `${res.alerts.length} alert(s): ${firing} firing, ${res.alerts.length - firing} pending (${when}).`;
  const rows = res.alerts.map((a) => [
    a.state, a.severity, a.name, minute(a.since), a.state === 'firing' ? minute(a.firesAt) : `${minute(a.firesAt)} (for ${a.for})`, name(a.summary),
  ]);
  return `${head}\n${table(['State', 'Severity', 'Alert', 'Since', 'Firing from', 'Summary'], rows)}`;
}
