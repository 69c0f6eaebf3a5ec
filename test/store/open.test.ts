// openStore against real files: location, persistence across reopen, migrations, pragmas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { openStore } from '../../src/store/open.ts';
import { sqliteDialect } from '../../src/store/sql/dialects/sqlite.ts';
import { VCN, event, put, removeDir, tempDir, vcn } from './fixtures.ts';

void test('a file store lives at <dataDir>/fastroute.db and creates missing directories', async () => {
  const dir = tempDir();
  try {
    const dataDir = path.join(dir, 'nested', 'data');
    const s = await openStore({ dataDir });
    try {
      assert.equal(s.location, path.join(dataDir, 'fastroute.db'));
      assert.ok(fs.existsSync(s.location));
    } finally {
      await s.close();
    }
  } finally {
    removeDir(dir);
  }
});

void test('a file store keeps entities, events and meta across close and reopen', async () => {
  const dir = tempDir();
  try {
    const first = await openStore({ dataDir: dir });
    const seqs = await first.commit([put(VCN, 'v1', vcn('v1')), put(VCN, 'v2', vcn('v2'))], [event(VCN, 'v1', 'created', { after: vcn('v1') })], {
      clock: '{"manualNow":42}',
    });
    await first.commit([put(VCN, 'v2', vcn('v2', { displayName: 'second' }))], []);
    await first.close();

    const second = await openStore({ dataDir: dir });
    try {
      assert.deepEqual(await second.loadAll(), [
        { kind: VCN, key: 'v1', body: vcn('v1') },
        { kind: VCN, key: 'v2', body: vcn('v2', { displayName: 'second' }) },
      ]);
      assert.deepEqual(await second.events({}), [{ ...event(VCN, 'v1', 'created', { after: vcn('v1') }), seq: seqs[0] }]);
      assert.equal(await second.getMeta('clock'), '{"manualNow":42}');
      const next = await second.commit([], [event(VCN, 'v3', 'created')]);
      assert.ok(next[0]! > seqs[0]!);
    } finally {
      await second.close();
    }
  } finally {
    removeDir(dir);
  }
});

void test('migrations are idempotent: reopening and re-migrating records each migration once', async () => {
  const dir = tempDir();
  try {
    const a = await openStore({ dataDir: dir });
    await a.commit([put(VCN, 'v1', vcn('v1'))], []);
    await a.migrate();
    await a.close();
    const b = await openStore({ dataDir: dir });
    await b.migrate();
    assert.equal((await b.loadAll()).length, 1);
    await b.close();

    const raw = new SqliteDatabase(path.join(dir, 'fastroute.db'), { readonly: true });
    try {
      assert.deepEqual(raw.prepare('select name from kysely_migration order by name').all(), [{ name: '0001-init' }, { name: '0002-snapshots' }]);
      const tables = raw.prepare("select name from sqlite_master where type = 'table' and name in ('entities', 'events', 'meta') order by name").all();
      assert.deepEqual(tables, [{ name: 'entities' }, { name: 'events' }, { name: 'meta' }]);
      const indexes = raw.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'events' and name = 'events_resource_id'").all();
      assert.equal(indexes.length, 1);
    } finally {
      raw.close();
    }
  } finally {
    removeDir(dir);
  }
});

void test('file databases use WAL with synchronous=NORMAL, foreign keys and a busy timeout', async () => {
  const dir = tempDir();
  const db = new Kysely<unknown>({ dialect: sqliteDialect(path.join(dir, 'fastroute.db')).dialect });
  try {
    const one = async <T>(pragma: string): Promise<T | undefined> => (await sql.raw<T>(`pragma ${pragma}`).execute(db)).rows[0];
    assert.deepEqual(await one('journal_mode'), { journal_mode: 'wal' });
    assert.deepEqual(await one('synchronous'), { synchronous: 1 }, 'NORMAL: durable across a process kill, no fsync per commit');
    assert.deepEqual(await one('foreign_keys'), { foreign_keys: 1 });
    assert.deepEqual(await one('busy_timeout'), { timeout: 5000 });
  } finally {
    await db.destroy();
    removeDir(dir);
  }
});
