// #/topology: both clouds and the interconnect, live; a click opens the element's details.
// `#/topology?select=<id>` opens a node's or edge's details directly (the doctor links here).
import { useMemo, useState } from 'react';
import { getTraffic } from '../api/admin.ts';
import type { Topology } from '../api/types.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { Details } from '../topology/details.tsx';
import { STATES } from '../topology/names.ts';
import { type Selection, TopologyCanvas } from '../topology/render.tsx';
import { linkLoads, UTILISATION_BANDS } from '../topology/utilisation.ts';
import { useRefreshTick } from '../hooks/useLive.ts';
import { usePolled } from '../hooks/usePolled.ts';

/** The traffic model's placement is read again this often (a schedule changes with the hour) and on every world change. */
const TRAFFIC_POLL_MS = 10_000;

function UtilisationLegend() {
  return (
    <ul className="legend" aria-label="Link utilisation" data-testid="utilisation-legend">
      {UTILISATION_BANDS.map(([, cls, label]) => <li key={cls}><span className={`swatch ${cls}`} />{label}</li>)}
    </ul>
  );
}

export function Legend() {
  return (
    <ul className="legend" aria-label="States">
      {STATES.map((s) => <li key={s}><span className={`swatch state-${s}`} />{s}</li>)}
    </ul>
  );
}

function initial(topology: Topology | undefined, id: string | null): Selection {
  if (id === null || !topology) return undefined;
  if (topology.nodes.some((n) => n.id === id)) return { type: 'node', id };
  if (topology.edges.some((e) => e.id === id)) return { type: 'edge', id };
  return undefined;
}

export function TopologyView({ topology, error, params }: { topology: Topology | undefined; error: string | undefined; params: URLSearchParams }) {
  const wanted = params.get('select');
  const [selection, setSelection] = useState<Selection>(undefined);
  const [applied, setApplied] = useState<string | null>(null);
  // A new ?select= is applied once the topology is there; clicks select freely in between.
  if (wanted !== applied && topology) {
    setApplied(wanted);
    setSelection(initial(topology, wanted));
  }
  const tick = useRefreshTick();
  const traffic = usePolled(getTraffic, TRAFFIC_POLL_MS, [tick]);
  const loads = useMemo(() => linkLoads(traffic.data?.placement), [traffic.data]);
  const current = selection;
  const select = setSelection;
  const counts = topology ? `${topology.nodes.length} resources · ${topology.edges.length} connections` : '';
  return (
    <section className="view view-topology">
      <div className="toolbar">
        <h2>Topology</h2>
        <span className="muted">{counts}</span>
        <Legend />
        <UtilisationLegend />
        <span className="muted">drag to pan · wheel to zoom</span>
      </div>
      <ErrorBox error={error} />
      <Loading when={!topology && error === undefined} />
      {topology ? (
        <div className="canvas-row">
          <div className="canvas">
            {topology.nodes.length === 0 ? <p className="muted">The world is empty: bring a lab up with <code>fastroute up LAB.yaml</code>.</p> : null}
            <TopologyCanvas topology={topology} selected={current} onSelect={select} loads={loads} fill="window" />
          </div>
          <Details topology={topology} selection={current} onClose={() => select(undefined)} />
        </div>
      ) : null}
    </section>
  );
}
