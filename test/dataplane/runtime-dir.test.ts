// Where an in-memory server keeps its data plane record (so a start after kill -9 can reap it), and
// what a record may make FastRoute delete: without root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureRuntimeDir, runtimeDirFor, runtimeRecordFile, runtimeRecords } from '../../src/dataplane/runtime-dir.ts';
import { ownNamespaces } from '../../src/dataplane/apply.ts';
import type { DataplaneRecord } from '../../src/dataplane/record.ts';

void test('the runtime directory is per user: /run/fastroute for root, $XDG_RUNTIME_DIR/fastroute, else <tmp>/fastroute-<uid>; FASTROUTE_RUNTIME_DIR first', () => {
  assert.equal(runtimeDirFor(0, { XDG_RUNTIME_DIR: '/run/user/0' }, '/tmp'), '/run/fastroute');
  assert.equal(runtimeDirFor(1000, { XDG_RUNTIME_DIR: '/run/user/1000' }, '/tmp'), '/run/user/1000/fastroute');
  assert.equal(runtimeDirFor(1000, { XDG_RUNTIME_DIR: 'relative' }, '/tmp'), '/tmp/fastroute-1000', 'a relative XDG_RUNTIME_DIR is ignored (the spec says so)');
  assert.equal(runtimeDirFor(1000, {}, '/tmp'), '/tmp/fastroute-1000');
  assert.equal(runtimeDirFor(0, { FASTROUTE_RUNTIME_DIR: '/run/fr-test' }, '/tmp'), '/run/fr-test', 'FASTROUTE_RUNTIME_DIR overrides');
});

void test('each data plane gets its own record file; only a private directory is used; other files are not records', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'fastroute-rt-'));
  try {
    const dir = path.join(base, 'fastroute');
    assert.deepEqual(runtimeRecords(dir), [], 'no directory: nothing to reap');
    ensureRuntimeDir(dir);
    const [a, b] = [runtimeRecordFile(dir), runtimeRecordFile(dir)];
    assert.notEqual(a, b, 'two data planes in one process do not share a file');
    assert.match(path.basename(a), new RegExp(`^dataplane-${process.pid}-[0-9a-f]{8}\\.json$`));
    writeFileSync(a, '{}');
    writeFileSync(path.join(dir, 'notes.txt'), '');
    assert.deepEqual(runtimeRecords(dir), [a]);
    chmodSync(dir, 0o777);
    assert.throws(() => runtimeRecords(dir), /writable by others \(mode 777\)/, 'a directory others can write to decides nothing');
    assert.throws(() => { ensureRuntimeDir(dir); }, /writable by others/);
    const file = path.join(base, 'plain');
    writeFileSync(file, '');
    assert.throws(() => { ensureRuntimeDir(file); }, /EEXIST|not a directory/);
    mkdirSync(path.join(base, 'ok'), { mode: 0o700 });
    assert.doesNotThrow(() => { ensureRuntimeDir(path.join(base, 'ok')); });
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

void test('a record can only make FastRoute delete namespaces of its own run', () => {
  const ns = (name: string) => ({ name, role: 'vm' as const, cloud: 'oci', resourceId: name, resourceName: name });
  const record = { runId: 'k3x9', namespaces: [ns('frk3x9-vm-oci'), ns('frk3x9-drg-oci'), ns('fraaaa-vm-oci'), ns('docker-netns'), ns('frk3x9-../x')] } as unknown as DataplaneRecord;
  assert.deepEqual(ownNamespaces(record), ['frk3x9-vm-oci', 'frk3x9-drg-oci']);
  assert.deepEqual(ownNamespaces({ ...record, runId: '../x' }), [], 'a run id that is not one lists nothing');
});
