// Summary statistics of a series of measurements (milliseconds, megabytes...).

export interface Summary {
  runs: number;
  median: number;
  min: number;
  max: number;
  /** 90th percentile (nearest rank); only reported when there are enough runs for it to mean something. */
  p90?: number;
}

/** Fewer runs than this and the "90th percentile" is just the maximum, so it is left out. */
export const P90_MIN_RUNS = 10;

export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

function sorted(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b);
}

export function median(samples: readonly number[]): number {
  const s = sorted(samples);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? Number.NaN) + (s[mid] ?? Number.NaN)) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  const s = sorted(samples);
  if (s.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(rank, s.length) - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const s = sorted(samples);
  const summary: Summary = {
    runs: s.length,
    median: round(median(s)),
    min: round(s[0] ?? Number.NaN),
    max: round(s[s.length - 1] ?? Number.NaN),
  };
  if (s.length >= P90_MIN_RUNS) summary.p90 = round(percentile(s, 90));
  return summary;
}
