// The event log as a table: what changed, from what to what, and why.
import type { WorldEvent } from '../../api/admin/contract.ts';
import { table } from './table.ts';

function value(v: unknown): string {
  if (v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function change(e: WorldEvent): string {
  if (e.change !== 'state' && e.change !== 'updated') return e.change;
  const field = e.field === undefined ? '' : `${e.field}: `;
  return `${field}${value(e.before)} → ${value(e.after)}`;
}

export function formatEvents(events: readonly WorldEvent[]): string {
  if (events.length === 0) return 'No events.';
  return table(
    ['Seq', 'Time', 'Kind', 'Resource', 'Change', 'Cause'],
    events.map((e) => [e.seq ?? '', e.time, e.kind, e.resourceName ?? e.resourceId, change(e), e.cause]),
  );
}
