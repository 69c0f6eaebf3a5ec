// A unit of work over the world: an overlay for writes, the time it happens at, where ids come
// from, how long transitions take, and why it happens (the cause recorded on every event).
import type { IdSource } from './ids.ts';
import { isValidTime, type Timer } from './timer.ts';
import type { WorldEvent } from './event.ts';
import type { RegionPairCatalogue } from './interconnect/region-pairs.ts';
import { jsonClone, jsonEqual } from './json-value.ts';
import { runSteps, type Steps } from './steps.ts';
import { Overlay, keyOf, type ChangeEntry, type Entity, type Kind, type World } from './world.ts';

export interface TxContext {
  /** ms since the epoch on the engine clock */
  now: number;
  ids: IdSource;
  /** Delay in ms for a named transition (lifecycle/delays.ts), already scaled by the clock mode. */
  delay: (transition: string) => number;
  /** Why this happens; recorded on every event. Mutable so one settle pass can name each timer. */
  cause: string;
  regionPairs: RegionPairCatalogue;
}

export interface Commit {
  changes: ChangeEntry[];
  events: WorldEvent[];
}

/** Bookkeeping kinds whose changes are not events users would want on the timeline. */
const SILENT_KINDS: ReadonlySet<Kind> = new Set<Kind>(['fr.Timer', 'fr.RetryToken', 'fr.ApiKey']);

/** Fields whose change is a state transition (recorded as a `state` event). */
const STATE_FIELDS: readonly (readonly string[])[] = [
  ['lifecycleState'], ['providerState'], ['bgpSessionState'],
  ['properties', 'provisioningState'], ['properties', 'serviceProviderProvisioningState'],
  ['properties', 'circuitProvisioningState'], ['properties', 'connectionStatus'], ['properties', 'state'],
];

