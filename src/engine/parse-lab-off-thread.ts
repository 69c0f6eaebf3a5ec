// parseLab for the server: a lab above a few tens of KB is parsed in a worker thread, so a big lab
// (10,000 subnets: seconds of YAML parsing and validation) never stops the server answering
// meanwhile. Small labs, the usual case, are parsed in place: a worker costs tens of ms to start.
// The worker runs the compiled dist/engine/lab-parse-worker.js when this code is the compiled bundle, and
// the TypeScript source through tsx otherwise (tests, `npm run fastroute`), so both run this code.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageFile } from '../config/package-root.ts';
import { parseLab } from '../lab/parse.ts';
import { LAB_LIMITS, LabLimitError, type LabLimits } from '../lab/limits.ts';
import { LabError, type Lab } from '../lab/types.ts';
import type { ParseReply, ParseRequest } from './lab-parse-message.ts';

/** Labs at least this long (characters) are parsed in a worker. */
export const OFF_THREAD_MIN_CHARS = 64 * 1024;

function startWorker(): Worker {
  if (import.meta.url.includes('/dist/')) return new Worker(packageFile('dist/engine/lab-parse-worker.js'));
  // From the sources: a worker does not take `--import tsx` before its entry loads, so a small
  // bootstrap registers tsx's loader, then imports the TypeScript entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = pathToFileURL(packageFile('src/engine/lab-parse-worker.ts')).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

function fromReply(answer: ParseReply): Lab {
  if (answer.ok) return answer.lab;
  const e = answer.error;
  if (e.kind === 'limit') throw new LabLimitError(e.file, e.status, e.limit, e.message);
  if (e.kind === 'lab') throw new LabError(e.file, e.issues);
  throw new Error(`lab parse failed: ${e.message}`);
}

/** parseLab, off the event loop for big labs; the same result and the same errors as parseLab. */
export async function parseLabOffThread(text: string, file: string, limits: Readonly<LabLimits> = LAB_LIMITS): Promise<Lab> {
  if (text.length < OFF_THREAD_MIN_CHARS) return parseLab(text, file, limits);
  const worker = startWorker();
  try {
    const answer = await new Promise<ParseReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => {
        reject(new Error(`the lab parse worker exited (code ${code}) before answering`));
      });
      const request: ParseRequest = { text, file, limits };
      worker.postMessage(request);
    });
    return fromReply(answer);
  } finally {
    void worker.terminate();
  }
}
