// `fastroute snapshot …` through the compiled CLI against a real server: save, list, export,
// import (and a refused file), restore, delete.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { startTestServer } from '../api/server.ts';
import { runCli, serverForSuite } from './run.ts';

void describe('fastroute snapshot', () => {
  const suite = serverForSuite(startTestServer);
  const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-snap-cli-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  void it('save, list, export, import, restore, delete', async () => {
    const save = await runCli(['snapshot', 'save', 'first'], suite.env);
    assert.equal(save.code, 0, save.stderr);
    assert.match(save.stdout, /Saved first \(whole world, \d+ resources/);
    const file = path.join(dir, 'first.json');
    const exp = await runCli(['snapshot', 'export', 'first', file], suite.env);
    assert.equal(exp.code, 0, exp.stderr);
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { format: string }).format, 'fastroute-snapshot');
    const imp = await runCli(['snapshot', 'import', file, '--name', 'second'], suite.env);
    assert.equal(imp.code, 0, imp.stderr);
    const list = await runCli(['snapshot', 'list'], suite.env);
    assert.match(list.stdout, /first\s+│ world/);
    assert.match(list.stdout, /second\s+│ world/);
    const restore = await runCli(['snapshot', 'restore', 'second'], suite.env);
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(restore.stdout, /Restored second .* in \d+ ms\./);
    const del = await runCli(['snapshot', 'delete', 'second'], suite.env);
    assert.equal(del.code, 0, del.stderr);
    const missing = await runCli(['snapshot', 'restore', 'second'], suite.env);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /no snapshot named "second"/);
  });

  void it('refuses a file from a newer schema with a clear message', async () => {
    const file = path.join(dir, 'newer.json');
    writeFileSync(file, JSON.stringify({ format: 'fastroute-snapshot', version: 1, schemaVersion: 999 }));
    const r = await runCli(['snapshot', 'import', file], suite.env);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /made by a newer FastRoute/);
  });
});
