// Test helper: `fastroute start` as a real child process on a file store (or in memory), with the
// endpoints it prints, so a test can SIGKILL it by pid mid-write and start it again on the same data directory.
// Runs the compiled build (`npm run build:server` first), like the CLI tests.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnCli } from '../cli/run.ts';

export interface ServerProcess {
  readonly pid: number;
  readonly admin: string;
  readonly oci: string;
  readonly arm: string;
  readonly caPem: string;
  /** Where the ARM CA is (an in-memory server's is in a temporary directory a kill -9 leaves behind). */
  readonly caPath: string;
  /** Resolves with the exit code, or the signal that ended the process. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** SIGKILL by pid: no handler runs, nothing is flushed. */
  kill9(): Promise<NodeJS.Signals | number>;
  /** SIGTERM (a clean stop); resolves with the exit code. */
  stop(): Promise<NodeJS.Signals | number>;
  output(): string;
}

const READY = 'Press Ctrl+C';
const START_TIMEOUT_MS = 30_000;

function endpoint(stdout: string, label: RegExp): string {
  const url = label.exec(stdout)?.[1];
  if (url === undefined) throw new Error(`no ${label.source} in the start-up output:\n${stdout}`);
  return url;
}

/** Starts FastRoute on `dataDir` (undefined: in memory; ports 0, no lab) and resolves once it serves; `env` adds FASTROUTE_* settings. */
export async function startServerProcess(dataDir: string | undefined, extraArgs: readonly string[] = [], env: Record<string, string> = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawnCli(['start', ...(dataDir === undefined ? ['--in-memory'] : ['--data-dir', dataDir]), '--no-lab', '--admin-port', '0', '--oci-port', '0', '--arm-port', '0', '--log-level', 'silent', ...extraArgs], env);
  const pid = child.pid;
  if (pid === undefined) throw new Error('fastroute start did not spawn');
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.on('close', (code, signal) => {
    resolve(signal ?? code ?? -1);
  }));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(pid, 'SIGKILL');
      reject(new Error(`fastroute start was not ready after ${START_TIMEOUT_MS} ms:\n${stdout}\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes(READY)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`fastroute start exited early (${how}):\n${stdout}\n${stderr}`));
    });
  });
  const signal = async (sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone: `exited` has (or will have) its answer
    }
    return exited;
  };
  const caPath = dataDir === undefined ? endpoint(stdout, /ARM CA certificate\s+│ (\S+)/) : path.join(dataDir, 'tls', 'ca.pem');
  return {
    pid,
    admin: endpoint(stdout, /Admin API \/ console\s+│ (http:\/\/127\.0\.0\.1:\d+)/),
    oci: endpoint(stdout, /OCI API\s+│ (http:\/\/127\.0\.0\.1:\d+)/),
    arm: endpoint(stdout, /ARM API\s+│ (https:\/\/127\.0\.0\.1:\d+)/),
    caPem: readFileSync(caPath, 'utf8'),
    caPath,
    exited,
    kill9: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    output: () => `${stdout}\n${stderr}`,
  };
}
