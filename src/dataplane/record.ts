// The record of everything a data plane created (namespaces now; helper processes later), written
// before anything is created and kept until all of it is gone. It is what `down` removes and what
// a start after a crash (kill -9) reaps: nothing FastRoute made is found by guessing names.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../server/write-file-atomic.ts';
import { startTimeOf } from './processes.ts';
import type { DataplanePlan, NamespaceRole, NotMaterialised } from './plan.ts';
import type { RecordedDelay } from './link-delay.ts';
import type { RecordedBgp } from './bgp-daemons.ts';

export const RECORD_FILE = 'dataplane.json';

export interface RecordedNamespace {
  name: string;
  role: NamespaceRole;
  cloud: string;
  resourceId: string;
  resourceName: string;
}

/** A helper process (capture, link emulator, BGP daemon): killed by pid, once its start time matches. */
export interface RecordedProcess {
  pid: number;
  /** Field 22 of /proc/PID/stat: tells the process from a later one that reused the pid. */
  startTime: string;
  what: string;
}

export interface DataplaneRecord {
  version: 1;
  runId: string;
  ownerPid: number;
  /** The owner's start time (see RecordedProcess): a record whose owner still runs is not reaped. */
  ownerStartTime: string;
  /** creating: `up` was interrupted or is running; up: complete. */
  state: 'creating' | 'up';
  createdAt: string;
  lab?: string;
  namespaces: RecordedNamespace[];
  links: number;
  processes: RecordedProcess[];
  /** The delayed links and how each delay is made (netem, a userspace link's helper, or not at all). */
  delays: RecordedDelay[];
  notMaterialised: NotMaterialised[];
  /** BGP on the wire: the speakers (their daemons' pids are in processes) and their private directories. */
  bgp?: RecordedBgp;
}

export function recordOf(plan: DataplanePlan, lab: string | undefined, now: Date): DataplaneRecord {
  return {
    version: 1, runId: plan.runId, ownerPid: process.pid, ownerStartTime: startTimeOf(process.pid) ?? '', state: 'creating', createdAt: now.toISOString(), ...(lab === undefined ? {} : { lab }),
    namespaces: plan.namespaces.map((n) => ({ name: n.name, role: n.role, cloud: n.cloud, resourceId: n.resourceId, resourceName: n.resourceName })),
    links: plan.links.length, processes: [], delays: [], notMaterialised: plan.notMaterialised,
  };
}

export function readRecord(file: string): DataplaneRecord | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<DataplaneRecord>;
    if (parsed.version !== 1 || !Array.isArray(parsed.namespaces)) return undefined;
    return { processes: [], delays: [], notMaterialised: [], links: 0, ...parsed } as DataplaneRecord;
  } catch {
    return undefined;
  }
}

export function writeRecord(file: string, record: DataplaneRecord): void {
  writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
}

export function removeRecord(file: string): void {
  rmSync(file, { force: true });
}
