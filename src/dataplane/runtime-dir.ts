// Where a server without a data directory (in-memory store) keeps its data plane record: a runtime
// directory that outlives the process, so the next start can reap what a kill -9 left behind. Per
// user: /run/fastroute for root, $XDG_RUNTIME_DIR/fastroute otherwise, else <tmp>/fastroute-<uid>;
// FASTROUTE_RUNTIME_DIR (absolute) overrides it (a service manager's RuntimeDirectory, a test's own).
// Each server writes its own file (several may run at once); a start reaps only the records whose
// owner is dead. The directory must be the user's own and writable by no one else: a record there
// decides what root deletes and kills.
import { lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RECORD_NAME = /^dataplane-\d+-[0-9a-f]{8}\.json$/;

/** The runtime directory for a user (pure: uid, environment and temp dir given). */
export const RUNTIME_DIR_ENV = 'FASTROUTE_RUNTIME_DIR';

export function runtimeDirFor(uid: number, env: Readonly<Record<string, string | undefined>>, tmp: string): string {
  const own = env[RUNTIME_DIR_ENV];
  if (own !== undefined && path.isAbsolute(own)) return own;
  if (uid === 0) return '/run/fastroute';
  const xdg = env.XDG_RUNTIME_DIR;
  if (xdg !== undefined && path.isAbsolute(xdg)) return path.join(xdg, 'fastroute');
  return path.join(tmp, `fastroute-${uid}`);
}

export const runtimeDir = (): string => runtimeDirFor(process.getuid?.() ?? 0, process.env, tmpdir());

/** A record file of its own for one data plane of this process (pid, then random: two in one process differ). */
export const runtimeRecordFile = (dir: string): string => path.join(dir, `dataplane-${process.pid}-${randomBytes(4).toString('hex')}.json`);

/** Why the directory cannot be trusted (a symlink, someone else's, writable by others), or undefined. */
export function untrusted(dir: string): string | undefined {
  const st = lstatSync(dir);
  const uid = process.getuid?.() ?? 0;
  if (!st.isDirectory()) return `${dir} is not a directory`;
  if (st.uid !== uid) return `${dir} belongs to uid ${st.uid}, not ${uid}`;
  if ((st.mode & 0o022) !== 0) return `${dir} is writable by others (mode ${(st.mode & 0o777).toString(8)})`;
  return undefined;
}

/** Creates the directory (mode 0700) if needed; throws when it exists but cannot be trusted. */
export function ensureRuntimeDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const why = untrusted(dir);
  if (why !== undefined) throw new Error(`the data plane's runtime directory cannot be used: ${why}`);
}

/** The record files in the directory (none when it does not exist); throws when it cannot be trusted. */
export function runtimeRecords(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const why = untrusted(dir);
  if (why !== undefined) throw new Error(`the data plane's runtime directory cannot be used: ${why}`);
  return names.filter((n) => RECORD_NAME.test(n)).sort().map((n) => path.join(dir, n));
}
