// Temporary data directories for file-store cases, removed when done, when the bench fails, and
// on Ctrl-C, so a run never leaves SQLite files behind.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const live = new Set<string>();
let hooked = false;

function removeAll(): void {
  for (const dir of live) removeTempDir(dir);
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removeAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeAll();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export function makeTempDir(prefix: string): string {
  hook();
  const dir = mkdtempSync(path.join(os.tmpdir(), `fastroute-bench-${prefix}-`));
  live.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** Runs `fn` with a fresh temporary directory that is removed afterwards, whatever happens. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = makeTempDir(prefix);
  try {
    return await fn(dir);
  } finally {
    removeTempDir(dir);
  }
}
