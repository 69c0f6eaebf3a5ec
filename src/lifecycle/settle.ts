// Fires due timers in (time, sequence) order until none is due. A transition may schedule
// another; with the instant clock those are due at once, so a whole chain settles in one pass.
import type { Tx } from '../model/tx.ts';
import { TRANSITIONS } from './transitions.ts';
import { TimerQueue } from './timer-queue.ts';
import { runSteps, type Steps } from '../model/steps.ts';

const MAX_STEPS = 1_000_000;

export function dueTimerCount(tx: Tx, now: number): number {
  let n = 0;
  for (const t of tx.list('fr.Timer')) if (t.at <= now) n++;
  return n;
}

/**
 * Fires every timer due by `tx.ctx.now`, earliest first, each at its own due time: a chain of
 * transitions inside a clock jump (manual advance, a pause in realistic mode) unfolds as it would
 * have in real time, and events carry the time each step happened. Returns the number fired.
 */
export function settle(tx: Tx): number {
  return runSteps(settleSteps(tx));
}

/** settle, one step per timer fired, for the engine to run in slices after a big unit of work. */
export function* settleSteps(tx: Tx): Steps<number> {
  const outerCause = tx.ctx.cause;
  const until = tx.ctx.now;
  const queue = new TimerQueue();
  for (const t of tx.list('fr.Timer')) if (t.at <= until) queue.push(t);
  tx.onSchedule = (t) => { if (t.at <= until) queue.push(t); };
  let fired = 0;
  try {
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (tx.get('fr.Timer', next.id) === undefined) continue; // cancelled by an earlier transition
      tx.remove('fr.Timer', next.id);
      const transition = TRANSITIONS[next.action];
      if (!transition) continue; // from a newer version: drop rather than wedge the clock
      tx.ctx.now = next.at; // non-decreasing: the heap pops in order and chains are scheduled from here
      tx.ctx.cause = `lifecycle:${next.action}`;
      transition(tx, next.target, next.params ?? {});
      if (++fired > MAX_STEPS) throw new Error('lifecycle did not settle');
      yield;
    }
  } finally {
    tx.onSchedule = undefined;
    tx.ctx.now = until;
    tx.ctx.cause = outerCause;
  }
  return fired;
}

/** The next time a timer is due, if any. */
export function nextDue(tx: Tx): number | undefined {
  let next: number | undefined;
  for (const t of tx.list('fr.Timer')) if (next === undefined || t.at < next) next = t.at;
  return next;
}
