// Lab progress and outcomes. Progress lines carry the elapsed time because under the realistic
// clock a lab takes a while and the user should see it is moving.
import type { LabDownResponse, LabProgress, LabUpReport } from '../../api/admin/contract.ts';
import { seconds } from './table.ts';

export function formatProgress(p: LabProgress, elapsedMs: number): string {
  return `  [${seconds(elapsedMs).padStart(7)}] ${p.phase.padEnd(12)} ${p.message}`;
}

export function formatUpReport(r: LabUpReport): string {
  const lines = [r.resumed === true ? `Lab ${r.lab} is up: finished (its connections were missing) in ${seconds(r.elapsedMs)}.` : `Lab ${r.lab} is up: ${r.created} resources created in ${seconds(r.elapsedMs)}.`];
  for (const i of r.incomplete) lines.push(`  ! interconnect ${i.name} did not finish: ${i.reason}`);
  return lines.join('\n');
}

export function formatDownReport(r: LabDownResponse): string {
  return `Lab ${r.lab} is down: ${r.deleted} resources deleted in ${seconds(r.elapsedMs)}.`;
}
