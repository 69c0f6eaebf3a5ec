// The compiled FastRoute as users run it: `node bin/fastroute.js ...` (dist/, from `npm run build`)
// spawned as a child process, timed from spawn to exit (or to a condition), and free ports for a
// server so a bench runs beside another FastRoute on the default ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export const REPO = path.join(import.meta.dirname, '..');
export const BIN = path.join(REPO, 'bin', 'fastroute.js');
const COMPILED = path.join(REPO, 'dist', 'cli', 'main.js');

/** Fails the case, saying why, when the compiled build is missing. */
export function assertCompiled(): void {
  if (!existsSync(COMPILED)) throw new Error('dist/ is missing: run `npm run build` first (these cases time the compiled CLI)');
}

/** The environment of a child: the parent's, without its FASTROUTE_* settings, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FASTROUTE_'))), ...env };
}

export interface Exited {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node ...args` to its end; `ms` is the wall time from spawn to exit. */
export function timeNode(args: readonly string[], env: Record<string, string> = {}): Promise<Exited> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...args], { cwd: REPO, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ ms: performance.now() - start, code, stdout, stderr });
    });
  });
}

/** Times the compiled CLI; a non-zero exit fails the case with its stderr. */
export async function timeCli(args: readonly string[], env: Record<string, string> = {}): Promise<number> {
  const r = await timeNode([BIN, ...args], env);
  if (r.code !== 0) throw new Error(`fastroute ${args.join(' ')} exited ${r.code}: ${r.stderr.trim() || r.stdout.trim()}`);
  return r.ms;
}

/** A port nothing listens on right now (bound on 127.0.0.1, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code; rejects nothing. */
  exited: Promise<number | null>;
}

/** Starts `node bin/fastroute.js ...args` in the background. */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, output: () => output, exited };
}

/** Stops a spawned server by its pid (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
export async function stop(s: Spawned): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const pid = s.child.pid;
  if (pid === undefined) return;
  process.kill(pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (s.child.exitCode === null && s.child.signalCode === null) process.kill(pid, 'SIGKILL');
  }, 5000);
  await s.exited;
  clearTimeout(timer);
}
