// Rates from the kernel's cumulative counters (pure). A minute's point is the last value sampled in
// it (history.ts), so a rate is the average since the start of the current wall-clock minute (the
// read before it), not since the previous read: the last sample of a minute is then that minute's
// average, as Azure's 1-minute BitsInPerSecond is, and a burst early in the minute is not replaced by
// the idle seconds after it. A counter that went backwards (namespaces recreated) starts afresh.
import { MINUTE_MS } from './history.ts';

export interface CounterTotals {
  bytes: number;
  packets: number;
  drops: number;
}

export interface RateWindow {
  startMs: number;
  start: CounterTotals;
  lastMs: number;
  last: CounterTotals;
}

export interface Rates {
  bitsPerSecond: number;
  packetsPerSecond: number;
  dropsPerSecond: number;
}

/** The window after a read at `atMs` (a new minute starts it at the previous read). */
export function advance(w: RateWindow | undefined, atMs: number, now: CounterTotals): RateWindow {
  if (w === undefined || now.bytes < w.last.bytes || now.packets < w.last.packets) return { startMs: atMs, start: now, lastMs: atMs, last: now };
  const sameMinute = Math.floor(w.startMs / MINUTE_MS) === Math.floor(atMs / MINUTE_MS);
  return sameMinute ? { ...w, lastMs: atMs, last: now } : { startMs: w.lastMs, start: w.last, lastMs: atMs, last: now };
}

/** The average rates over the window (zero before a second read). */
export function ratesOf(w: RateWindow): Rates {
  const seconds = (w.lastMs - w.startMs) / 1000;
  if (seconds <= 0) return { bitsPerSecond: 0, packetsPerSecond: 0, dropsPerSecond: 0 };
  return {
    bitsPerSecond: ((w.last.bytes - w.start.bytes) * 8) / seconds,
    packetsPerSecond: (w.last.packets - w.start.packets) / seconds,
    dropsPerSecond: Math.max(0, w.last.drops - w.start.drops) / seconds,
  };
}
