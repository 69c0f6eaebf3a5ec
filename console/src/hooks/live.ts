// The console's one source of "something changed": the server-sent event stream of the world's
// events. Views refetch when it speaks. When the stream cannot be opened (older server, proxy
// trouble) the feed falls back to a 2 s poll tick, and keeps retrying the stream in the background.
import { API } from '../api/client.ts';
import type { WorldEvent } from '../api/types.ts';

export type FeedMode = 'connecting' | 'live' | 'polling';

/** Called with the events that arrived (empty for a poll tick or a manual refresh). */
export type FeedListener = (events: WorldEvent[]) => void;

const POLL_MS = 2000;
const RECONNECT_MS = 10_000;

/** The stream's data is one event per message; an array or `{events}` is accepted too. */
export function parseEvents(data: string): WorldEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return [];
  }
  const list: unknown[] = Array.isArray(parsed) ? parsed
    : typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { events?: unknown }).events) ? (parsed as { events: unknown[] }).events
      : [parsed];
  return list.filter((e): e is WorldEvent => typeof e === 'object' && e !== null && 'kind' in e && 'change' in e);
}

export class LiveFeed {
  private readonly listeners = new Set<FeedListener>();
  private readonly modeListeners = new Set<() => void>();
  private source: EventSource | undefined;
  private pollTimer: number | undefined;
  private retryTimer: number | undefined;
  private stopped = false;
  mode: FeedMode = 'connecting';

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.source?.close();
    this.source = undefined;
    window.clearInterval(this.pollTimer);
    window.clearTimeout(this.retryTimer);
    this.pollTimer = undefined;
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onMode(listener: () => void): () => void {
    this.modeListeners.add(listener);
    return () => this.modeListeners.delete(listener);
  }

  /** Tells every view to refetch now (after the console itself changed the world). */
  bump(): void {
    this.emit([]);
  }

  private emit(events: WorldEvent[]): void {
    for (const l of [...this.listeners]) l(events);
  }

  private setMode(mode: FeedMode): void {
    if (this.mode === mode) return;
    this.mode = mode;
    for (const l of [...this.modeListeners]) l();
  }

  private connect(): void {
    if (this.stopped || typeof EventSource === 'undefined') {
      this.startPolling();
      return;
    }
    const es = new EventSource(`${API}/events/stream`);
    this.source = es;
    es.onopen = () => {
      this.stopPolling();
      const reconnected = this.mode !== 'connecting';
      this.setMode('live');
      // Whatever happened while the stream was down is fetched once (the first open needs nothing:
      // the views have just fetched).
      if (reconnected) this.emit([]);
    };
    es.onmessage = (m: MessageEvent<string>) => {
      const events = parseEvents(m.data);
      if (events.length > 0) this.emit(events);
    };
    es.onerror = () => {
      // CONNECTING: the browser retries by itself; CLOSED (e.g. a 404): it gave up, so retry later.
      this.startPolling();
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        this.source = undefined;
        window.clearTimeout(this.retryTimer);
        this.retryTimer = window.setTimeout(() => this.connect(), RECONNECT_MS);
      }
    };
  }

  private startPolling(): void {
    this.setMode('polling');
    if (this.pollTimer !== undefined) return;
    this.pollTimer = window.setInterval(() => this.emit([]), POLL_MS);
  }

  private stopPolling(): void {
    window.clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }
}
