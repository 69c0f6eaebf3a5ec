// Child process: runs substituted @azure/arm-network samples one after another in this one
// process (a tsx start costs ~1 s of CPU; the samples share it). A sample starts `main()` when it
// is imported and does not say when it ends, so a sample has ended when nothing it started keeps
// the event loop busy any more: the active handles are back to what they were before its import
// (what would make a process of its own exit). After each, the parent is told what the sample
// printed and asserts the resulting state through the ARM API; it answers "next".
//   node --import tsx runner.ts <timeoutMs> <sample.ts>...   (forked with an IPC channel)
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import type { SampleReport, SampleError } from './protocol.ts';

const [timeoutArg, ...files] = process.argv.slice(2);
const timeoutMs = Number(timeoutArg);

function errorOf(v: unknown): SampleError | undefined {
  if (!(v instanceof Error)) return undefined;
  const e = v as Error & { code?: unknown; statusCode?: unknown };
  return { code: typeof e.code === 'string' ? e.code : undefined, statusCode: typeof e.statusCode === 'number' ? e.statusCode : undefined, message: e.message };
}

/** Handle types as a multiset, so a sample's leftovers are told apart from the baseline's. */
function handles(): Map<string, number> {
  const m = new Map<string, number>();
  for (const h of process.getActiveResourcesInfo()) m.set(h, (m.get(h) ?? 0) + 1);
  return m;
}

const within = (now: Map<string, number>, base: Map<string, number>) => [...now].every(([k, n]) => n <= (base.get(k) ?? 0));

function nextFromParent(): Promise<void> {
  return new Promise((resolve) => process.once('message', () => { resolve(); }));
}

async function runOne(file: string): Promise<SampleReport> {
  const out: string[] = [];
  const errors: SampleError[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...args: unknown[]) => { out.push(args.map((a) => inspect(a, { depth: 6 })).join(' ')); };
  console.error = (...args: unknown[]) => {
    for (const a of args) errors.push(errorOf(a) ?? { message: inspect(a) });
  };
  const base = handles();
  const started = Date.now();
  let timedOut = false;
  try {
    await import(pathToFileURL(file).href);
    // Bounded: a sample that never settles is reported as timed out and the process ends.
    for (;;) {
      await sleep(20);
      if (within(handles(), base)) break;
      if (Date.now() - started > timeoutMs) {
        timedOut = true;
        errors.push({ message: `still active after ${timeoutMs} ms: ${process.getActiveResourcesInfo().join(', ')} (before it: ${[...base.keys()].join(', ')})` });
        break;
      }
    }
  } catch (e) {
    errors.push(errorOf(e) ?? { message: inspect(e) });
  } finally {
    console.log = log;
    console.error = error;
  }
  return { file, out, errors, timedOut, ms: Date.now() - started };
}

// The client library loads once, before the first sample's clock starts: on a busy machine its
// ~1,000 modules through tsx would otherwise eat into that sample's time.
await import('@azure/arm-network');

for (const file of files) {
  const report = await runOne(file);
  process.send?.(report);
  if (report.timedOut) process.exit(1);
  await nextFromParent();
}
process.disconnect();
