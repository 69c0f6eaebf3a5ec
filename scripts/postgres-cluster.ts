// A throw-away PostgreSQL cluster for tests and benches: Debian's binaries (/usr/lib/postgresql/<ver>/bin),
// `initdb` on a temporary data directory, `pg_ctl start` on a free loopback port with its unix socket
// in that directory (no systemd, no /var/run), trust authentication for the `postgres` role, and
// `pg_ctl stop` + removal afterwards. PostgreSQL refuses to run as root: as root, the directory is
// given to the `postgres` user and the binaries run through `runuser -u postgres --`.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const TOOLS = ['initdb', 'pg_ctl', 'postgres'] as const;
const START_TIMEOUT_S = 60;

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres: the maintenance database, for CREATE DATABASE. */
  readonly url: string;
  readonly port: number;
  /** Stops the server (immediate shutdown) and removes its directory. Synchronous: safe in an exit hook. */
  stop(): void;
}

export interface ClusterOptions {
  /**
   * false (tests): no fsync, as nothing here survives an OS crash anyway; a killed FastRoute still
   * loses nothing PostgreSQL acknowledged. true (benches): the server's defaults.
   */
  durable?: boolean;
}

/** The directory holding initdb, pg_ctl and postgres (the newest Debian version), or why there is none. */
export function postgresBinDir(): { dir: string } | { missing: string } {
  const versions = existsSync(DEBIAN_ROOT) ? readdirSync(DEBIAN_ROOT).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const dir = path.join(DEBIAN_ROOT, v, 'bin');
    if (TOOLS.every((t) => existsSync(path.join(dir, t)))) return { dir };
  }
  return { missing: `PostgreSQL is not installed (no ${DEBIAN_ROOT}/<version>/bin/initdb; Debian package postgresql)` };
}

/** Why a cluster cannot be started here, or undefined when it can. */
export function postgresUnavailable(): string | undefined {
  const bin = postgresBinDir();
  if ('missing' in bin) return bin.missing;
  if (process.getuid?.() === 0 && postgresUid() === undefined) return 'running as root and there is no postgres user to run PostgreSQL as';
  return undefined;
}

function postgresUid(): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid === undefined || gid === undefined ? undefined : { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

export async function startPostgresCluster(opts: ClusterOptions = {}): Promise<PostgresCluster> {
  const unavailable = postgresUnavailable();
  if (unavailable !== undefined) throw new Error(unavailable);
  const bin = (postgresBinDir() as { dir: string }).dir;
  const owner = process.getuid?.() === 0 ? postgresUid() : undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fastroute-pg-'));
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  const run = (tool: string, args: readonly string[]): void => {
    const [cmd, argv] = owner === undefined ? [path.join(bin, tool), args] : ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]];
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir, timeout: (START_TIMEOUT_S + 10) * 1000 });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status ?? r.signal ?? r.error?.message}): ${r.stderr}${r.stdout}`);
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const settings = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c max_connections=300', ...(opts.durable === true ? [] : ['-c fsync=off', '-c full_page_writes=off'])];
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', String(START_TIMEOUT_S), '-o', settings.join(' '), 'start']);
    let stopped = false;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      port,
      stop() {
        if (stopped) return;
        stopped = true;
        try {
          // immediate: the directory goes next, so no shutdown checkpoint is worth waiting for.
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
