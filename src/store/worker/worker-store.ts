// The Store with SQLite on a worker thread (what the server uses): a create's write (≈ a third of
// its CPU on the server's thread) runs beside the event loop instead of on it. Rows are serialised
// here, so a value JSON cannot hold still fails its unit of work before anything is sent; the
// worker writes each commit in one transaction, and a commit resolves only once that transaction
// committed — a 2xx still means the write is in the database (docs/durability.md).
// The worker runs the compiled dist/store/store-worker.js when this code is the compiled bundle. From
// the sources (tests, `npm run fastroute`) it runs the same entry bundled on the fly by esbuild (the
// transpiler tsx uses): loading Kysely's ~260 modules through tsx in every worker cost seconds per
// server start, the bundle a tenth of that.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { packageFile } from '../../config/package-root.ts';
import type { StepRunner } from '../../model/steps.ts';
import { runSteps } from '../../model/steps.ts';
import type { ChangeEntry } from '../../model/world.ts';
import type { WorldEvent } from '../../model/event.ts';
import type { EventQuery, Store, StoredRow } from '../port.ts';
import type { SnapshotInfo, SnapshotRecord, WorldImage } from '../snapshot-port.ts';
import { commitRows, serialiseSteps } from '../sql/commit-rows.ts';
import { parseStoredRows, type StoredText } from '../sql/sql-store.ts';
import { rowsText, type StoreAnswer, type StoreCall, type StoreErrorData, type StoreWorkerData } from './store-message.ts';

type Call = StoreCall extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

let sourceBundle: string | undefined;

/** The worker entry and what it imports, from the TypeScript sources, as one CommonJS script (once per process). */
function bundledFromSources(): string {
  if (sourceBundle !== undefined) return sourceBundle;
  const require = createRequire(import.meta.url);
  const { buildSync } = require('esbuild') as typeof import('esbuild');
  const out = buildSync({
    entryPoints: [packageFile('src/store/worker/store-worker.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent',
    // The native addon stays a require, resolved from the package (an eval worker resolves from the cwd).
    external: ['better-sqlite3'],
    banner: { js: `require = require('node:module').createRequire(${JSON.stringify(packageFile('package.json'))});` },
  });
  sourceBundle = out.outputFiles[0]?.text ?? '';
  return sourceBundle;
}

function startWorker(data: StoreWorkerData): Worker {
  if (import.meta.url.includes('/dist/')) return new Worker(packageFile('dist/store/store-worker.js'), { workerData: data });
  return new Worker(bundledFromSources(), { eval: true, workerData: data });
}

function storeError(e: StoreErrorData): Error {
  const err = e.name === 'TypeError' ? new TypeError(e.message) : new Error(e.message);
  if (e.name !== err.name) err.name = e.name;
  if (e.code !== undefined) Object.assign(err, { code: e.code });
  return err;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

export class WorkerStore implements Store {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Set once the worker is gone: every call after fails with it. */
  private broken: Error | undefined;

  constructor(readonly location: string) {
    this.worker = startWorker({ file: location });
    // The worker keeps the process alive only while a call waits on it (see call).
    this.worker.unref();
    this.worker.on('message', (a: StoreAnswer) => {
      const p = this.pending.get(a.id);
      if (p === undefined) return;
      this.pending.delete(a.id);
      if (this.pending.size === 0) this.worker.unref();
      if (a.ok) p.resolve(a.value);
      else p.reject(storeError(a.error));
    });
    this.worker.on('error', (err) => {
      this.fail(err);
    });
    this.worker.on('exit', (code) => {
      this.fail(new Error(`the store worker exited (code ${code})`));
    });
  }

  private fail(err: Error): void {
    this.broken ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private call<T>(call: Call): Promise<T> {
    if (this.broken !== undefined) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...call, id });
    });
  }

  migrate(): Promise<void> {
    return this.call({ op: 'migrate' });
  }

  async loadAll(): Promise<StoredRow[]> {
    return parseStoredRows(await this.call<StoredText[]>({ op: 'loadAllText' }));
  }

  async commit(changes: readonly ChangeEntry[], events: readonly WorldEvent[], meta: Readonly<Record<string, string>> = {}, run?: StepRunner): Promise<number[]> {
    const rows = commitRows(changes, events, meta);
    if (changes.length === 0 && events.length === 0 && rows.meta.length === 0) return [];
    const serialised = run === undefined ? runSteps(serialiseSteps(rows)) : await run(serialiseSteps(rows));
    return this.call({ op: 'commit', rows: rowsText(serialised) });
  }

  events(query: EventQuery): Promise<WorldEvent[]> {
    return this.call({ op: 'events', query });
  }

  getMeta(key: string): Promise<string | undefined> {
    return this.call({ op: 'getMeta', key });
  }

  pruneEvents(keep: number): Promise<number> {
    return this.call({ op: 'pruneEvents', keep });
  }

  reset(): Promise<void> {
    return this.call({ op: 'reset' });
  }

  saveSnapshot(record: SnapshotRecord): Promise<void> {
    return this.call({ op: 'saveSnapshot', record });
  }

  listSnapshots(): Promise<SnapshotInfo[]> {
    return this.call({ op: 'listSnapshots' });
  }

  getSnapshot(name: string): Promise<SnapshotRecord | undefined> {
    return this.call({ op: 'getSnapshot', name });
  }

  deleteSnapshot(name: string): Promise<boolean> {
    return this.call({ op: 'deleteSnapshot', name });
  }

  replaceWorld(image: WorldImage): Promise<void> {
    return this.call({ op: 'replaceWorld', image });
  }

  async close(): Promise<void> {
    try {
      if (this.broken === undefined) await this.call({ op: 'close' });
    } finally {
      this.broken ??= new Error('the store is closed');
      await this.worker.terminate();
    }
  }
}
