// The clock, as one line a human can read at a glance.
import type { ClockStatus } from '../../api/admin/contract.ts';

export function formatClock(c: ClockStatus): string {
  const scale = c.mode === 'instant' ? '' : ` (delays ×${c.scale})`;
  const pending = c.pendingTransitions === 0 ? 'nothing pending' : `${c.pendingTransitions} transition(s) pending${c.nextDue === undefined ? '' : `, next at ${c.nextDue}`}`;
  return `Clock: ${c.mode}${scale} · now ${c.now} · ${pending}`;
}
