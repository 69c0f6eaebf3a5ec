// The metrics view's data (pure): GET /metrics/history grouped into one chart per metric (namespace
// and REST name), a line per series labelled by resource and dimensions, in uPlot's columnar shape.
import type { MetricSeriesPoints, MetricsHistoryResponse } from '../api/types.ts';

/** The metrics charted, in this order: the interconnect's traffic and health. */
export const CHARTED: readonly [namespace: string, name: string][] = [
  ['Microsoft.Network/expressRouteCircuits', 'BitsInPerSecond'],
  ['Microsoft.Network/expressRouteCircuits', 'BitsOutPerSecond'],
  ['Microsoft.Network/expressRouteCircuits', 'BgpAvailability'],
  ['Microsoft.Network/virtualNetworkGateways', 'ExpressRouteGatewayBitsPerSecond'],
  ['Microsoft.Network/connections', 'BitsInPerSecond'],
  ['Microsoft.Network/connections', 'BitsOutPerSecond'],
  ['oci_fastconnect', 'BytesSent'],
  ['oci_fastconnect', 'BytesReceived'],
];

export interface ChartData {
  key: string;
  title: string;
  unit: string;
  labels: string[];
  /** uPlot's data: x (seconds) then one column per series (null: no data). */
  columns: [number[], ...(number | null)[][]];
  /** Non-null points over every series. */
  points: number;
}

const short = (id: string): string => id.slice(id.lastIndexOf('/') + 1).slice(-24);

function label(s: MetricSeriesPoints, names: Record<string, string>): string {
  const dims = Object.entries(s.dimensions).filter(([k]) => k !== 'resourceId').map(([, v]) => v).join(' ');
  return `${names[s.resourceId] ?? short(s.resourceId)}${dims ? ` ${dims}` : ''}`;
}

export function chartsOf(h: MetricsHistoryResponse, names: Record<string, string> = {}): ChartData[] {
  const x = h.minutes.map((m) => m / 1000);
  return CHARTED.flatMap(([namespace, name]) => {
    const series = h.series.filter((s) => s.namespace === namespace && s.name === name);
    const first = series[0];
    if (first === undefined) return [];
    const columns: [number[], ...(number | null)[][]] = [x, ...series.map((s) => s.values)];
    const points = series.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0);
    return [{ key: `${namespace}|${name}`, title: `${namespace.replace('Microsoft.Network/', '')} · ${name}`, unit: first.unit, labels: series.map((s) => label(s, names)), columns, points }];
  });
}
