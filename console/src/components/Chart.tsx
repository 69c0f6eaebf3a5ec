// One time-series chart with uPlot, loaded on first use (with its stylesheet): the topology and
// other views do not pay for it. Redraws in place when the data changes.
import { useEffect, useRef, useState } from 'react';
import type uPlotType from 'uplot';
import type { ChartData } from '../views/metric-charts.ts';

type UPlot = typeof uPlotType;
let loading: Promise<UPlot> | undefined;
const loadUPlot = (): Promise<UPlot> => (loading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default));

const COLOURS = ['#1f6feb', '#d9381e', '#2f9e6e', '#d99a1e', '#8250df', '#57606a'];

/** 412000000 → "412 M": axis ticks stay short. */
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function Chart({ data, width = 520, height = 200 }: { data: ChartData; width?: number; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlotType | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const shape = data.labels.join('\u0000');
  useEffect(() => {
    let alive = true;
    loadUPlot().then((UPlot) => {
      if (!alive || host.current === null) return;
      plot.current?.destroy();
      plot.current = new UPlot({
        width, height,
        scales: { x: { time: true } },
        // Points shown: a fresh history has a few minutes only, and a step is easier to read with its minutes marked.
        series: [{}, ...data.labels.map((label, i) => ({ label, stroke: COLOURS[i % COLOURS.length] ?? '#000', width: 2, spanGaps: false, points: { show: true, size: 5 }, value: (_u: uPlotType, v: number | null) => (v === null ? '–' : compact.format(v)) }))],
        axes: [{}, { size: 60, values: (_u: uPlotType, ticks: number[]) => ticks.map((t) => compact.format(t)) }],
      }, data.columns, host.current);
    }).catch((err: unknown) => { setFailed(String(err)); });
    return () => { alive = false; };
    // A new set of series rebuilds the chart; new values only are set below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, width, height]);
  useEffect(() => { plot.current?.setData(data.columns); }, [data.columns]);
  useEffect(() => () => { plot.current?.destroy(); }, []);
  return (
    <div className="chart-card" data-testid="metrics-chart" data-metric={data.key} data-series={data.labels.length} data-points={data.points}>
      <h3>{data.title} <span className="muted">({data.unit})</span></h3>
      {failed === undefined ? <div ref={host} /> : <p className="error">{failed}</p>}
    </div>
  );
}
