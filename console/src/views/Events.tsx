// #/events: the event log as a live timeline, newest first by sequence number (each row also shows
// the world-clock time the change was due, which need not follow the sequence), at most MAX entries. History comes from
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

/** The world-clock time to the millisecond (events of one clock advance are often a second apart or less). */
function clockTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function EventRow({ e }: { e: WorldEvent }) {
  const change = e.change === 'state' || e.change === 'updated'
    ? <>{e.field ? <code>{e.field}</code> : null} {show(e.before)} → <strong>{show(e.after)}</strong></>
    : <strong>{e.change}</strong>;
  return (
    <tr data-testid="event" data-kind={e.kind} data-change={e.change} data-seq={e.seq} className={`event change-${e.change}`}>
      <td className="ev-seq">{e.seq === undefined ? '' : `#${e.seq}`}</td>
      <td className="ev-time"><time dateTime={e.time} title={e.time}>{clockTime(e.time)}</time></td>
      <td className="ev-kind">{e.kind}</td>
      <td className="ev-name" title={e.resourceId}>{e.resourceName ?? e.resourceId.split(/[/.]/).pop()}</td>
      <td className="ev-change">{change}</td>
      <td className="ev-cause muted">{e.cause}</td>
    </tr>
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
      <p className="muted events-note">
        Newest first by <strong>#</strong>, the order in which FastRoute recorded the changes. <strong>Due at</strong> is the
        world-clock time a change took effect: a transition that came due during a clock advance is recorded with its
        due time, so it can be earlier than a change recorded before it.
      </p>
      <table className="grid timeline">
        <thead>
          <tr><th className="ev-seq">#</th><th className="ev-time">due at (world clock)</th><th>kind</th><th>resource</th><th>change</th><th>cause</th></tr>
        </thead>
        <tbody>
          {shown.map((e, i) => <EventRow key={e.seq ?? `x${i}`} e={e} />)}
        </tbody>
      </table>
    </section>
  );
}
