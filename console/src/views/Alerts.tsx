// #/alerts: the active alerts (GET /alerts: the shipped Prometheus rules evaluated by FastRoute on
// its own metric history), firing first, each with its severity, since when, when it fires and its
// summary by display name. Read again every POLL_MS (time alone turns pending into firing) and at
// once when the world changes.
import { getAlerts } from '../api/admin.ts';
import type { ActiveAlert } from '../api/types.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { useRefreshTick } from '../hooks/useLive.ts';
import { usePolled } from '../hooks/usePolled.ts';

export const POLL_MS = 5000;

/** "2026-12-07T23:55:00.000Z" → local "23:55" (the history's grain is the minute). */
const clock = (iso: string): string => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The ids in a text replaced by the display names the answer carries (longest first: a child's ARM id starts with its parent's). */
function withNames(text: string, names: Record<string, string>): string {
  let out = text;
  for (const id of Object.keys(names).sort((a, b) => b.length - a.length)) out = out.split(id).join(names[id] ?? id);
  return out;
}

function columns(names: Record<string, string>): Column<ActiveAlert>[] {
  return [
    { title: 'State', cell: (a) => <span className={`pill alert-${a.state}`}>{a.state}</span> },
    { title: 'Severity', cell: (a) => <span className={`pill severity ${a.severity}`}>{a.severity}</span> },
    { title: 'Alert', cell: (a) => <><strong>{a.name}</strong><br /><span className="muted">{a.cloudMetric}</span></> },
    { title: 'Since', cell: (a) => <span title={a.since}>{clock(a.since)}</span> },
    { title: 'Fires', cell: (a) => <span title={a.firesAt}>{a.state === 'firing' ? clock(a.firesAt) : `${clock(a.firesAt)} (for ${a.for})`}</span> },
    { title: 'Summary', cell: (a) => <span title={a.resourceId}>{withNames(a.summary, names)}{a.annotations.value === undefined ? '' : ` (${a.annotations.value})`}</span> },
  ];
}

export function AlertsView() {
  const tick = useRefreshTick();
  const res = usePolled(getAlerts, POLL_MS, [tick]);
  const r = res.data;
  const firing = r?.alerts.filter((a) => a.state === 'firing').length ?? 0;
  return (
    <section className="view">
      <div className="toolbar">
        <h2>Alerts</h2>
        {r ? <span className="muted" data-testid="alerts-summary">{firing} firing · {r.alerts.length - firing} pending · {r.rules} rules, evaluated {clock(r.evaluatedAt)}</span> : null}
      </div>
      <ErrorBox error={res.error} />
      <Loading when={!r && res.error === undefined} />
      {r && r.alerts.length === 0 ? <p className="ok" data-testid="alerts-none">No alert is active.</p> : null}
      {r && r.alerts.length > 0 ? (
        <Table rows={r.alerts} columns={columns(r.names)} testId="alert" rowClass={(a) => `alert-${a.state}`} />
      ) : null}
      <p className="muted">The rules are those shipped for Prometheus in <code>monitoring/prometheus/fastroute-alerts.yml</code>, evaluated on FastRoute&apos;s own 1-minute metric history.</p>
    </section>
  );
}
