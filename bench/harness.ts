// Runs a measurement repeatedly: warm-up runs first (not kept), then the measured ones, collecting
// garbage before each run when the process was started with --expose-gc, and logging progress to
// stderr (stdout carries only the final JSON report).

const gcFn: NodeJS.GCFunction | undefined = typeof globalThis.gc === 'function' ? globalThis.gc : undefined;

export const gcExposed = gcFn !== undefined;

/** Full, synchronous GC when available (node --expose-gc); a no-op otherwise. */
export function collectGarbage(): void {
  gcFn?.({ execution: 'sync', type: 'major' });
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export interface RepeatOptions {
  warmup: number;
  runs: number;
}

/**
 * Calls `once` warmup + runs times; `once` times only the part being measured and returns it (ms,
 * or any unit). Returns the measured values, warm-up excluded.
 */
export async function repeat(label: string, opts: RepeatOptions, once: (run: number) => Promise<number>): Promise<number[]> {
  const samples: number[] = [];
  const total = opts.warmup + opts.runs;
  for (let i = 0; i < total; i++) {
    collectGarbage();
    const warm = i < opts.warmup;
    const value = await once(i);
    if (!warm) samples.push(value);
    log(`${label} ${warm ? `warm-up ${i + 1}/${opts.warmup}` : `run ${i - opts.warmup + 1}/${opts.runs}`}: ${value.toFixed(1)}`);
  }
  return samples;
}

/** Times an async operation with the high-resolution clock, in ms. */
export async function timed<T>(op: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await op();
  return { ms: performance.now() - start, value };
}
