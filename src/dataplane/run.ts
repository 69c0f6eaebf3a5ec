// Runs one of the system tools the data plane drives (ip, sysctl, nft, tc), bounded by a timeout,
// with optional stdin (an `ip -batch -` script), and resolves with its exit code and output.
import { spawn } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function runTool(file: string, args: readonly string[], input?: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => {
      resolve({ code: 127, stdout, stderr: `${stderr}${err.message}` });
    });
    child.on('close', (code, signal) => {
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr: signal === 'SIGKILL' && code === null ? `${stderr}timed out after ${timeoutMs} ms` : stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

export class ToolError extends Error {
  constructor(readonly command: string, readonly result: RunResult) {
    super(`${command} failed (exit ${result.code}): ${result.stderr.trim().split('\n').slice(0, 5).join('; ')}`);
  }
}

/** Runs the tool and throws ToolError unless it exits 0. */
export async function mustRun(file: string, args: readonly string[], input?: string): Promise<RunResult> {
  const result = await runTool(file, args, input);
  if (result.code !== 0) throw new ToolError([file, ...args].join(' '), result);
  return result;
}
