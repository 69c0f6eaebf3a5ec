// #/dataplane: the real Linux data plane behind the model (GET /dataplane). Down: why, and what
// brings it up (or what this machine lacks). Up: its run, what is real on this kernel and what is
// emulated, and one row per link with its configured rate and delay and the kernel's counters of
// both directions, read again every POLL_MS (and at once when the world changes).
import { useRef } from 'react';
import { getDataplane } from '../api/admin.ts';
import type { DataplaneStatus } from '../api/types.ts';
import { ErrorBox, Loading, StateWord } from '../components/Status.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { realities, type Reality } from '../dataplane/real.ts';
import { bitsText, bytesText, type Direction, type LinkRow, linkRows } from '../dataplane/rows.ts';
import { useRefreshTick } from '../hooks/useLive.ts';
import { usePolled } from '../hooks/usePolled.ts';

/** How often the counters are read again: each read is one `ip` per namespace on the server. */
export const POLL_MS = 2000;

function NotRunning({ s }: { s: DataplaneStatus }) {
  const missing = s.unavailable ?? [];
  return (
    <article className="card" data-testid="dataplane-down">
      <h3>The data plane is not running</h3>
      {missing.length === 0 ? (
        <p>Nothing is built in the kernel: the clouds exist in the model only. <code>fastroute dataplane up</code> (or <code>fastroute start --dataplane</code>) builds them as network namespaces, and this page then shows each link&apos;s counters.</p>
      ) : (
        <>
          <p data-testid="dataplane-unavailable">It cannot run on this machine:</p>
          <ul>{missing.map((m) => <li key={m.what}>{m.what}. <strong>Fix:</strong> {m.fix}</li>)}</ul>
        </>
      )}
    </article>
  );
}

function RunFacts({ s }: { s: DataplaneStatus }) {
  const present = s.namespaces.filter((n) => n.present).length;
  return (
    <dl className="facts" data-testid="dataplane-state" data-state={s.state} data-run={s.runId}>
      <dt>state</dt><dd><StateWord word={s.state} /></dd>
      <dt>run</dt><dd><code>{s.runId ?? '?'}</code>{s.lab === undefined ? '' : ` · lab ${s.lab}`} · since {s.createdAt ?? '?'}</dd>
      <dt>namespaces</dt><dd>{present} of {s.namespaces.length} present · {s.links} links · {s.processes} processes inside</dd>
      {s.sync ? <><dt>in step with the engine</dt><dd>{s.sync.syncs} sync{s.sync.syncs === 1 ? '' : 's'}{s.sync.lastMs === undefined ? '' : `, the last in ${s.sync.lastMs} ms`}{s.sync.lastError === undefined ? '' : <span className="error"> the last failed: {s.sync.lastError}</span>}</dd></> : null}
      {s.countersAt ? <><dt>counters read</dt><dd>{new Date(s.countersAt).toLocaleTimeString()} (every {POLL_MS / 1000} s)</dd></> : null}
    </dl>
  );
}

const VERDICT_TONE: Record<Reality['verdict'], string> = { real: 'up', emulated: 'provisioning', 'not built': 'deleting' };

function Realities({ s }: { s: DataplaneStatus }) {
  const cols: Column<Reality>[] = [
    { title: 'What', cell: (r) => r.what },
    { title: 'On this kernel', cell: (r) => <span className={`pill state-${VERDICT_TONE[r.verdict]}`}>{r.verdict}</span> },
    { title: 'How', cell: (r) => r.how },
  ];
  return <Table rows={realities(s)} columns={cols} testId="dataplane-real" />;
}

function DirectionCell({ d, testId }: { d: Direction; testId: string }) {
  return (
    <span data-testid={testId} data-packets={d.packets} data-bytes={d.bytes}>
      {d.packets.toLocaleString('en')} pkts · {bytesText(d.bytes)}{d.bps === undefined ? '' : <span className="muted"> · {bitsText(d.bps)}</span>}
    </span>
  );
}

