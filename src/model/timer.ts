// A scheduled state transition. The lifecycle layer owns the actions; the model only stores them,
// so pending transitions survive a restart with everything else.

export interface Timer {
  id: string;
  /** Due time, ms since the epoch on the engine clock. */
  at: number;
  /** Monotonic tie-breaker so timers due at the same instant fire in scheduling order. */
  seq: number;
  action: string;
  target: string;
  params?: Record<string, unknown>;
}

/** The largest instant a JavaScript Date represents (ECMAScript's time-value range, ±8.64e15 ms). */
export const MAX_TIME_MS = 8.64e15;

/** Whether `ms` is an instant a Date can represent; anything else must never be scheduled or stored. */
export function isValidTime(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS;
}
