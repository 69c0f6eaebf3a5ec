// Drills: the routes before and during (redundant versus non-redundant prefixes, as Azure's link
// failover test words it), what changed, and the list of running drills.
import type { DrillListing, DrillReport, DrillStopResponse, RouteImpact, RouteView } from '../../api/admin/contract.ts';
import { table } from './table.ts';
import { formatTrafficShift } from './traffic.ts';

const list = (xs: readonly string[]): string => (xs.length === 0 ? 'none' : xs.join(', '));

const asPath = (p: readonly number[] | undefined): string => (p === undefined ? '' : ` (AS path ${p.join(' ')})`);

/** Which link(s) carry the prefixes one way, and why; "primary + secondary (ecmp)" when they share. */
function bestPaths(best: RouteView['bestToAzure']): string {
  const ways = new Map<string, number>();
  for (const b of best) {
    const way = `${b.paths.join(' + ')} (${b.reason})`;
    ways.set(way, (ways.get(way) ?? 0) + 1);
  }
  if (ways.size === 0) return 'none';
  if (ways.size === 1) return [...ways.keys()].join('');
  return [...ways].map(([way, n]) => `${n} prefix(es) via ${way}`).join(', ');
}

export function formatRouteView(title: string, v: RouteView): string {
  const out = [`${title} (${v.interconnect}):`];
  for (const s of v.sessions) {
    const routes = `${s.toAzure} route(s) to Azure${asPath(s.asPathToAzure)}, ${s.toOci} to OCI${asPath(s.asPathToOci)}`;
    out.push(`  ${s.path.padEnd(9)} ${s.up ? 'up  ' : 'down'} · ${routes}${s.reason === undefined ? '' : ` · ${s.reason}`}`);
  }
  if (v.down !== undefined) out.push(`  nothing crosses: ${v.down}${v.downReason === undefined ? '' : ` (${v.downReason})`}`);
  else out.push(`  best path to Azure: ${bestPaths(v.bestToAzure)}; to OCI: ${bestPaths(v.bestToOci)}`);
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
    ...(r.traffic === undefined ? [] : [formatTrafficShift(r.traffic), '']),
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
