// The shape of one case in the JSON report.
import { summarize } from './stats.ts';

export interface Target {
  /** The statistic compared with the target (always the median for now). */
  statistic: 'median';
  /** The statistic must be strictly below this value, or (for rates and ratios) at least `atLeast`. */
  below?: number;
  atLeast?: number;
  unit: string;
}

export interface CaseResult {
  name: string;
  unit: string;
  runs: number;
  /** null only when the case failed. */
  median: number | null;
  min: number | null;
  max: number | null;
  p90?: number;
  /** null for informative cases (nothing to meet: `met` is then true). */
  target: Target | null;
  /** null when the case was skipped: neither met nor missed. */
  met: boolean | null;
  /** Warm-up runs done before the measured ones (not in the statistics). */
  warmup: number;
  samples: number[];
  details?: Record<string, unknown>;
  /** Why the case could not be measured (then runs is 0 and met is false). */
  error?: string;
  /** Why the case did not run because a tool it needs is missing, e.g. "chromium not found". */
  skipped?: string;
}

export interface CaseSpec {
  name: string;
  unit: string;
  /** Median must be below this (same unit); absent (with targetAtLeast) = informative. */
  targetBelow?: number;
  /** Median must be at least this (rates, ratios). */
  targetAtLeast?: number;
  warmup?: number;
}

function targetOf(spec: CaseSpec): Target | null {
  if (spec.targetBelow === undefined && spec.targetAtLeast === undefined) return null;
  return {
    statistic: 'median',
    ...(spec.targetBelow === undefined ? {} : { below: spec.targetBelow }),
    ...(spec.targetAtLeast === undefined ? {} : { atLeast: spec.targetAtLeast }),
    unit: spec.unit,
  };
}

export function caseResult(spec: CaseSpec, samples: readonly number[], details?: Record<string, unknown>): CaseResult {
  const summary = summarize(samples);
  const target = targetOf(spec);
  return {
    name: spec.name,
    unit: spec.unit,
    ...summary,
    target,
    met: target === null || (target.below === undefined || summary.median < target.below) && (target.atLeast === undefined || summary.median >= target.atLeast),
    warmup: spec.warmup ?? 0,
    samples: samples.map((s) => Math.round(s * 100) / 100),
    ...(details === undefined ? {} : { details }),
  };
}

/** A case that produced no figure: no runs, no statistics, its target kept. */
function withoutRuns(spec: CaseSpec): Omit<CaseResult, 'met'> {
  return { name: spec.name, unit: spec.unit, runs: 0, median: null, min: null, max: null, target: targetOf(spec), warmup: spec.warmup ?? 0, samples: [] };
}

export function failedCase(spec: CaseSpec, error: unknown): CaseResult {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { ...withoutRuns(spec), met: false, error: message };
}

/** Thrown by a case whose tool (a browser, a CLI) is missing: the case is reported as skipped. */
export class SkipCase extends Error {
  constructor(readonly why: string) {
    super(`skipped: ${why}`);
    this.name = 'SkipCase';
  }
}

/** A case that did not run for want of a tool: counted neither as met nor as failed. */
export function skippedCase(spec: CaseSpec, why: string): CaseResult {
  return { ...withoutRuns(spec), met: null, skipped: why };
}
