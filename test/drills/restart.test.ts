// Drills are stored entities: they survive an engine restart on a file store, routing honours them
// after the restart, and they can be stopped there, restoring the state before the drill.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { listDrills, startDrill, stopDrill } from '../../src/engine/drill-runner.ts';
import { freshSnapshot, snapshot, tutorialEngine } from './helpers.ts';

void test('a drill survives an engine restart on a file store and can be stopped after it', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fastroute-drills-'));
  try {
    const first = await tutorialEngine(dataDir);
    const before = await snapshot(first);
    const report = await startDrill(first, { kind: 'link-down', path: 'primary' });
    const flood = await startDrill(first, { kind: 'prefix-flood', count: 3 });
    const during = await snapshot(first);
    const listed = await listDrills(first);
    await first.close();

    const second = await Engine.open({ store: await openStore({ dataDir }) });
    try {
      assert.deepEqual(await listDrills(second), listed, 'the same drills, ids and start times');
      assert.deepEqual(await snapshot(second), during, 'routing honours the drills after the restart');
      assert.deepEqual(await freshSnapshot(second), during);
      assert.equal(during.view.sessions[0]?.reason, 'drill: primary link down');

      const stopped = await stopDrill(second, report.id);
      assert.deepEqual(stopped.stopped, [report.id]);
      assert.equal(stopped.after[0]?.sessions[0]?.up, true);
      await stopDrill(second, flood.id);
      assert.deepEqual(await snapshot(second), before, 'exactly the state before the drills');
      assert.deepEqual(await listDrills(second), []);
      // The event log records the drills with their causes.
      const events = (await second.queryEvents({ kind: 'fr.Drill' })).map((e) => [e.resourceId, e.change, e.cause]);
      assert.deepEqual(events, [
        [report.id, 'created', 'drill:link-down'], [flood.id, 'created', 'drill:prefix-flood'],
        [report.id, 'deleted', 'drill:stop'], [flood.id, 'deleted', 'drill:stop'],
      ]);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
