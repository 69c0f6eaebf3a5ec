// Runs the steps of a long unit of work in slices of about SLICE_MS, giving the event loop a turn
// (setImmediate: pending I/O such as a GET /status is served first) between slices, so one big lab
// never holds the server for seconds. Steps are small (one resource, one timer), so a slice ends
// within a step of its budget.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Steps } from '../model/steps.ts';

/** Work between two turns of the event loop, in ms. */
export const SLICE_MS = 20;

export class Slicer {
  private sliceStart = performance.now();
  /** Steps run so far, across every drain. */
  steps = 0;

  constructor(private readonly onTurn: () => void = () => undefined, private readonly sliceMs = SLICE_MS) {}

  /** Gives the event loop a turn if the current slice has used its time. */
  async turnIfDue(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    this.onTurn();
    await nextTurn();
    this.sliceStart = performance.now();
  }

  /** Runs every step, turning between slices; returns the result. */
  async drain<T>(steps: Steps<T>): Promise<T> {
    for (;;) {
      const r = steps.next();
      if (r.done === true) return r.value;
      this.steps += 1;
      if (performance.now() - this.sliceStart >= this.sliceMs) await this.turnIfDue();
    }
  }
}
