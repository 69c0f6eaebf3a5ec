// Snapshots through the admin API on a real server (worker-thread SQLite store): save, change the
// world, restore, and the world is as saved: resources (as the official OCI SDK lists them), the
// clock, the timers' due times, the events. Also: lab scope, export/import, refused files.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import { startOciServer, type OciTestServer } from './oci/harness.ts';
import { TUTORIAL } from './server.ts';

type Clock = { now: string; nextDue?: string; pendingTransitions: number };
type Ev = { seq?: number } & Record<string, unknown>;

async function worldState(s: OciTestServer) {
  const vcns = (await s.network.listVcns({ compartmentId: DEFAULT_TENANCY_ID })).items.map((v) => ({ id: v.id, name: v.displayName, state: v.lifecycleState }));
  const clock = (await s.api('GET', '/clock')).body as Clock;
  const events = ((await s.api('GET', '/events?limit=100000')).body as { events: Ev[] }).events.map(({ seq: _seq, ...e }) => e);
  const status = (await s.api('GET', '/status')).body as { labs: string[] };
  return { vcns, clock: { now: clock.now, nextDue: clock.nextDue, pending: clock.pendingTransitions }, events, labs: status.labs };
}

void describe('snapshots', () => {
  let s: OciTestServer;
  before(async () => {
    s = await startOciServer({ lab: TUTORIAL });
    assert.equal((await s.api('PUT', '/clock', { mode: 'manual' })).status, 200);
  });
  after(async () => {
    await s.close();
  });

  void it('save → change → restore gives back resources, clock, timers and events', async () => {
    await s.network.createVcn({ createVcnDetails: { compartmentId: DEFAULT_TENANCY_ID, cidrBlocks: ['10.50.0.0/16'], displayName: 'kept' } });
    const saved = await worldState(s);
    assert.ok(saved.clock.pending > 0, 'a pending timer is part of the snapshot');
    assert.equal((await s.api('POST', '/snapshots', { name: 'base' })).status, 201);

    const extra = await s.network.createVcn({ createVcnDetails: { compartmentId: DEFAULT_TENANCY_ID, cidrBlocks: ['10.51.0.0/16'], displayName: 'extra' } });
    await s.api('POST', '/clock/advance', { seconds: 7200 });
    assert.notDeepEqual(await worldState(s), saved);

    const restored = await s.api('POST', '/snapshots/base/restore');
    assert.equal(restored.status, 200, restored.text);
    assert.deepEqual(await worldState(s), saved);
    const gone = await s.network.getVcn({ vcnId: extra.vcn.id }).catch((e: unknown) => (e as { statusCode: number }).statusCode);
    assert.equal(gone, 404);
    // The restored timers still fire: advancing the clock brings the kept VCN to AVAILABLE.
    await s.api('POST', '/clock/advance', { seconds: 7200 });
    const kept = (await s.network.listVcns({ compartmentId: DEFAULT_TENANCY_ID, displayName: 'kept' })).items[0];
    assert.equal(kept?.lifecycleState, 'AVAILABLE');

    const list = (await s.api('GET', '/snapshots')).body as { snapshots: { name: string; lab: string | null; entities: number }[] };
    assert.deepEqual(list.snapshots.map((x) => [x.name, x.lab]), [['base', null]]);
  });

  void it('a lab snapshot restores that lab only', async () => {
    await s.api('PUT', '/clock', { mode: 'instant' });
    assert.equal((await s.api('POST', '/snapshots', { name: 'tut', lab: 'tutorial' })).status, 201);
    const other = await s.network.createVcn({ createVcnDetails: { compartmentId: DEFAULT_TENANCY_ID, cidrBlocks: ['10.60.0.0/16'], displayName: 'outside' } });
    const labBefore = (await s.api('GET', '/status')).body as { interconnects: unknown[] };
    const down = await s.api('DELETE', '/labs/tutorial');
    assert.equal(down.status, 200, down.text);
    assert.deepEqual(((await s.api('GET', '/status')).body as { labs: string[] }).labs, []);
    const r = await s.api('POST', '/snapshots/tut/restore');
    assert.equal(r.status, 200, r.text);
    const labAfter = (await s.api('GET', '/status')).body as { labs: string[]; interconnects: unknown[] };
    assert.deepEqual(labAfter.labs, ['tutorial']);
    assert.deepEqual(labAfter.interconnects, labBefore.interconnects);
    assert.equal((await s.network.getVcn({ vcnId: other.vcn.id })).vcn.displayName, 'outside', 'resources outside the lab stay');
    assert.equal((await s.api('POST', '/snapshots', { name: 'x', lab: 'no-such-lab' })).status, 404);
  });

  void it('export → import round trip; newer and malformed files are refused and change nothing', async () => {
    const exported = await s.api('GET', '/snapshots/base/export');
    assert.equal(exported.status, 200);
    const doc = exported.body as { format: string; version: number; schemaVersion: number; created: string; entities: unknown[] };
    assert.equal(doc.format, 'fastroute-snapshot');
    assert.ok(doc.version >= 1 && doc.schemaVersion >= 2 && doc.created.length > 0);

    const imported = await s.api('POST', '/snapshots/import?name=copy', exported.text);
    assert.equal(imported.status, 201, imported.text);
    const again = await s.api('GET', '/snapshots/copy/export');
    assert.deepEqual({ ...(again.body as object), name: 'base' }, doc);

    const before = (await s.api('GET', '/snapshots')).text;
    const newer = await s.api('POST', '/snapshots/import?name=newer', JSON.stringify({ ...doc, schemaVersion: doc.schemaVersion + 1 }));
    assert.equal(newer.status, 400);
    assert.equal((newer.body as { code: string }).code, 'SnapshotVersionUnsupported');
    assert.match((newer.body as { message: string }).message, /newer FastRoute/);
    for (const bad of ['{not json', '[]', JSON.stringify({ ...doc, entities: [{ kind: 'oci.Nope', key: 'k', body: { id: 'k' } }] }), JSON.stringify({ ...doc, entities: [{ kind: 'oci.Vcn', key: 'a', body: { id: 'b' } }] }), '']) {
      const r = await s.api('POST', '/snapshots/import?name=bad', bad, { 'content-type': 'application/json' });
      assert.equal(r.status, 400, `${bad.slice(0, 40)} → ${r.text}`);
      assert.equal((r.body as { code: string }).code, 'InvalidSnapshot');
    }
    assert.equal((await s.api('GET', '/snapshots')).text, before, 'nothing stored');
  });

  void it('delete, unknown names and bad names', async () => {
    assert.equal((await s.api('DELETE', '/snapshots/copy')).status, 200);
    assert.equal((await s.api('DELETE', '/snapshots/copy')).status, 404);
    assert.equal((await s.api('POST', '/snapshots/nope/restore')).status, 404);
    assert.equal((await s.api('POST', '/snapshots', { name: '../x' })).status, 400);
  });
});

