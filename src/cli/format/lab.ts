// Lab progress and outcomes. Progress lines carry the elapsed time because under the realistic
// clock a lab takes a while and the user should see it is moving. `up` and `down` count the same
// set (the lab's resources) and name apart what the clouds made with them (lab/census.ts).
import type { KindCount, LabDownResponse, LabProgress, LabUpReport } from '../../api/admin/contract.ts';
import { seconds } from './table.ts';

const SHOWN_KINDS = 4;

export function formatProgress(p: LabProgress, elapsedMs: number): string {
  return `  [${seconds(elapsedMs).padStart(7)}] ${p.phase.padEnd(12)} ${p.message}`;
}

/** ", plus 40 parts and defaults that came with them (12 oci.DrgRouteRule, …)" or nothing. */
function withThem(kinds: readonly KindCount[], verb: string): string {
  const total = kinds.reduce((n, k) => n + k.count, 0);
  if (total === 0) return '';
  const shown = kinds.slice(0, SHOWN_KINDS).map((k) => `${k.count} ${k.kind}`);
  if (kinds.length > SHOWN_KINDS) shown.push('…');
  return `\n  Not counted: ${total} parts and defaults the clouds ${verb} with them (${shown.join(', ')}).`;
}

export function formatUpReport(r: LabUpReport): string {
  const lines = [r.resumed === true
    ? `Lab ${r.lab} is up: finished (its connections were missing) in ${seconds(r.elapsedMs)}.`
    : `Lab ${r.lab} is up: ${r.created} resources created in ${seconds(r.elapsedMs)}.${withThem(r.withThem, 'made')}`];
  for (const i of r.incomplete) lines.push(`  ! interconnect ${i.name} did not finish: ${i.reason}`);
  return lines.join('\n');
}

export function formatDownReport(r: LabDownResponse): string {
  return `Lab ${r.lab} is down: ${r.deleted} resources deleted in ${seconds(r.elapsedMs)}.${withThem(r.withThem, 'removed')}`
    + '\n  Deleted OCI resources stay readable as TERMINATED for a few minutes, as in OCI (`fastroute clock` lists them).';
}
