// Aggregates per-minute points into intervals, as both clouds' metric APIs do: each interval's
// average, minimum, maximum, total and count of the minutes that have data.
import { pointsOf, type Series } from './history.ts';

export interface Bucket {
  /** First minute of the interval. */
  minute: number;
  count: number;
  total: number;
  minimum: number;
  maximum: number;
  /** The last minute's value (OCI last()). */
  last: number;
}

/** Buckets of `interval` minutes over [from, to); a bucket with no data has count 0. Several series are merged minute by minute (each series' point counts). */
export function buckets(series: readonly Series[], from: number, to: number, interval: number): Bucket[] {
  const out: Bucket[] = [];
  for (let m = from; m < to; m += interval) out.push({ minute: m, count: 0, total: 0, minimum: Infinity, maximum: -Infinity, last: Number.NaN });
  for (const s of series) {
    const points = pointsOf(s, from, to);
    for (let i = 0; i < points.length; i++) {
      const v = points[i];
      if (v === undefined) continue;
      const b = out[Math.floor(i / interval)];
      if (b === undefined) continue;
      b.count++;
      b.total += v;
      if (v < b.minimum) b.minimum = v;
      if (v > b.maximum) b.maximum = v;
      b.last = v;
    }
  }
  return out;
}
