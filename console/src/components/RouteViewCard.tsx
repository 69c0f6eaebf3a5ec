// An interconnect's routes as the drills report them (before / during / after): the sessions, the
// redundant and non-redundant prefixes (Azure's failover-test wording) and the best path per prefix.
import type { RouteImpact, RouteView } from '../api/types.ts';
import { StateWord } from './Status.tsx';
import { type Column, Table } from './Table.tsx';

type Best = RouteView['bestToAzure'][number];

const bestCols: Column<Best>[] = [
  { title: 'Prefix', cell: (b) => b.prefix },
  { title: 'Link(s)', cell: (b) => b.paths.join(' + ') },
  { title: 'Why', cell: (b) => b.reason },
];

export function RouteViewCard({ title, view, testId }: { title: string; view: RouteView; testId?: string }) {
  return (
    <div className="route-view" data-testid={testId}>
      <h4>{title} {view.down ? <span className="pill state-down">{view.down}</span> : null}</h4>
      {view.downReason ? <p className="muted">{view.downReason}</p> : null}
      <ul className="sessions">
        {view.sessions.map((s) => (
          <li key={s.path}>
            {s.path} <StateWord word={s.up} /> <span className="muted">→Azure {s.toAzure} · →OCI {s.toOci} · limit {s.offeredToAzure}/{s.prefixLimit}{s.reason ? ` · ${s.reason}` : ''}</span>
          </li>
        ))}
      </ul>
      <p><strong>Redundant:</strong> {view.redundant.join(', ') || '—'}</p>
      <p><strong>Non-redundant:</strong> {view.nonRedundant.join(', ') || '—'}</p>
      <h5>Best paths to Azure</h5>
      <Table rows={view.bestToAzure} columns={bestCols} empty="none" />
      <h5>Best paths to OCI</h5>
      <Table rows={view.bestToOci} columns={bestCols} empty="none" />
    </div>
  );
}

export function ImpactList({ impact }: { impact: RouteImpact }) {
  const line = (name: string, list: string[]) => <li key={name}><strong>{name}:</strong> {list.join(', ') || '—'}</li>;
  return (
    <ul className="impact" data-testid="drill-impact">
      {line('Lost', impact.lost)}
      {line('Degraded (now on one link)', impact.degraded)}
      {line('Added', impact.added)}
      {line('Rerouted', impact.rerouted)}
    </ul>
  );
}
