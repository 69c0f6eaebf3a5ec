// Bounded per-minute history of every series. A series is a step function: the value recorded at
// a minute holds until the next change, so only changes are stored (a series steady for 24 h costs
// one entry, not 1,440) and reading any minute of the window is a binary search. A minute's point is
// the last value sampled in it. A resource that disappears records NaN: no data from then on.
import type { MetricDef } from './catalogue.ts';
import { metricKey } from './catalogue.ts';
import type { Sample } from './collect.ts';

export const MINUTE_MS = 60_000;
/** 24 hours of 1-minute points. */
export const DEFAULT_WINDOW_MINUTES = 24 * 60;

export interface Series {
  metric: MetricDef;
  resourceId: string;
  dims: readonly string[];
  scope: string;
  /** Minutes (ms / 60,000) at which the value changed, ascending, with the value from then on. */
  minutes: number[];
  values: number[];
}

export class MetricHistory {
  private readonly series = new Map<string, Series>();
  /** Series per resource (lower-case id), for the per-resource APIs. */
  private readonly byResource = new Map<string, Set<Series>>();

  constructor(readonly windowMinutes: number = DEFAULT_WINDOW_MINUTES) {}

  /** Records a full set of samples taken at `minute`; series absent from it stop (NaN). */
  record(minute: number, samples: readonly Sample[]): void {
    const seen = new Set<Series>();
    for (const s of samples) {
      const key = `${metricKey(s.metric)}|${s.resourceId.toLowerCase()}|${s.dims.join('\u0000')}`;
      let series = this.series.get(key);
      if (series === undefined) {
        series = { metric: s.metric, resourceId: s.resourceId, dims: s.dims, scope: s.scope, minutes: [], values: [] };
        this.series.set(key, series);
        const rid = s.resourceId.toLowerCase();
        let set = this.byResource.get(rid);
        if (set === undefined) this.byResource.set(rid, (set = new Set()));
        set.add(series);
      }
      seen.add(series);
      put(series, minute, s.value);
    }
    for (const series of this.series.values()) if (!seen.has(series)) put(series, minute, Number.NaN);
    this.trim(minute);
  }

  all(): Iterable<Series> {
    return this.series.values();
  }

  forResource(resourceId: string): Series[] {
    return [...(this.byResource.get(resourceId.toLowerCase()) ?? [])];
  }

  /** Drops changes older than the window, keeping the last one before it (it still gives the window's first value). */
  private trim(minute: number): void {
    const start = minute - this.windowMinutes;
    for (const [key, s] of this.series) {
      let drop = 0;
      while (drop + 1 < s.minutes.length && (s.minutes[drop + 1] ?? Infinity) <= start) drop++;
      if (drop > 0) {
        s.minutes.splice(0, drop);
        s.values.splice(0, drop);
      }
      // A series that ended before the window holds nothing any more.
      if (s.minutes.length === 1 && (s.minutes[0] ?? 0) <= start && Number.isNaN(s.values[0])) {
        this.series.delete(key);
        this.byResource.get(s.resourceId.toLowerCase())?.delete(s);
      }
    }
  }
}

function put(s: Series, minute: number, value: number): void {
  const n = s.minutes.length;
  const last = s.values[n - 1];
  if (n > 0 && s.minutes[n - 1] === minute) {
    s.values[n - 1] = value;
    // Back to the value before this minute: the change did not last the minute.
    if (n > 1 && same(s.values[n - 2], value)) {
      s.minutes.pop();
      s.values.pop();
    }
    return;
  }
  if (n > 0 && same(last, value)) return;
  if (n === 0 && Number.isNaN(value)) return;
  s.minutes.push(minute);
  s.values.push(value);
}

function same(a: number | undefined, b: number): boolean {
  return a === b || (a !== undefined && Number.isNaN(a) && Number.isNaN(b));
}

/** The series' value at each minute of [from, to) (undefined: no data), at most `to - from` entries. */
export function pointsOf(s: Series, from: number, to: number): (number | undefined)[] {
  const out: (number | undefined)[] = new Array<number | undefined>(Math.max(0, to - from)).fill(undefined);
  // The last change at or before `from`.
  let lo = 0;
  let hi = s.minutes.length - 1;
  let i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((s.minutes[mid] ?? 0) <= from) {
      i = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let m = from; m < to; m++) {
    while (i + 1 < s.minutes.length && (s.minutes[i + 1] ?? Infinity) <= m) i++;
    const v = i < 0 ? undefined : s.values[i];
    out[m - from] = v === undefined || Number.isNaN(v) ? undefined : v;
  }
  return out;
}
