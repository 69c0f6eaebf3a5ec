// The clock, as one line a human can read at a glance, then what is pending (a bare count of
// transitions puzzled people after a `down`: they are deleted resources' retention, mostly).
import type { ClockStatus } from '../../api/admin/contract.ts';

/** "in 5 min", "in 12 s", "now": how far the next transition is from the clock's now. */
function fromNow(dueIso: string, nowIso: string): string {
  const s = Math.round((Date.parse(dueIso) - Date.parse(nowIso)) / 1000);
  if (s <= 0) return 'now';
  return s < 120 ? `in ${s} s` : `in ${Math.round(s / 60)} min`;
}

export function formatClock(c: ClockStatus): string {
  const scale = c.mode === 'instant' ? '' : ` (delays ×${c.scale})`;
  const next = c.nextDue === undefined ? '' : `, next ${fromNow(c.nextDue, c.now)} (${c.nextDue})`;
  const pending = c.pendingTransitions === 0 ? 'nothing pending' : `${c.pendingTransitions} transition(s) pending${next}`;
  const lines = [`Clock: ${c.mode}${scale} · now ${c.now} · ${pending}`];
  for (const g of c.pending) lines.push(`  ${String(g.count).padStart(4)} × ${g.meaning}`);
  return lines.join('\n');
}
