// Whether a daemon recorded by pid and start time still runs: the same pid with the same start time is
// the same process (a pid may be reused at once on a busy machine), and a zombie has exited already
// (only its parent's wait() is missing).
import { readFileSync } from 'node:fs';
import { startTimeOf } from '../../src/dataplane/processes.ts';

export function stillRuns(pid: number, startTime: string | undefined): boolean {
  if (startTime === undefined || startTimeOf(pid) !== startTime) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return false;
  }
}
