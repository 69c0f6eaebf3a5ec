// The engine: one world in memory, persisted through the store port, advanced by a clock.
// Every request runs as a unit of work: settle due transitions, run the operation on a Tx, persist
// the net changes in one store transaction, then merge them into memory. Units run one at a time;
// the units queued in one turn of the event loop share a store transaction (group commit, see mutate).
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { World, type ReadView } from '../model/world.ts';
import { Tx, type TxContext } from '../model/tx.ts';
import type { IdSource } from '../model/ids.ts';
import type { WorldEvent } from '../model/event.ts';
import { DEFAULT_REGION_PAIRS, REGION_PAIR_CATALOGUES, type RegionPairCatalogue } from '../model/interconnect/region-pairs.ts';
import { delayMs, type ClockMode, type DelayPolicy } from '../lifecycle/delays.ts';
import { dueTimerCount, nextDue, settle, settleSteps } from '../lifecycle/settle.ts';
import { ensureDefaults } from '../lifecycle/defaults.ts';
import type { EventQuery, Store } from '../store/port.ts';
import type { ChangeEntry, Kind } from '../model/world.ts';
import { Routing } from '../routing/routing.ts';
import { pendingGroups, type PendingGroup } from '../lifecycle/pending.ts';
import type { StepRunner, Steps } from '../model/steps.ts';
import { Slicer } from './slicer.ts';
import { nextTurn, undoOf, type Group, type Unit } from './group-commit.ts';

const OCID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

// Random bytes are drawn from the CSPRNG a pool at a time: one call per id cost more than the id.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;

export const cryptoIds: IdSource = {
  randomChars(count) {
    if (poolAt + count > pool.length) {
      pool = randomBytes(Math.max(POOL_SIZE, count));
      poolAt = 0;
    }
    let out = '';
    for (let i = poolAt; i < poolAt + count; i++) out += OCID_ALPHABET[(pool[i] ?? 0) & 31] ?? 'a';
    poolAt += count;
    return out;
  },
  guid: () => randomUUID(),
};

export interface EngineOptions {
  store: Store;
  clock?: ClockMode;
  /** Multiplier on realistic delays (default 0.01: an ER gateway takes 18 s instead of 30 min). */
  scale?: number;
  ids?: IdSource;
  regionPairsVersion?: string;
  /** Real time source; tests may inject one. */
  realNow?: () => number;
  /** Events kept in the store (the newest); 0 keeps every event. Default: no pruning. */
  eventRetention?: number;
}

/** Event retention is applied once per this many commits: one DELETE by seq, never on every write. */
export const PRUNE_EVERY_COMMITS = 1000;

export interface ClockStatus {
  mode: ClockMode;
  scale: number;
  now: string;
  pendingTransitions: number;
  nextDue?: string;
  /** The pending transitions grouped by what they do (so a count alone never puzzles anyone). */
  pending: PendingGroup[];
}

export const META_CLOCK = 'clock';

/** A unit of work applied in slices (a lab): what it is, since when, and how far it got. */
export interface Activity {
  cause: string;
  since: string;
  stage: 'applying' | 'settling' | 'committing';
  /** Steps of the current stage: resources applied, transitions fired, rows described and written. */
  steps: number;
}

/**
 * With the instant clock every transition is due at once: the unit fires the ones it scheduled
 * itself, so a create and its PROVISIONING → AVAILABLE are one commit, not two, and the timers never
 * reach the store. The reply still shows what the operation returned.
 */
function instantOp(op: (tx: Tx) => unknown): (tx: Tx) => unknown {
  return (tx) => {
    const result = op(tx);
    tx.sealEvents();
    settle(tx);
    return result;
  };
}

export class Engine {
  readonly world = new World();
  /** `traffic`: the declared flows changed (traffic-runner.ts); the metrics resample on both. */
  readonly events = new EventEmitter<{ committed: [WorldEvent[]]; traffic: [] }>();
  private queue: Promise<unknown> = Promise.resolve();
  /** The group of mutates not yet started, which a mutate called now joins (see mutate). */
  private openGroup: Unit[] | undefined;
  /** Groups merged into the world and not yet handed to the store, oldest first. */
  private readonly unwritten: Group[] = [];
  /** The store write under way (of the groups merged before it started), if any. Never rejects. */
  private writing: Promise<void> | undefined;
  /** Jobs waiting for every merged group to be written (see allWritten). */
  private readonly idleWaiters: (() => void)[] = [];
  private policy: DelayPolicy;
  private manualNow: number | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private timerSeq = 0;
  private commitsSincePrune = 0;
  private readonly eventRetention: number;
  /** Earliest due time of any pending timer, so a read with nothing due skips the settle pass. */
  private earliestDue: number | undefined;
  private readonly ids: IdSource;
  private readonly realNow: () => number;
  /** The unit of work running in slices, if any (see mutateInSlices). */
  private sliced: Activity | undefined;
  readonly regionPairs: RegionPairCatalogue;
  /** Routing over the live world, recomputed incrementally after every commit. */
  readonly routing = new Routing(this.world);