void describe('snapshot restore is atomic', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fastroute-snap-'));
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  void it('a restore whose write fails leaves the world and the database as they were', async () => {
    const s = await startOciServer({ inMemory: false, dataDir, lab: TUTORIAL });
    const raw = new SqliteDatabase(path.join(dataDir, 'fastroute.db'));
    try {
      await s.api('PUT', '/clock', { mode: 'manual' });
      assert.equal((await s.api('POST', '/snapshots', { name: 'base' })).status, 201);
      await s.network.createVcn({ createVcnDetails: { compartmentId: DEFAULT_TENANCY_ID, cidrBlocks: ['10.70.0.0/16'], displayName: 'after-save' } });
      const world = await worldState(s);
      const rows = () => raw.prepare('select (select count(*) from entities) as e, (select count(*) from events) as v, (select group_concat(body) from entities) as b').get();
      const stored = rows();
      // A real failure inside the restore's transaction, after it deleted the old world.
      raw.exec("create trigger fr_snapshot_fail before insert on events begin select raise(abort, 'injected failure'); end");
      const failed = await s.api('POST', '/snapshots/base/restore');
      assert.equal(failed.status, 500);
      assert.match(failed.text, /injected failure/);
      assert.deepEqual(rows(), stored, 'database unchanged');
      assert.deepEqual(await worldState(s), world, 'memory unchanged');
      raw.exec('drop trigger fr_snapshot_fail');
      assert.equal((await s.api('POST', '/snapshots/base/restore')).status, 200);
      assert.equal((await s.network.listVcns({ compartmentId: DEFAULT_TENANCY_ID, displayName: 'after-save' })).items.length, 0);
    } finally {
      raw.close();
      await s.close();
    }
  });
});
