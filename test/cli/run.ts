// Test helper: runs the real CLI, as users do (`bin/fastroute.js`, the compiled build in dist/),
// as a child process. Build it first: `npm run build:server` (`npm test` and `npm run test:unit` do).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import path from 'node:path';

export const ROOT = path.join(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/fastroute.js');
const COMPILED = path.join(ROOT, 'dist/cli/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  // Keep the parent's FASTROUTE_* settings out so tests are hermetic.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FASTROUTE_')));
  return { ...base, ...env };
}

export function spawnCli(args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  if (!existsSync(COMPILED)) throw new Error('the CLI tests run the compiled build: run `npm run build:server` first');
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts a server before a suite's tests and closes it after them; `env` points the CLI at it.
 * (The before/after pair every CLI suite needs, in one place.)
 */
export function serverForSuite(start: () => Promise<import('../api/server.ts').TestServer>): { readonly s: import('../api/server.ts').TestServer; readonly env: Record<string, string> } {
  let server: import('../api/server.ts').TestServer | undefined;
  before(async () => {
    server = await start();
  });
  after(async () => {
    await server?.close();
  });
  return {
    get s() {
      if (!server) throw new Error('the suite server is not started');
      return server;
    },
    get env() {
      const token = this.s.adminToken?.token;
      return { FASTROUTE_URL: this.s.adminUrl, ...(token === undefined ? {} : { FASTROUTE_ADMIN_TOKEN: token }) };
    },
  };
}

export interface RunningCli {
  /** What the process printed on stdout up to the ready line (and since). */
  stdout(): string;
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** The admin URL `fastroute start` printed in its summary, or undefined. */
export function printedAdminUrl(stdout: string): string | undefined {
  return /Admin API \/ console\s+│ (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
}

/** Runs `fastroute start ARGS` until it prints that it is running (rejects if it exits first). */
export async function startCli(args: readonly string[], env: Record<string, string> = {}): Promise<RunningCli> {
  const child = spawnCli(['start', ...args], env);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('Press Ctrl+C')) resolve();
    });
    child.on('close', (code) => {
      reject(new Error(`exited early (${code}): ${stderr}`));
    });
  });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
