// Processes that keep a data plane's namespaces alive: those running inside them (`fastroute exec`,
// a user's iperf3), found by comparing each process's network namespace with the named ones, and
// recorded helpers. Everything is killed by pid, never by name, and a recorded pid is killed only
// when its start time still matches (the pid may have been reused since a crash).
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedProcess } from './record.ts';

const NETNS_DIR = '/run/netns';
const GRACE_MS = 1000;
const POLL_MS = 50;

/** The network namespace inode of each named namespace that still exists. */
function namespaceInodes(names: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const n of names) {
    try {
      out.add(statSync(`${NETNS_DIR}/${n}`).ino);
    } catch {
      // already gone
    }
  }
  return out;
}

/** Pids of the processes whose network namespace is one of `names`. */
export function processesIn(names: readonly string[]): number[] {
  const inodes = namespaceInodes(names);
  if (inodes.size === 0) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const m = /^net:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/ns/net`));
      if (m && inodes.has(Number(m[1]))) pids.push(Number(entry));
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return pids;
}

export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Alive and not a zombie (a zombie has exited; only its parent's wait() is missing). */
const running = (pid: number): boolean => {
  if (!alive(pid)) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

/**
 * SIGTERM, then SIGKILL what is left after a grace period. Resolves with the pids signalled. A pid
 * gets SIGKILL only while it is still the process that got SIGTERM (same start time): one that
 * exited meanwhile may have handed its pid to another process.
 */
export async function terminate(pids: readonly number[]): Promise<number[]> {
  const started = new Map(pids.map((pid) => [pid, startTimeOf(pid)]));
  const signalled = pids.filter((pid) => {
    try {
      process.kill(pid, 'SIGTERM');
      return true;
    } catch {
      return false;
    }
  });
  const same = (pid: number): boolean => started.get(pid) !== undefined && startTimeOf(pid) === started.get(pid);
  for (let waited = 0; waited < GRACE_MS && signalled.some((pid) => alive(pid) && same(pid)); waited += POLL_MS) await sleep(POLL_MS);
  for (const pid of signalled.filter(same)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  // SIGKILL is delivered asynchronously: wait (bounded) until none runs, so `down` answers with them gone.
  for (let waited = 0; waited < GRACE_MS && signalled.some((pid) => running(pid) && same(pid)); waited += POLL_MS) await sleep(POLL_MS);
  return signalled;
}

/** The recorded helpers still running as the same process (same pid and start time). */
export function stillRunning(recorded: readonly RecordedProcess[]): number[] {
  return recorded.filter((p) => startTimeOf(p.pid) === p.startTime).map((p) => p.pid);
}
