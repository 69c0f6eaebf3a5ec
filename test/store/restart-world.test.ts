// A restart restores the world exactly, on SQLite and on PostgreSQL: every resource, the pending
// timers with their due times (and they still fire then, not earlier), the event log, the drills
// and the manual clock. The engine runs the tutorial lab, then the manual clock with a create
// pending and a drill on; it is closed, reopened on the same store and compared field by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Engine } from '../../src/engine/engine.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { openStore } from '../../src/store/open.ts';
import { createVcn } from '../../src/lifecycle/oci/vcn.ts';
import { listDrills, startDrill } from '../../src/engine/drill-runner.ts';
import type { Timer } from '../../src/model/timer.ts';
import { ociScope } from '../helpers/interconnect.ts';
import { STORE_DIALECTS, withStorePlace } from '../helpers/store-dialects.ts';
import { snapshot, TUTORIAL } from '../drills/helpers.ts';

const scope = ociScope();

/** Every entity of every kind, each kind sorted by its JSON (the world's order is not part of it). */
function worldDump(engine: Engine): Record<string, string[]> {
  const dump: Record<string, string[]> = {};
  for (const kind of engine.world.kinds().sort()) {
    const rows = engine.world.list(kind).map((e) => JSON.stringify(e)).sort();
    if (rows.length > 0) dump[kind] = rows;
  }
  return dump;
}

for (const d of STORE_DIALECTS) {
  void test(`${d.name}: a restart restores resources, timers with their due times, events, drills and the clock`, { skip: d.skip }, () =>
    withStorePlace(d.name, async (place) => {
      const first = await Engine.open({ store: await openStore(place) });
      let saved: { world: Record<string, string[]>; events: unknown; drills: unknown; routes: unknown; now: number; timers: Timer[] };
      let vcnId: string;
      try {
        const report = await upLab(first, parseLab(readFileSync(TUTORIAL, 'utf8'), TUTORIAL));
        assert.deepEqual(report.incomplete, []);
        await first.setClock('manual', 1);
        vcnId = (await first.mutate('t', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.77.0.0/16', displayName: 'pending' }))).id;
        await startDrill(first, { kind: 'link-down', path: 'primary' });
        await first.settle();
        const timers = first.world.list('fr.Timer');
        assert.ok(timers.some((t) => t.target === vcnId), 'the create left a timer pending');
        saved = { world: worldDump(first), events: await first.queryEvents({}), drills: await listDrills(first), routes: await snapshot(first), now: Date.parse(first.clockStatus().now), timers };
      } finally {
        await first.close();
      }

      const second = await Engine.open({ store: await openStore(place), clock: 'manual', scale: 1 });
      try {
        assert.deepEqual(worldDump(second), saved.world, 'every entity, timers included, field by field');
        assert.deepEqual(await second.queryEvents({}), saved.events, 'the event log, seqs included');
        assert.deepEqual(await listDrills(second), saved.drills);
        assert.deepEqual(await snapshot(second), saved.routes, 'routing honours the restored drill');
        assert.equal(Date.parse(second.clockStatus().now), saved.now, 'the manual clock');

        // The VCN's timer fires at its stored due time: not a millisecond before.
        const due = Math.min(...saved.timers.filter((t) => t.target === vcnId).map((t) => t.at));
        await second.advance((due - saved.now - 1) / 1000);
        assert.equal(second.world.get('oci.Vcn', vcnId)?.lifecycleState, 'PROVISIONING');
        await second.advance(0.001);
        assert.equal(second.world.get('oci.Vcn', vcnId)?.lifecycleState, 'AVAILABLE');
      } finally {
        await second.close();
      }
    }));
}
