// #/drills: start and stop failure drills on the running world. Before starting, the circuit's
// route tables (both device paths) are read; the drill's answer gives the interconnect's routes
// before and during, and the circuit tables are read again during. A trace can run meanwhile.
import { useState } from 'react';
import { getDrills, getRoutes, getStatus, startDrill, stopDrill } from '../api/admin.ts';
import { errorText } from '../api/client.ts';
import type { CircuitPathRoutes, DrillReport, DrillSpec, DrillStopResponse, InterconnectStatus, Topology } from '../api/types.ts';
import { CircuitTables } from '../components/RouteTables.tsx';
import { ImpactList, RouteViewCard } from '../components/RouteViewCard.tsx';
import { ErrorBox } from '../components/Status.tsx';
import { TracePanel } from '../components/TracePanel.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useLiveFeed, useRefreshTick } from '../hooks/useLive.ts';

type Kind = DrillSpec['kind'];

const KINDS: { kind: Kind; title: string; what: string }[] = [
  { kind: 'link-down', title: 'Link down', what: 'one link (BGP session) goes down' },
  { kind: 'bgp-reset', title: 'BGP reset', what: 'one session resets and re-establishes' },
  { kind: 'as-path-prepend', title: 'AS-path prepend', what: 'one path advertises a longer AS path' },
  { kind: 'prefix-withdraw', title: 'Prefix withdraw', what: 'one side stops advertising a prefix' },
  { kind: 'gateway-replace', title: 'Gateway replace', what: 'the ER gateway is replaced, its routes withdrawn' },
  { kind: 'prefix-flood', title: 'Prefix flood', what: 'Oracle advertises many prefixes (towards the limit)' },
];
const NEEDS_PATH = new Set<Kind>(['link-down', 'bgp-reset', 'as-path-prepend']);

/** The circuit's two device paths, or nothing when there is no circuit (errors are not fatal here). */
async function circuitTables(ic: InterconnectStatus | undefined): Promise<CircuitPathRoutes[]> {
  const id = ic?.circuit?.id;
  if (id === undefined) return [];
  const out = await Promise.all(['primary', 'secondary'].map((p) => getRoutes(`circuit:${id}:${p}`).catch(() => undefined)));
  return out.filter((r): r is CircuitPathRoutes => r?.type === 'circuit-path');
}

interface Run {
  report: DrillReport;
  before: CircuitPathRoutes[];
  during: CircuitPathRoutes[];
}

function Circuit({ title, tables }: { title: string; tables: CircuitPathRoutes[] }) {
  if (tables.length === 0) return null;
  return (
    <div className="route-view">
      <h4>{title}</h4>
      {tables.map((t) => <CircuitTables key={t.devicePath} r={t} filter="" />)}
    </div>
  );
}

