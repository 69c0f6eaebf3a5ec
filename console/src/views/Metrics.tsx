// #/metrics: the interconnect's metrics over the last hour as time-series charts (uPlot): the
// circuit's BitsIn/BitsOutPerSecond per link, BgpAvailability per peer, the gateway's bits, the
// connection's, and the virtual circuit's bytes (GET /metrics/history, the history the Azure Monitor
// and OCI Monitoring APIs read). Says which source feeds the traffic series: the declared flows,
// or the kernel's counters while the data plane runs.
import { useMemo } from 'react';
import { getMetricsHistory } from '../api/admin.ts';
import type { Topology } from '../api/types.ts';
import { Chart } from '../components/Chart.tsx';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { useRefreshTick } from '../hooks/useLive.ts';
import { usePolled } from '../hooks/usePolled.ts';
import { chartsOf } from './metric-charts.ts';

const POLL_MS = 10_000;
const MINUTES = 60;

export function MetricsView({ topology }: { topology: Topology | undefined }) {
  const tick = useRefreshTick();
  const res = usePolled(() => getMetricsHistory(MINUTES), POLL_MS, [tick]);
  const names = useMemo(() => Object.fromEntries((topology?.nodes ?? []).map((n) => [n.id, n.label])), [topology]);
  const charts = useMemo(() => (res.data ? chartsOf(res.data, names) : []), [res.data, names]);
  const source = res.data?.trafficSource;
  return (
    <section className="view view-metrics">
      <div className="toolbar">
        <h2>Metrics</h2>
        <span className="muted">last {MINUTES} minutes, 1-minute points</span>
        {source ? (
          <span data-testid="metrics-source" data-source={source.source} className="muted">
            traffic from {source.source === 'kernel' ? `the kernel's counters (data plane up, read ${source.countersAt ?? ''})` : 'the declared flows (traffic model)'}
          </span>
        ) : null}
      </div>
      <ErrorBox error={res.error} />
      <Loading when={res.data === undefined && res.error === undefined} />
      {res.data && charts.length === 0 ? <p className="muted" data-testid="metrics-none">No interconnect metric yet: bring a lab with an interconnect up.</p> : null}
      <div className="charts">{charts.map((c) => <Chart key={c.key} data={c} />)}</div>
    </section>
  );
}
