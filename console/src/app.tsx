// The shell: the navigation, the hash router, and the live topology every view shares (one fetch
// per change, whichever view is open).
import { useEffect } from 'react';
import { useFeedMode } from './hooks/useLive.ts';
import { href, useHashRoute, type View, VIEWS } from './hooks/useHashRoute.ts';
import { useTopology } from './hooks/useTopology.ts';
import { AlertsView } from './views/Alerts.tsx';
import { DataplaneView } from './views/Dataplane.tsx';
import { DoctorView } from './views/Doctor.tsx';
import { DrillsView } from './views/Drills.tsx';
import { EventsView } from './views/Events.tsx';
import { InterconnectView } from './views/Interconnect.tsx';
import { MetricsView } from './views/Metrics.tsx';
import { RoutesView } from './views/Routes.tsx';
import { TopologyView } from './views/Topology.tsx';
import { TraceView } from './views/Trace.tsx';

const TITLES: Record<View, string> = {
  topology: 'Topology', interconnect: 'Interconnect', routes: 'Routes', trace: 'Trace', doctor: 'Doctor', drills: 'Drills', events: 'Events', dataplane: 'Data plane', alerts: 'Alerts', metrics: 'Metrics',
};

function FeedBadge() {
  const mode = useFeedMode();
  const title = mode === 'live' ? 'Live: the server streams every change' : mode === 'polling' ? 'The event stream is unavailable: polling every 2 s' : 'Connecting to the event stream…';
  return <span className={`feed feed-${mode}`} title={title}>{mode === 'live' ? '● live' : mode === 'polling' ? '◌ polling' : '○ connecting'}</span>;
}

export function App() {
  const route = useHashRoute();
  const topo = useTopology();
  const loaded = topo.data !== undefined;
  // Views without a drawing still say when the first topology is in (the topology view says so
  // itself, once its SVG is drawn).
  useEffect(() => {
    if (loaded && route.view !== 'topology' && route.view !== 'trace') document.body.dataset.ready = 'true';
  }, [loaded, route.view]);

  const view = (() => {
    switch (route.view) {
      case 'topology': return <TopologyView topology={topo.data} error={topo.error} params={route.params} />;
      case 'interconnect': return <InterconnectView />;
      case 'routes': return <RoutesView topology={topo.data} params={route.params} />;
      case 'trace': return <TraceView topology={topo.data} params={route.params} />;
      case 'doctor': return <DoctorView topology={topo.data} />;
      case 'drills': return <DrillsView topology={topo.data} />;
      case 'events': return <EventsView />;
      case 'dataplane': return <DataplaneView />;
      case 'alerts': return <AlertsView />;
      case 'metrics': return <MetricsView topology={topo.data} />;
    }
  })();

  return (
    <>
      <header className="top">
        <a className="brand" href={href('topology')}>FastRoute</a>
        <nav>
          {VIEWS.map((v) => (
            <a key={v} href={href(v)} data-testid={`nav-${v}`} className={route.view === v ? 'active' : undefined} aria-current={route.view === v ? 'page' : undefined}>
              {TITLES[v]}
            </a>
          ))}
        </nav>
        <FeedBadge />
      </header>
      <main>{view}</main>
    </>
  );
}