function pick(value: unknown, path: readonly string[]): unknown {
  let v: unknown = value;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

function describe(entity: unknown): { id: string; name?: string } {
  const e = entity as { id: string; displayName?: string; name?: string };
  const name = e.displayName ?? e.name;
  return name === undefined ? { id: e.id } : { id: e.id, name };
}

export class Tx extends Overlay {
  private timerSeq = 0;
  /** Called for every timer scheduled on this Tx (settle uses it to merge chains into its queue). */
  onSchedule: ((timer: Timer) => void) | undefined;
  private stateEvents: WorldEvent[] = [];
  private readonly causeByKey = new Map<string, string>();
  /** Events of the segments sealed so far (see sealEvents), in order. */
  private readonly sealed: WorldEvent[] = [];
  /** What each written (kind, key) held when the last segment was sealed: the next segment's "before". */
  private readonly sealedValues = new Map<string, { kind: Kind; key: string; value: unknown }>();

  constructor(world: World, readonly ctx: TxContext, private readonly seqBase = 0) {
    super(world);
  }

  private isoAt = Number.NaN;
  private iso = '';

  /** ctx.now as ISO text; remembered, since a unit of work asks for it on every write. */
  get nowIso(): string {
    if (this.ctx.now !== this.isoAt) {
      this.isoAt = this.ctx.now;
      this.iso = new Date(this.ctx.now).toISOString();
    }
    return this.iso;
  }

  /** Writes an entity, recording each state transition as it happens (so none is lost in a chain). */
  override put<K extends Kind>(kind: K, entity: Entity<K>): Entity<K> {
    if (kind !== 'fr.Timer') {
      const before = this.get(kind, entity.id);
      if (before !== undefined) {
        const d = describe(entity);
        for (const path of STATE_FIELDS) {
          const b = pick(before, path);
          const a = pick(entity, path);
          if (b !== a) {
            this.stateEvents.push({
              time: this.nowIso, kind, resourceId: d.id, ...(d.name === undefined ? {} : { resourceName: d.name }),
              change: 'state', field: path.join('.'), before: b, after: a, cause: this.ctx.cause,
            });
          }
        }
      }
      this.causeByKey.set(`${kind}|${keyOf(kind, entity.id)}`, this.ctx.cause);
    }
    return super.put(kind, entity);
  }

  override remove(kind: Kind, id: string): void {
    this.causeByKey.set(`${kind}|${keyOf(kind, id)}`, this.ctx.cause);
    super.remove(kind, id);
  }

  /** Read-modify-write with copy-on-write: the committed entity is never mutated in place. */
  update<K extends Kind>(kind: K, id: string, mutate: (draft: Entity<K>) => void): Entity<K> {
    const current = this.get(kind, id);
    if (current === undefined) throw new Error(`update of missing ${kind} ${id}`);
    const draft = jsonClone(current);
    mutate(draft);
    return this.put(kind, draft);
  }

  /**
   * Replaces top-level fields of an entity (a state transition): a shallow copy, not update's deep
   * one. Safe because no committed entity is ever changed in place (update copies before it
   * mutates), so the old and new versions may share what did not change.
   */
  set<K extends Kind>(kind: K, id: string, fields: Partial<Entity<K>>): Entity<K> {
    const current = this.get(kind, id);
    if (current === undefined) throw new Error(`set on missing ${kind} ${id}`);
    return this.put(kind, { ...current, ...fields });
  }

  /** Schedules `action` on `target` after the named transition's delay. */
  schedule(transition: string, action: string, target: string, params?: Record<string, unknown>): Timer {
    const at = this.ctx.now + this.ctx.delay(transition);
    // A time no Date can hold would be stored as null and wedge every later read: refuse the unit of work.
    if (!isValidTime(at)) throw new Error(`refusing to schedule ${action} on ${target}: ${String(at)} is not a valid time`);
    this.timerSeq += 1;
    const timer: Timer = {
      id: `timer-${this.ctx.ids.randomChars(16)}`,
      at,
      seq: this.seqBase + this.timerSeq,
      action,
      target,
      ...(params === undefined ? {} : { params }),
    };
    this.put('fr.Timer', timer);
    this.onSchedule?.(timer);
    return timer;
  }

  /** Drops pending timers for a target (e.g. a resource deleted mid-provisioning). */
  cancelTimers(target: string, action?: string): void {
    for (const t of this.list('fr.Timer')) if (t.target === target && (action === undefined || t.action === action)) this.remove('fr.Timer', t.id);
  }

  /**
   * Ends an event segment: what was written so far is described now, as if committed, and what is
   * written after is described against it. The engine seals a request's writes before settling the
   * transitions it scheduled in the same commit (instant clock), so the timeline still shows the
   * request's `created` and then each lifecycle change with its own cause, as two commits would.
   */
  sealEvents(): void {
    runSteps(this.sealEventsSteps());
  }

  /** sealEvents, a step per change described (a big lab's unit of work runs it in slices). */
  *sealEventsSteps(): Steps<void> {
    const { changes, events } = yield* this.describeSteps();
    this.sealed.push(...events);
    for (const c of changes) this.sealedValues.set(`${c.kind}|${c.key}`, { kind: c.kind, key: c.key, value: c.after });
    this.stateEvents = [];
    this.causeByKey.clear();
  }

  commit(): Commit {
    return runSteps(this.commitSteps());
  }

  /** commit, a step per change described. */
  *commitSteps(): Steps<Commit> {
    const { changes, events } = yield* this.describeSteps();
    return { changes, events: [...this.sealed, ...events] };
  }

  /** The net changes, and the events of the current segment. */
  private *describeSteps(): Steps<Commit> {
    const changes = this.changes();
    const events: WorldEvent[] = [];
    const time = this.nowIso;
    // Against the sealed values: also what a sealed segment changed and this one put back (created
    // then deleted in one commit is no net change, but the timeline showed it created).
    const segment: { kind: Kind; id: string; before: unknown; after: unknown }[] = changes.map((c) => {
      const id = `${c.kind}|${c.key}`;
      const sealedValue = this.sealedValues.get(id);
      return { kind: c.kind, id, before: sealedValue === undefined ? c.before : sealedValue.value, after: c.after };
    });
    const changed = new Set(segment.map((c) => c.id));
    for (const [id, v] of this.sealedValues) if (!changed.has(id)) segment.push({ kind: v.kind, id, before: v.value, after: this.get(v.kind, v.key) });
    for (const c of segment) {
      if (SILENT_KINDS.has(c.kind)) continue;
      const { id, before } = c;
      if (before === c.after) continue; // not written in this segment
      const cause = this.causeByKey.get(id) ?? this.ctx.cause;
      const d = describe(c.after ?? before);
      const base = { time, kind: c.kind, resourceId: d.id, ...(d.name === undefined ? {} : { resourceName: d.name }), cause };
      if (before === undefined) events.push({ ...base, change: 'created' });
      else if (c.after === undefined) events.push({ ...base, change: 'deleted' });
      else {
        const diff = configDiff(before, c.after);
        if (diff.changed) events.push({ ...base, change: 'updated', field: diff.fields.join(',') });
      }
      yield;
    }
    // Creations first, then transitions in the order they happened, then deletions.
    const created = events.filter((e) => e.change === 'created');
    const rest = events.filter((e) => e.change !== 'created');
    return { changes, events: [...created, ...this.stateEvents, ...rest] };
  }
}

/** Top-level state fields: their changes are `state` events, not configuration changes. */
const TOP_STATE: ReadonlySet<string> = new Set(STATE_FIELDS.filter((p) => p.length === 1).map((p) => p[0] ?? ''));
/** The same under `properties` (ARM resources). */
const PROPERTY_STATE: ReadonlySet<string> = new Set(STATE_FIELDS.filter((p) => p.length === 2).map((p) => p[1] ?? ''));
/** Never named as a changed field: bookkeeping, the etag, and every state field at either level. */
const NOT_A_FIELD: ReadonlySet<string> = new Set(['fr', 'etag', ...TOP_STATE, ...PROPERTY_STATE]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function* unionKeys(b: Record<string, unknown>, a: Record<string, unknown>): Generator<string> {
  for (const k in b) yield k;
  for (const k in a) if (!(k in b)) yield k;
}

/**
 * Field-level diff of an update: whether its configuration changed (anything but `fr` and the state
 * fields, which are events of their own), and which fields did, top-level or `properties.<name>`.
 * One walk over both values, comparing with JSON's semantics; nothing is cloned or serialised.
 */
export function configDiff(before: unknown, after: unknown): { changed: boolean; fields: string[] } {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const fields: string[] = [];
  let changed = false;
  for (const k of unionKeys(b, a)) {
    if (k === 'fr') continue;
    const bv = b[k];
    const av = a[k];
    if (k === 'properties' && isRecord(bv) && isRecord(av)) {
      for (const p of unionKeys(bv, av)) {
        if (jsonEqual(bv[p], av[p])) continue;
        if (!PROPERTY_STATE.has(p)) changed = true;
        if (!NOT_A_FIELD.has(p)) fields.push(`properties.${p}`);
      }
    } else if (!jsonEqual(bv, av)) {
      if (!TOP_STATE.has(k)) changed = true;
      if (!NOT_A_FIELD.has(k)) fields.push(k);
    }
  }
  return { changed, fields };
}
