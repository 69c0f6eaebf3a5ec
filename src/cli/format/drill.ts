// Drills: the routes before and during (redundant versus non-redundant prefixes, as Azure's link
// failover test words it), what changed, and the list of running drills.
import type { DrillListing, DrillReport, DrillStopResponse, RouteImpact, RouteView } from '../../api/admin/contract.ts';
import { table } from './table.ts';

const list = (xs: readonly string[]): string => (xs.length === 0 ? 'none' : xs.join(', '));

export function formatRouteView(title: string, v: RouteView): string {
  const out = [`${title} (${v.interconnect}):`];
  for (const s of v.sessions) {
    out.push(`  ${s.path.padEnd(9)} ${s.up ? 'up  ' : 'down'} · ${s.toAzure} route(s) to Azure, ${s.toOci} to OCI${s.reason === undefined ? '' : ` · ${s.reason}`}`);
  }
  if (v.down !== undefined) out.push(`  nothing crosses: ${v.down}${v.downReason === undefined ? '' : ` (${v.downReason})`}`);
  out.push(`  redundant prefixes (${v.redundant.length}): ${list(v.redundant)}`);
  out.push(`  non-redundant prefixes (${v.nonRedundant.length}): ${list(v.nonRedundant)}`);
  return out.join('\n');
}

function formatImpact(i: RouteImpact): string {
  return [
    'Impact:',
    `  lost: ${list(i.lost)}`,
    `  no longer redundant: ${list(i.degraded)}`,
    `  added: ${list(i.added)}`,
    `  best path changed: ${list(i.rerouted)}`,
  ].join('\n');
}

function describe(d: { kind: string; path?: string; prefix?: string; side?: string; count?: number }): string {
  return [d.kind, d.path, d.prefix, d.side === undefined ? undefined : `(${d.side})`, d.count === undefined ? undefined : `×${d.count}`].filter((x) => x !== undefined).join(' ');
}

export function formatDrillReport(r: DrillReport): string {
  return [
    `Drill ${r.id} started: ${describe(r.drill)} on ${r.interconnect}.`,
    '',
    formatRouteView('Before', r.before),
    '',
    formatRouteView('During', r.during),
    '',
    formatImpact(r.impact),
    '',
    `Trace during the drill with \`fastroute trace\`; stop it with \`fastroute drill stop ${r.id}\`.`,
  ].join('\n');
}

export function formatDrillStop(r: DrillStopResponse): string {
  if (r.stopped.length === 0) return 'No drill was running.';
  return [`Stopped ${r.stopped.join(', ')}.`, ...r.after.map((v) => `\n${formatRouteView('After', v)}`)].join('\n');
}

export function formatDrillList(drills: readonly DrillListing[]): string {
  if (drills.length === 0) return 'No drill is running.';
  return table(['Id', 'Drill', 'Interconnect', 'Started'], drills.map((d) => [d.id, describe(d), d.interconnect, d.startedAt]));
}
