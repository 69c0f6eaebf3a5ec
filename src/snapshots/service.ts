// Snapshots of the world (docs/snapshots.md): save the world as the store holds it (or one lab's
// resources), list, delete, export, import, and restore. A whole-world restore replaces the stored
// world in one transaction, and only once it committed rebuilds memory through the engine's restart
// path (Engine.exclusive); a lab restore is one ordinary unit of work over that lab's resources.
import type { Engine } from '../engine/engine.ts';
import { META_CLOCK } from '../engine/engine.ts';
import { fastroute } from '../model/errors.ts';
import { ALL_KINDS } from '../model/kinds.ts';
import { keyOf } from '../model/world.ts';
import type { SnapshotInfo, SnapshotRecord } from '../store/snapshot-port.ts';
import { SCHEMA_VERSION } from '../store/sql/migrations/index.ts';
import { SNAPSHOT_FORMAT, SNAPSHOT_NAME, SNAPSHOT_VERSION, parseSnapshotDocument, type SnapshotDocument, type SnapshotEntity } from './document.ts';
import { labEntities } from './lab-scope.ts';

export interface RestoreReport {
  snapshot: SnapshotInfo;
  /** Milliseconds from the start of the restore to the world serving again. */
  ms: number;
}

export function checkSnapshotName(name: string): string {
  if (!SNAPSHOT_NAME.test(name)) throw fastroute.invalid('InvalidParameter', `invalid snapshot name "${name}": letters, digits, ".", "_" or "-" (starting with a letter or digit), at most 128`);
  return name;
}

function record(doc: SnapshotDocument, body: string): SnapshotRecord {
  return { name: doc.name, created: doc.created, lab: doc.lab, schemaVersion: doc.schemaVersion, entities: doc.entities.length, events: doc.events.length, body };
}

const infoOf = ({ body: _body, ...info }: SnapshotRecord): SnapshotInfo => info;

export class Snapshots {
  constructor(private readonly engine: Engine) {}

  /** Saves the world (or `lab`'s resources) as it is committed now, replacing a snapshot of that name. */
  save(name: string, lab?: string): Promise<SnapshotInfo> {
    checkSnapshotName(name);
    const store = this.engine.store;
    return this.engine.exclusive(async () => {
      const world = this.engine.world;
      let entities: SnapshotEntity[] = [];
      if (lab === undefined) {
        for (const kind of ALL_KINDS) for (const e of world.list(kind)) entities.push({ kind, key: keyOf(kind, e.id), body: e as SnapshotEntity['body'] });
      } else {
        entities = labEntities(world, lab).map(({ kind, entity }) => ({ kind, key: keyOf(kind, entity.id), body: entity }));
        if (entities.length === 0) throw fastroute.notFound(`lab "${lab}" has no resources to snapshot`);
      }
      const ids = new Set(entities.map((e) => e.body.id));
      const allEvents = await store.events({});
      const events = lab === undefined ? allEvents : allEvents.filter((e) => ids.has(e.resourceId));
      const clock = lab === undefined ? await store.getMeta(META_CLOCK) : undefined;
      const doc: SnapshotDocument = {
        format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, schemaVersion: SCHEMA_VERSION, name, created: new Date().toISOString(),
        lab: lab ?? null, meta: clock === undefined ? {} : { [META_CLOCK]: clock }, entities, events,
      };
      const r = record(doc, JSON.stringify(doc));
      await store.saveSnapshot(r);
      return infoOf(r);
    });
  }

  list(): Promise<SnapshotInfo[]> {
    return this.engine.store.listSnapshots();
  }

  async delete(name: string): Promise<void> {
    if (!(await this.engine.store.deleteSnapshot(checkSnapshotName(name)))) throw notFound(name);
  }

  /** The snapshot's document as JSON text: the export file. */
  async export(name: string): Promise<string> {
    return (await this.get(name)).body;
  }

  /** Checks a file and stores it (under `name`, or the name it carries); nothing is stored if it is refused. */
  async import(text: string, name?: string): Promise<SnapshotInfo> {
    const doc = parseSnapshotDocument(text);
    if (name !== undefined) doc.name = checkSnapshotName(name);
    // Stored at this FastRoute's versions: the document is what it read (an older layout is read as the current one).
    const stored: SnapshotDocument = { ...doc, version: SNAPSHOT_VERSION, schemaVersion: SCHEMA_VERSION };
    const r = record(stored, JSON.stringify(stored));
    await this.engine.store.saveSnapshot(r);
    return infoOf(r);
  }

  restore(name: string): Promise<RestoreReport> {
    const t0 = performance.now();
    return this.engine.exclusive(async (reload) => {
      const r = await this.get(name);
      const doc = JSON.parse(r.body) as SnapshotDocument;
      if (doc.lab === null) {
        await this.engine.store.replaceWorld({
          entities: doc.entities.map((e) => [e.kind, e.key, JSON.stringify(e.body)] as const),
          events: doc.events,
          meta: doc.meta,
        });
        await reload(`fastroute:snapshot-restore:${name}`);
      } else {
        await this.restoreLab(doc.lab, doc.entities, reload);
      }
      return { snapshot: infoOf(r), ms: Math.round(performance.now() - t0) };
    });
  }

  /**
   * A lab's resources as they were: the lab's current resources go and the snapshot's come back, in
   * one store transaction, then memory is rebuilt from the store as for a whole-world restore.
   */
  private async restoreLab(lab: string, entities: readonly SnapshotEntity[], reload: (cause: string) => Promise<void>): Promise<void> {
    const world = this.engine.world;
    const keep = new Map<string, readonly [string, string, string]>();
    const drop = new Set(labEntities(world, lab).map(({ kind, entity }) => `${kind}\u0000${keyOf(kind, entity.id)}`));
    for (const kind of ALL_KINDS) {
      for (const e of world.list(kind)) {
        const key = keyOf(kind, e.id);
        if (!drop.has(`${kind}\u0000${key}`)) keep.set(`${kind}\u0000${key}`, [kind, key, JSON.stringify(e)]);
      }
    }
    for (const e of entities) keep.set(`${e.kind}\u0000${e.key}`, [e.kind, e.key, JSON.stringify(e.body)]);
    const store = this.engine.store;
    const [events, clock] = await Promise.all([store.events({}), store.getMeta(META_CLOCK)]);
    await store.replaceWorld({ entities: [...keep.values()], events, meta: clock === undefined ? {} : { [META_CLOCK]: clock } });
    await reload(`fastroute:snapshot-restore:${lab}`);
  }

  private async get(name: string): Promise<SnapshotRecord> {
    const r = await this.engine.store.getSnapshot(checkSnapshotName(name));
    if (r === undefined) throw notFound(name);
    return r;
  }
}

function notFound(name: string): Error {
  return fastroute.notFound(`no snapshot named "${name}" (fastroute snapshot list shows the saved ones)`);
}