export function DrillsView({ topology }: { topology: Topology | undefined }) {
  const feed = useLiveFeed();
  const tick = useRefreshTick();
  const drills = useAsync(getDrills, [tick]);
  const status = useAsync(getStatus, [tick]);
  const ics = status.data?.interconnects ?? [];
  const [icName, setIcName] = useState('');
  const [path, setPath] = useState<'primary' | 'secondary'>('primary');
  const [prefix, setPrefix] = useState('');
  const [side, setSide] = useState<'' | 'oci' | 'azure'>('');
  const [count, setCount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [run, setRun] = useState<Run | undefined>(undefined);
  const [stopped, setStopped] = useState<{ res: DrillStopResponse; after: CircuitPathRoutes[] } | undefined>(undefined);
  const ic = ics.find((x) => x.name === icName) ?? ics[0];
  const active = drills.data?.drills ?? [];

  const start = async (kind: Kind) => {
    setBusy(true);
    setError(undefined);
    try {
      const n = Number.parseInt(count, 10);
      const spec: DrillSpec = {
        kind,
        ...(ic && ics.length > 1 ? { interconnect: ic.virtualCircuit.id } : {}),
        ...(NEEDS_PATH.has(kind) ? { path } : {}),
        ...(kind === 'prefix-withdraw' ? { prefix: prefix.trim(), ...(side === '' ? {} : { side }) } : {}),
        ...((kind === 'prefix-flood' || kind === 'as-path-prepend') && Number.isFinite(n) ? { count: n } : {}),
      };
      const before = await circuitTables(ic);
      const report = await startDrill(spec);
      const during = await circuitTables(ic);
      setRun({ report, before, during });
      setStopped(undefined);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      feed.bump();
    }
  };

  const stop = async (id?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await stopDrill(id);
      setStopped({ res, after: await circuitTables(ic) });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      feed.bump();
    }
  };

  return (
    <section className="view">
      <div className="toolbar"><h2>Drills</h2><span className="muted">failure drills on the live world; everything returns to its prior state when stopped</span></div>
      <div className="drill-controls">
        {ics.length > 1 ? (
          <label>Interconnect{' '}
            <select data-testid="drill-interconnect" value={ic?.name ?? ''} onChange={(e) => setIcName(e.target.value)}>
              {ics.map((x) => <option key={x.virtualCircuit.id} value={x.name}>{x.name}</option>)}
            </select>
          </label>
        ) : null}
        <label>Path{' '}
          <select data-testid="drill-path" value={path} onChange={(e) => setPath(e.target.value as 'primary' | 'secondary')}>
            <option value="primary">primary</option>
            <option value="secondary">secondary</option>
          </select>
        </label>
        <label>Prefix <input data-testid="drill-prefix" value={prefix} onChange={(e) => setPrefix(e.target.value)} placeholder="10.20.0.0/16" /></label>
        <label>Side{' '}
          <select data-testid="drill-side" value={side} onChange={(e) => setSide(e.target.value as '' | 'oci' | 'azure')}>
            <option value="">auto</option>
            <option value="oci">oci</option>
            <option value="azure">azure</option>
          </select>
        </label>
        <label>Count <input data-testid="drill-count" className="port" type="number" min={1} value={count} onChange={(e) => setCount(e.target.value)} placeholder="default" /></label>
      </div>
      <ul className="drill-kinds">
        {KINDS.map((k) => (
          <li key={k.kind}>
            <button type="button" data-testid={`drill-start-${k.kind}`} disabled={busy} onClick={() => { void start(k.kind); }}>{k.title}</button>
            <span className="muted">{k.what}{NEEDS_PATH.has(k.kind) ? ` (${path})` : ''}</span>
          </li>
        ))}
      </ul>
      <ErrorBox error={error ?? drills.error} />

      <h3>Running drills</h3>
      {active.length === 0 ? <p className="muted">No drill is running.</p> : (
        // One action per drill when one runs ("Stop drill"); with several, each its own and "Stop all".
        <>
          <ul className="active-drills">
            {active.map((d) => (
              <li key={d.id} data-testid="drill-active" data-kind={d.kind} data-id={d.id}>
                <strong>{d.kind}</strong> on {d.interconnect}{d.path ? ` · ${d.path}` : ''}{d.prefix ? ` · ${d.prefix}` : ''}{d.count !== undefined ? ` · ×${d.count}` : ''}
                <span className="muted"> since {new Date(d.startedAt).toLocaleTimeString()}</span>{' '}
                {active.length === 1
                  ? <button type="button" data-testid="drill-stop" disabled={busy} onClick={() => { void stop(); }}>Stop drill</button>
                  : <button type="button" data-testid={`drill-stop-${d.id}`} disabled={busy} onClick={() => { void stop(d.id); }}>Stop this drill</button>}
              </li>
            ))}
          </ul>
          {active.length > 1 ? (
            <button type="button" data-testid="drill-stop" disabled={busy} onClick={() => { void stop(); }}>Stop all {active.length} drills</button>
          ) : null}
        </>
      )}

      {run ? (
        <div className="drill-run">
          <h3>{run.report.kind} on {run.report.interconnect}</h3>
          <ImpactList impact={run.report.impact} />
          <div className="columns">
            <RouteViewCard title="Before" view={run.report.before} testId="drill-before" />
            <RouteViewCard title="During" view={run.report.during} testId="drill-during" />
          </div>
          <div className="columns">
            <Circuit title="Circuit route tables before" tables={run.before} />
            <Circuit title="Circuit route tables during" tables={run.during} />
          </div>
        </div>
      ) : null}
      {stopped ? (
        <div className="drill-run">
          <h3>Stopped {stopped.res.stopped.length === 0 ? 'nothing (no drill was running)' : stopped.res.stopped.join(', ')}</h3>
          <div className="columns">
            {stopped.res.after.map((v) => <RouteViewCard key={v.virtualCircuitId} title={`After · ${v.interconnect}`} view={v} testId="drill-after" />)}
            <Circuit title="Circuit route tables after" tables={stopped.after} />
          </div>
        </div>
      ) : null}

      <h3>Trace during the drill</h3>
      <TracePanel topology={topology} />
    </section>
  );
}