  private constructor(readonly store: Store, opts: EngineOptions) {
    this.policy = { mode: opts.clock ?? 'instant', scale: opts.scale ?? 0.01 };
    this.ids = opts.ids ?? cryptoIds;
    this.realNow = opts.realNow ?? Date.now;
    this.eventRetention = opts.eventRetention ?? 0;
    const pairs = REGION_PAIR_CATALOGUES[opts.regionPairsVersion ?? DEFAULT_REGION_PAIRS.version];
    if (!pairs) throw new Error(`unknown region-pair catalogue version ${opts.regionPairsVersion ?? ''}`);
    this.regionPairs = pairs;
  }

  static async open(opts: EngineOptions): Promise<Engine> {
    const engine = new Engine(opts.store, opts);
    await opts.store.migrate();
    await engine.load();
    return engine;
  }

  private async load(): Promise<void> {
    await this.loadFromStore();
    await this.mutate('fastroute:defaults', (tx) => {
      ensureDefaults(tx);
    });
  }

  /** Memory rebuilt from the store, as at a restart: the world and its indexes, routing, timers, the clock. */
  private async loadFromStore(): Promise<void> {
    this.world.clear();
    this.routing.memo.clear();
    const rows = await this.store.loadAll();
    this.world.apply(rows.map((r) => ({ kind: r.kind, key: r.key, before: undefined, after: r.body })));
    for (const t of this.world.list('fr.Timer')) this.timerSeq = Math.max(this.timerSeq, t.seq);
    this.refreshEarliestDue();
    const clock = await this.store.getMeta(META_CLOCK);
    if (clock !== undefined) {
      const saved = JSON.parse(clock) as { manualNow?: number };
      this.manualNow = saved.manualNow;
    }
    if (this.policy.mode === 'manual') this.manualNow ??= this.realNow();
  }

  /**
   * Runs `fn` once every merged group is written, with nothing else running. `fn` may replace the
   * stored world wholesale (a snapshot restore) and then call `reload`: memory is rebuilt from the
   * store exactly as at a restart, and listeners (the data plane's sync, metrics, the event stream)
   * hear of a commit, as after any change.
   */
  exclusive<T>(fn: (reload: (cause: string) => Promise<void>) => Promise<T>): Promise<T> {
    return this.serial(() => fn(async (cause) => {
      await this.loadFromStore();
      await this.commitTx(cause, (tx) => {
        ensureDefaults(tx);
      });
      this.events.emit('committed', []);
    }));
  }

  now(): number {
    return this.policy.mode === 'manual' ? (this.manualNow ?? this.realNow()) : this.realNow();
  }