function endsTitle(r: LinkRow): string {
  return r.link.ends.map((e) => `${e.ns} ${e.dev}: rx ${e.rxPackets} pkts ${e.rxBytes} B, tx ${e.txPackets} pkts ${e.txBytes} B, qdisc ${e.qdisc} drops ${e.drops}, device drops rx ${e.rxDropped} tx ${e.txDropped}${e.present ? '' : ' (device not found)'}`).join('\n');
}

const LINK_COLUMNS: Column<LinkRow>[] = [
  { title: 'Link', cell: (r) => <><strong>{r.what}</strong><br /><span className="muted">{r.from} ⇄ {r.to}</span></> },
  { title: 'State', cell: (r) => (r.missing ? <StateWord word="missing" /> : r.link.down ? <span title="a link-down drill drops every frame (carrier up)"><StateWord word="down" /> drill</span> : <StateWord word="up" />) },
  { title: 'Rate', cell: (r) => (r.link.configuredMbit === undefined ? <span className="muted">not shaped</span> : <>{r.link.configuredMbit} Mbit/s <span className="muted">{r.link.rate}</span></>) },
  { title: 'Delay', cell: (r) => (r.link.delay === 'none' ? <span className="muted">none</span> : r.link.delay) },
  { title: 'a → b', cell: (r) => <DirectionCell d={r.ab} testId="link-ab" /> },
  { title: 'b → a', cell: (r) => <DirectionCell d={r.ba} testId="link-ba" /> },
  { title: 'Drops', cell: (r) => <span data-testid="link-drops" title={endsTitle(r)}>{r.drops.toLocaleString('en')}</span> },
];

function Links({ s, previous }: { s: DataplaneStatus; previous: DataplaneStatus | undefined }) {
  const rows = linkRows(s, previous);
  return (
    <Table
      rows={rows} columns={LINK_COLUMNS} testId="dataplane-link" empty="no link"
      text={(r) => `${r.what} ${r.from} ${r.to} ${r.link.resourceId}`}
      rowClass={(r) => `kind-${r.kind}${r.link.down || r.missing ? ' invalid' : ''}`}
    />
  );
}

export function DataplaneView() {
  const tick = useRefreshTick();
  // Each answer comes with the one before it: the throughput column is the difference between the two.
  const latest = useRef<DataplaneStatus | undefined>(undefined);
  const status = usePolled(async () => {
    const now = await getDataplane();
    const before = latest.current;
    latest.current = now;
    return { now, before };
  }, POLL_MS, [tick]);
  const s = status.data?.now;
  return (
    <section className="view">
      <div className="toolbar"><h2>Data plane</h2>{s ? <span className="muted">{s.state === 'up' ? `run ${s.runId ?? '?'}` : s.state}</span> : null}</div>
      <ErrorBox error={status.error} />
      <Loading when={!s && status.error === undefined} />
      {s?.state === 'down' ? <NotRunning s={s} /> : null}
      {s && s.state !== 'down' ? (
        <>
          <article className="card">
            <h3>Run</h3>
            <RunFacts s={s} />
            {s.state === 'leftovers' ? <p className="error" data-testid="dataplane-leftovers">These namespaces are leftovers of a FastRoute that stopped without <code>down</code>: <code>fastroute dataplane down</code> or the next start removes them.</p> : null}
            {s.state === 'creating' ? <p className="muted">Being built: the links appear once it is up.</p> : null}
          </article>
          <h3>Real and emulated on this kernel</h3>
          <Realities s={s} />
          <h3>Links{s.countersAt ? <span className="muted"> · counters from the kernel, a → b is the first end&apos;s transmit</span> : null}</h3>
          {s.state === 'up' ? <Links s={s} previous={status.data?.before} /> : <p className="muted">Counters are read only from a data plane this FastRoute runs.</p>}
        </>
      ) : null}
    </section>
  );
}
