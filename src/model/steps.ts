// Long units of work written as generators that yield between steps (one resource, one timer), so
// the engine can give the event loop a turn between slices of a big lab while tests and small
// callers simply run them to the end.
export type Steps<T> = Generator<void, T, undefined>;

/** Runs every step at once and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
}

/** Runs steps to the end, possibly over several turns of the event loop (the engine's Slicer). */
export type StepRunner = <T>(steps: Steps<T>) => Promise<T>;
