// Fires due timers in (time, sequence) order until none is due. A transition may schedule
// another; with the instant clock those are due at once, so a whole chain settles in one pass.
import type { Tx } from '../model/tx.ts';
import { TRANSITIONS } from './transitions.ts';

const MAX_STEPS = 1_000_000;

export function dueTimerCount(tx: Tx, now: number): number {
  let n = 0;
  for (const t of tx.list('fr.Timer')) if (t.at <= now) n++;
  return n;
}

/** Returns the number of transitions fired. */
export function settle(tx: Tx): number {
  let fired = 0;
  const outerCause = tx.ctx.cause;
  for (;;) {
    const due = tx.list('fr.Timer').filter((t) => t.at <= tx.ctx.now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    if (due.length === 0) break;
    for (const timer of due) {
      if (tx.get('fr.Timer', timer.id) === undefined) continue; // cancelled by an earlier transition
      tx.remove('fr.Timer', timer.id);
      const transition = TRANSITIONS[timer.action];
      if (!transition) continue; // from a newer version: drop rather than wedge the clock
      tx.ctx.cause = `lifecycle:${timer.action}`;
      transition(tx, timer.target, timer.params ?? {});
      if (++fired > MAX_STEPS) throw new Error('lifecycle did not settle');
    }
  }
  tx.ctx.cause = outerCause;
  return fired;
}

/** The next time a timer is due, if any. */
export function nextDue(tx: Tx): number | undefined {
  let next: number | undefined;
  for (const t of tx.list('fr.Timer')) if (next === undefined || t.at < next) next = t.at;
  return next;
}
