// #/events: the event log as a live timeline, newest first, at most MAX entries. History comes from
// GET /events; new events from the stream (or, when the feed is polling, from GET /events?after=).
import { useEffect, useRef, useState } from 'react';
import { getEvents } from '../api/admin.ts';
import { errorText } from '../api/client.ts';
import type { WorldEvent } from '../api/types.ts';
import { ErrorBox } from '../components/Status.tsx';
import { matches } from '../components/Table.tsx';
import { useFeedMode, useLiveEvents } from '../hooks/useLive.ts';

const MAX = 500;

const show = (v: unknown): string => (v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));

function text(e: WorldEvent): string {
  return `${e.kind} ${e.resourceName ?? ''} ${e.resourceId} ${e.change} ${e.field ?? ''} ${show(e.before)} ${show(e.after)} ${e.cause}`;
}

/** Newest first, without duplicates (by seq), capped. */
function merge(newer: WorldEvent[], older: WorldEvent[]): WorldEvent[] {
  const seen = new Set<number>();
  const out: WorldEvent[] = [];
  for (const e of [...newer, ...older]) {
    if (e.seq !== undefined) {
      if (seen.has(e.seq)) continue;
      seen.add(e.seq);
    }
    out.push(e);
    if (out.length >= MAX) break;
  }
  return out;
}

function EventRow({ e }: { e: WorldEvent }) {
  const change = e.change === 'state' || e.change === 'updated'
    ? <>{e.field ? <code>{e.field}</code> : null} {show(e.before)} → <strong>{show(e.after)}</strong></>
    : <strong>{e.change}</strong>;
  return (
    <li data-testid="event" data-kind={e.kind} data-change={e.change} className={`event change-${e.change}`}>
      <time dateTime={e.time}>{new Date(e.time).toLocaleTimeString()}</time>
      <span className="ev-kind">{e.kind}</span>
      <span className="ev-name" title={e.resourceId}>{e.resourceName ?? e.resourceId.split(/[/.]/).pop()}</span>
      <span className="ev-change">{change}</span>
      <span className="ev-cause muted">{e.cause}</span>
    </li>
  );
}

export function EventsView() {
  const mode = useFeedMode();
  const [events, setEvents] = useState<WorldEvent[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [filter, setFilter] = useState('');
  const newest = useRef<number | undefined>(undefined);
  const catching = useRef(false);

  const remember = (list: WorldEvent[]) => {
    for (const e of list) if (e.seq !== undefined && (newest.current === undefined || e.seq > newest.current)) newest.current = e.seq;
  };

  useEffect(() => {
    let live = true;
    getEvents({ newestFirst: true, limit: MAX }).then(
      (r) => {
        if (!live) return;
        remember(r.events);
        setEvents((cur) => merge(cur, r.events));
      },
      (err: unknown) => { if (live) setError(errorText(err)); },
    );
    return () => { live = false; };
  }, []);

  useLiveEvents((batch) => {
    if (batch.length > 0) {
      remember(batch);
      setEvents((cur) => merge([...batch].reverse(), cur));
      return;
    }
    // A poll tick or a reconnect: fetch whatever came after the newest event shown.
    if (catching.current || newest.current === undefined) return;
    catching.current = true;
    getEvents({ after: newest.current, limit: MAX }).then(
      (r) => {
        catching.current = false;
        remember(r.events);
        if (r.events.length > 0) setEvents((cur) => merge([...r.events].reverse(), cur));
      },
      () => { catching.current = false; },
    );
  });

  const shown = events.filter((e) => matches(text(e), filter));
  return (
    <section className="view">
      <div className="toolbar">
        <h2>Events</h2>
        <span className={`pill feed-${mode}`}>{mode === 'live' ? 'live' : mode === 'polling' ? 'polling every 2 s' : 'connecting…'}</span>
        <input data-testid="events-filter" type="search" placeholder="Filter: kind, name, field, cause…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter events" />
        <span className="muted">{shown.length} of {events.length} (newest first, last {MAX})</span>
      </div>
      <ErrorBox error={error} />
      <ol className="timeline">
        {shown.map((e, i) => <EventRow key={e.seq ?? `x${i}`} e={e} />)}
      </ol>
    </section>
  );
}
