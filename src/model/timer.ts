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