  /**
   * Runs one unit of work that may change the world. Throws the operation's CloudError unchanged.
   *
   * Group commit: the mutates queued in one turn of the event loop (the requests read in one poll)
   * run back to back as a group, each on the world as the ones before it left it, and are merged
   * into memory at once. Merged groups are written in one store transaction: all of them at once
   * when the store is free, else together once its current write ends (groups may run while the
   * store writes earlier ones). Each promise settles only once its transaction committed, so a 2xx
   * still means the write is stored. If a write fails, its groups and every group merged after them
   * are undone, newest first, and all their units fail with the store's error (a later unit's result
   * may rest on a failed one's changes). Anything else queued after a mutate (a read, a settle, a
   * sliced unit) closes the group and runs only once every merged group is written, so nothing read
   * through the engine is unwritten.
   */
  mutate<T>(cause: string, op: (tx: Tx) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const unit: Unit = { cause, op, resolve: resolve as (value: unknown) => void, reject };
      if (this.openGroup !== undefined) {
        this.openGroup.push(unit);
        return;
      }
      const units = [unit];
      void this.queueJob(async () => {
        await nextTurn();
        if (this.openGroup === units) this.openGroup = undefined;
        this.runGroup(units);
      });
      this.openGroup = units;
    });
  }

  /** Runs a group's units one after another, merging each, and queues its write after the earlier ones. */
  private runGroup(units: readonly Unit[]): void {
    const group: Group = { outcomes: [] };
    for (const unit of units) {
      try {
        // Due transitions fire first, in a unit of their own (as settleLocked does before a lone mutate).
        if (this.earliestDue !== undefined && this.earliestDue <= this.now()) group.outcomes.push(this.runMerged('lifecycle', settle));
        group.outcomes.push({ ...this.runMerged(unit.cause, this.policy.mode === 'instant' ? instantOp(unit.op) : unit.op), unit });
      } catch (error) {
        group.outcomes.push({ unit, error, changes: [], events: [] });
      }
    }
    this.unwritten.push(group);
    this.writeNext();
  }

  /**
   * Starts writing every merged group not yet written, in one transaction, unless a write is under
   * way: then they go together once it ends (however the groups formed, the store is written as
   * often as it can keep up, not once per group).
   */
  private writeNext(): void {
    if (this.writing !== undefined || this.unwritten.length === 0) return;
    const groups = this.unwritten.splice(0);
    this.writing = this.writeGroups(groups).finally(() => {
      this.writing = undefined;
      this.writeNext();
      if (this.writing === undefined) for (const wake of this.idleWaiters.splice(0)) wake();
    });
  }

  /** Writes merged groups in one transaction and answers their units; on failure undoes them and every later group. */
  private async writeGroups(groups: readonly Group[]): Promise<void> {
    const outcomes = groups.flatMap((g) => g.outcomes);
    const events = outcomes.flatMap((o) => o.events);
    let seqs: number[] = [];
    try {
      const changes = outcomes.flatMap((o) => o.changes);
      if (changes.length > 0) seqs = await this.store.commit(changes, events);
    } catch (err) {
      // Groups merged while this write ran rest on it: they go too, newest first (each group's
      // `before`s are what the world held when it ran).
      const undone = [...groups, ...this.unwritten.splice(0)];
      for (let i = undone.length - 1; i >= 0; i--) {
        const o = undone[i]?.outcomes ?? [];
        for (let j = o.length - 1; j >= 0; j--) this.unmerge(o[j]?.changes ?? []);
      }
      for (const g of undone) for (const o of g.outcomes) o.unit?.reject(err);
      return;
    }
    events.forEach((e, i) => (e.seq = seqs[i]));
    for (const o of outcomes) {
      try {
        // Awaited only when a prune is due: a promise and a turn per unit cost more than the check.
        if (this.pruneDue(o.events.length)) await this.pruneEvents();
        if (o.events.length > 0) this.events.emit('committed', o.events);
      } catch (err) {
        // A throwing 'committed' listener fails its unit, as it did before group commit, and no other.
        o.unit?.reject(err);
        continue;
      }
      if (o.unit === undefined) continue;
      if ('error' in o) o.unit.reject(o.error);
      else o.unit.resolve(o.result);
    }
  }

  /** Resolves once every merged group is written (or failed and undone). */
  private allWritten(): Promise<void> {
    if (this.writing === undefined && this.unwritten.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Runs `op` on a Tx over the world and merges its changes at once (not yet stored). */
  private runMerged(cause: string, op: (tx: Tx) => unknown): { result: unknown; changes: ChangeEntry[]; events: WorldEvent[] } {
    const tx = new Tx(this.world, this.context(cause), this.timerSeq);
    const result = op(tx);
    const { changes, events } = tx.commit();
    this.merge(changes);
    return { result, changes, events };
  }

  /**
   * A long unit of work (a big lab): like mutate, but `op` yields between steps and the engine gives
   * the event loop a turn every SLICE_MS, while applying, while settling the transitions it scheduled
   * (instant clock) and before persisting. Still one unit of work: all of it commits, or none.
   * `onSlice` hears how far it got at every turn.
   */
  mutateInSlices<T>(cause: string, op: (tx: Tx) => Steps<T>, onSlice?: (a: Activity) => void): Promise<T> {
    return this.serial(async () => {
      await this.settleLocked();
      const activity: Activity = { cause, since: new Date(this.realNow()).toISOString(), stage: 'applying', steps: 0 };
      const slicer = new Slicer(() => {
        activity.steps = slicer.steps;
        onSlice?.({ ...activity });
      });
      this.sliced = activity;
      try {
        const tx = new Tx(this.world, this.context(cause), this.timerSeq);
        const run: StepRunner = (steps) => slicer.drain(steps);
        const result = await run(op(tx));
        if (this.policy.mode === 'instant') {
          activity.stage = 'settling';
          await run(tx.sealEventsSteps());
          slicer.steps = 0;
          await run(settleSteps(tx));
        }
        activity.stage = 'committing';
        slicer.steps = 0;
        return await this.commitTx(cause, () => result, tx, run);
      } finally {
        this.sliced = undefined;
      }
    });
  }

  /**
   * A stand-in for the engine whose units of work all apply to one overlay of the world that is never
   * committed: what a preflight (ARM's deployment validation) runs requests against, so it finds what
   * they would refuse, each seeing what the ones before it did, and changes nothing. Reads see the
   * overlay over the live world. With the instant clock each unit settles its transitions, as mutate does.
   */
  scratch(cause: string): this {
    const tx = new Tx(this.world, this.context(cause), this.timerSeq);
    const instant = this.policy.mode === 'instant';
    const overrides: Record<string, unknown> = {
      mutate: <T>(_cause: string, op: (t: Tx) => T): Promise<T> => Promise.resolve().then(() => {
        const result = op(tx);
        if (instant) settle(tx);
        return result;
      }),
      read: <T>(op: (view: ReadView) => T): Promise<T> => Promise.resolve().then(() => op(tx)),
      readCommitted: <T>(op: (view: ReadView) => T): Promise<T> => Promise.resolve().then(() => op(tx)),
      mutateInSlices: () => Promise.reject(new Error('a scratch engine runs no sliced units of work')),
      settle: () => Promise.resolve(0),
      isScratch: () => true,
    };
    return new Proxy(this, { get: (target, prop, receiver) => (typeof prop === 'string' && prop in overrides ? overrides[prop] : Reflect.get(target, prop, receiver)) });
  }

  /** Whether this is a scratch stand-in (scratch()): a deployment PUT on one is already inside a preflight. */
  isScratch(): boolean {
    return false;
  }

  /** The unit of work running in slices, if any. */
  activity(): Activity | undefined {
    return this.sliced === undefined ? undefined : { ...this.sliced };
  }

  /**
   * Like read, but while a unit of work runs in slices it reads the world as last committed at once
   * (without settling, which would wait for that unit), so status answers during a big lab apply.
   */
  readCommitted<T>(op: (view: ReadView) => T): Promise<T> {
    return this.sliced === undefined ? this.read(op) : Promise.resolve(op(this.world));
  }

  /** Reads after settling whatever became due, so the instant clock is settled by the next read. */
  read<T>(op: (view: ReadView) => T): Promise<T> {
    return this.serial(async () => {
      await this.settleLocked();
      return op(this.world);
    });
  }

  /** Fires due transitions now. Returns how many fired. */
  settle(): Promise<number> {
    return this.serial(() => this.settleLocked());
  }

  async queryEvents(q: EventQuery): Promise<WorldEvent[]> {
    await this.settle();
    return this.store.events(q);
  }

  clockStatus(): ClockStatus {
    const next = nextDue(new Tx(this.world, this.context('status')));
    return {
      mode: this.policy.mode,
      scale: this.policy.scale,
      now: new Date(this.now()).toISOString(),
      pendingTransitions: this.world.list('fr.Timer').length,
      ...(next === undefined ? {} : { nextDue: new Date(next).toISOString() }),
      pending: pendingGroups(this.world),
    };
  }

  /** Switches clock mode. Entering manual freezes time at the current instant. */
  setClock(mode: ClockMode, scale?: number): Promise<ClockStatus> {
    return this.serial(async () => {
      if (mode === 'manual' && this.policy.mode !== 'manual') this.manualNow = this.now();
      this.policy = { mode, scale: scale ?? this.policy.scale };
      await this.saveClock();
      await this.settleLocked();
      return this.clockStatus();
    });
  }

  /** Advances the manual clock and fires what became due. */
  advance(seconds: number): Promise<ClockStatus> {
    return this.serial(async () => {
      if (this.policy.mode !== 'manual') throw new Error('the clock can only be advanced in manual mode');
      this.manualNow = this.now() + seconds * 1000;
      await this.saveClock();
      await this.settleLocked();
      return this.clockStatus();
    });
  }

  /** Empties the store and memory, then re-creates the default tenancy and subscription. */
  reset(): Promise<void> {
    return this.serial(async () => {
      await this.store.reset();
      this.world.clear();
      this.routing.memo.clear();
      this.timerSeq = 0;
      this.earliestDue = undefined;
      if (this.policy.mode === 'manual') this.manualNow = this.realNow();
      await this.saveClock();
      await this.commitTx('fastroute:reset', (tx) => {
        ensureDefaults(tx);
      });
    });
  }

  /** In realistic mode, fires transitions as they fall due even when nobody reads. */
  startTicker(intervalMs = 200): void {
    this.stopTicker();
    this.ticker = setInterval(() => {
      if (this.policy.mode === 'realistic') this.settle().catch(() => undefined);
    }, intervalMs);
    this.ticker.unref();
  }

  stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  async close(): Promise<void> {
    this.stopTicker();
    await this.queue.catch(() => undefined);
    await this.allWritten();
    await this.store.close();
  }

  private context(cause: string): TxContext {
    const policy = this.policy;
    return { now: this.now(), ids: this.ids, delay: (t) => delayMs(policy, t), cause, regionPairs: this.regionPairs };
  }

  private refreshEarliestDue(): void {
    let min: number | undefined;
    for (const t of this.world.list('fr.Timer')) if (min === undefined || t.at < min) min = t.at;
    this.earliestDue = min;
  }

  private async settleLocked(): Promise<number> {
    if (this.earliestDue === undefined || this.earliestDue > this.now()) return 0;
    const probe = new Tx(this.world, this.context('lifecycle'));
    if (dueTimerCount(probe, this.now()) === 0) return 0;
    let fired = 0;
    await this.commitTx('lifecycle', (tx) => {
      fired = settle(tx);
    });
    return fired;
  }

  /** With `run`, describing and persisting the changes run in slices too (mutateInSlices). */
  private async commitTx<T>(cause: string, op: (tx: Tx) => T, tx = new Tx(this.world, this.context(cause), this.timerSeq), run?: StepRunner): Promise<T> {
    const result = op(tx);
    const { changes, events } = run === undefined ? tx.commit() : await run(tx.commitSteps());
    if (changes.length === 0) return result;
    const seqs = await this.store.commit(changes, events, undefined, run);
    this.merge(changes);
    events.forEach((e, i) => (e.seq = seqs[i]));
    if (this.pruneDue(events.length)) await this.pruneEvents();
    if (events.length > 0) this.events.emit('committed', events);
    return result;
  }

  /** Merges changes into the world, its routing and the timer bookkeeping. */
  private merge(changes: readonly ChangeEntry[]): void {
    if (changes.length === 0) return;
    this.world.apply(changes);
    if (changes.some((c) => c.kind === 'fr.Timer')) this.refreshEarliestDue();
    this.routing.update(changes);
    for (const c of changes) if (c.kind === 'fr.Timer' && c.after) this.timerSeq = Math.max(this.timerSeq, (c.after as { seq: number }).seq);
  }

  /** Takes merged changes back out (a group whose write failed). Timer seqs stay spent. */
  private unmerge(changes: readonly ChangeEntry[]): void {
    if (changes.length === 0) return;
    const undo = undoOf(changes);
    this.world.apply(undo);
    if (undo.some((c) => c.kind === 'fr.Timer')) this.refreshEarliestDue();
    this.routing.update(undo);
  }

  /** Counts commits that wrote events; true every PRUNE_EVERY_COMMITS (then prune drops all but the newest eventRetention). */
  private pruneDue(written: number): boolean {
    if (this.eventRetention === 0 || written === 0) return false;
    this.commitsSincePrune += 1;
    if (this.commitsSincePrune < PRUNE_EVERY_COMMITS) return false;
    this.commitsSincePrune = 0;
    return true;
  }

  private async pruneEvents(): Promise<void> {
    // The unit of work is already committed: a failed prune must not fail it (the next one retries).
    await this.store.pruneEvents(this.eventRetention).catch(() => undefined);
  }

  private async saveClock(): Promise<void> {
    await this.store.commit([], [], { [META_CLOCK]: JSON.stringify({ mode: this.policy.mode, scale: this.policy.scale, manualNow: this.manualNow }) });
  }

  /** Queues work that reads or writes the committed world: it runs once every merged group is written. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    return this.queueJob(async () => {
      await this.allWritten();
      return fn();
    });
  }

  private queueJob<T>(fn: () => Promise<T>): Promise<T> {
    // Whatever is queued now runs after the open group: mutates called from here on start a new one.
    this.openGroup = undefined;
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  countByKind(): Partial<Record<Kind, number>> {
    const out: Partial<Record<Kind, number>> = {};
    for (const k of this.world.kinds()) out[k] = this.world.table(k).size;
    return out;
  }
}
