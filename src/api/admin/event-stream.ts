// GET /events/stream: the event log, live, as server-sent events. Each committed event is one
// message (`id: <seq>` and `data: <WorldEvent JSON>`), in commit order. A comment opens the stream
// and another is sent every heartbeat so proxies keep it open. A client that reconnects with
// `Last-Event-ID` (EventSource does this by itself) or asks `?after=SEQ` first gets what it missed
// from the store, then the live events, without gaps or duplicates. A client that falls too far
// behind is disconnected (it reconnects and catches up from the store); closing the server ends
// every stream so it never waits on one.
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { WorldEvent } from '../../model/event.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, EVENT_STREAM } from './contract.ts';
import { DEFAULT_EVENT_LIMIT } from './events.ts';
import { parseInput } from './validate.ts';

export interface EventStreamOptions {
  /** Milliseconds between heartbeat comments (default 15 s). */
  heartbeatMs?: number;
}

export const DEFAULT_HEARTBEAT_MS = 15_000;
/** How long EventSource waits before reconnecting (the `retry:` field). */
const RETRY_MS = 2_000;
/** A client this far behind (bytes queued in the socket) is dropped; it catches up when it reconnects. */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;
/** How long closing the server waits for a stream's last bytes before cutting it. */
const CLOSE_GRACE_MS = 1_000;

const streamQuery = z.strictObject({
  after: z.coerce.number().int().min(0).optional(),
});

/** `Last-Event-ID` is the seq of the last event the client saw; anything else is ignored. */
function lastEventId(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

function message(e: WorldEvent): string {
  // JSON.stringify never emits a raw newline, so one data line always holds the whole event.
  return `${e.seq === undefined ? '' : `id: ${e.seq}\n`}data: ${JSON.stringify(e)}\n\n`;
}

export function registerEventStreamRoutes(app: FastifyInstance, ctx: AdminContext, opts: EventStreamOptions = {}): void {
  const heartbeatMs = opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  /** Every open stream, ended by the server's preClose so `close()` never waits on a client. */
  const open = new Set<ServerResponse>();

  app.addHook('preClose', async () => {
    await Promise.all([...open].map((res) => new Promise<void>((resolve) => {
      const cut = setTimeout(() => { res.destroy(); resolve(); }, CLOSE_GRACE_MS);
      cut.unref();
      res.once('close', () => { clearTimeout(cut); resolve(); });
      res.end();
    })));
  });

  app.get(`${API_PREFIX}/events/stream`, async (req, reply) => {
    const q = parseInput(streamQuery, req.query, 'query');
    const after = q.after ?? lastEventId(req.headers['last-event-id']);
    const { engine } = ctx;

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': `${EVENT_STREAM}; charset=utf-8`,
      'cache-control': 'no-cache, no-transform',
      // A stream is never reused for another request: closing it closes the socket.
      connection: 'close',
      'x-accel-buffering': 'no',
    });
    open.add(res);

    let closed = false;
    const write = (chunk: string): void => {
      if (closed || res.writableEnded || res.destroyed) return;
      res.write(chunk);
      if (res.writableLength > MAX_QUEUED_BYTES) res.end();
    };
    /** While catching up from the store, live events wait here (undefined once live). */
    let pending: WorldEvent[] | undefined = after === undefined ? undefined : [];
    const onCommitted = (events: WorldEvent[]): void => {
      if (pending) pending.push(...events);
      else for (const e of events) write(message(e));
    };
    const heartbeat = setInterval(() => { write(`: heartbeat ${new Date().toISOString()}\n\n`); }, heartbeatMs);
    heartbeat.unref();
    const cleanup = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      engine.events.off('committed', onCommitted);
      open.delete(res);
    };
    res.on('close', cleanup);
    res.on('error', cleanup);
    engine.events.on('committed', onCommitted);
    write(`retry: ${RETRY_MS}\n: fastroute events\n\n`);

    if (after !== undefined) {
      try {
        let seen = after;
        for (;;) {
          const page = await engine.queryEvents({ afterSeq: seen, newestFirst: false, limit: DEFAULT_EVENT_LIMIT });
          for (const e of page) write(message(e));
          seen = page.reduce((max, e) => Math.max(max, e.seq ?? 0), seen);
          if (page.length < DEFAULT_EVENT_LIMIT || closed) break;
        }
        // Live events committed while the store was read may also have been read from it.
        const live = pending ?? [];
        pending = undefined;
        for (const e of live) if (e.seq === undefined || e.seq > seen) write(message(e));
      } catch (err) {
        req.log.error({ err }, 'event stream: reading missed events failed');
        res.end();
      }
    }
  });
}
