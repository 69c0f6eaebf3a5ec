// Concurrent writers with ETags (issue 12's standing suite): N updaters increment one counter tag on
// the same OCI VCN (if-match) and the same ARM route table (If-Match), each re-reading and retrying
// on 412. Every acknowledged increment must be in the final value (0 lost updates), on a live server
// and across a kill -9 mid-way (then at most one unacknowledged increment per updater may also be
// in). Prints a one-line JSON summary.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import { startServerProcess } from './server-process.ts';
import { seededRandom } from './seeded-random.ts';
import { integrityCheck } from './verify.ts';
import { apis, groupBody, groupUrl, signingConfig, SUB, NET_API, type Apis } from './writers.ts';

const UPDATERS = 8;
const INCREMENTS = 4;
const MAX_ATTEMPTS = 400;
const SEED = Number(process.env.CRASH_SEED ?? 20261207);
const TABLE = `${SUB}/resourceGroups/rg-etag/providers/Microsoft.Network/routeTables/rt-counter${NET_API}`;

/** One counter, read with its etag and written only if the etag still matches. */
interface Counter {
  read(a: Apis): Promise<{ value: number; etag: string }>;
  /** True when written, false on 412 (someone else wrote first). */
  write(a: Apis, value: number, etag: string): Promise<boolean>;
}

function ociCounter(vcnId: string): Counter {
  return {
    async read(a) {
      const r = await a.network.getVcn({ vcnId });
      return { value: Number(r.vcn.freeformTags?.counter ?? 0), etag: r.etag ?? '' };
    },
    async write(a, value, etag) {
      try {
        await a.network.updateVcn({ vcnId, ifMatch: etag, updateVcnDetails: { freeformTags: { counter: String(value) } } });
        return true;
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 412) return false;
        throw err;
      }
    },
  };
}

const armCounter: Counter = {
  async read(a) {
    const r = await a.arm('GET', TABLE);
    assert.equal(r.status, 200, r.text);
    const body = r.body as { etag: string; tags?: Record<string, string> };
    return { value: Number(body.tags?.counter ?? 0), etag: body.etag };
  },
  async write(a, value, etag) {
    const r = await a.arm('PUT', TABLE, { location: 'eastus', tags: { counter: String(value) } }, { 'if-match': etag });
    if (r.status === 412) return false;
    assert.ok(r.status === 200 || r.status === 201, `${r.status} ${r.text}`);
    return true;
  },
};

interface Tally { acked: number; conflicts: number }

/** Increments until `goal` acknowledged writes (or `running()` is false), re-reading after each 412. */
async function updater(a: Apis, c: Counter, tally: Tally, goal: number, running: () => boolean): Promise<void> {
  let done = 0;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && done < goal && running(); attempt++) {
    try {
      const { value, etag } = await c.read(a);
      if (await c.write(a, value + 1, etag)) {
        done++;
        tally.acked++;
      } else {
        tally.conflicts++;
      }
    } catch (err) {
      if (running()) throw err; // cut off by the kill: not acknowledged
    }
  }
  assert.ok(done === goal || !running(), `updater gave up after ${MAX_ATTEMPTS} attempts`);
}

void describe('concurrent writers with etags (file store)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-etag-'));
  const dataDir = path.join(dir, 'data');
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  void it(`${UPDATERS} updaters on one OCI VCN and one ARM route table lose no acknowledged update, live and across a kill`, async () => {
    const { configFile, auth } = signingConfig(dir);
    const start = () => startServerProcess(dataDir, ['--config', configFile]);
    let server = await start();
    const summary = { test: 'etag-writers', updaters: UPDATERS, acknowledgedUpdates: 0, preconditionFailed: 0, lostUpdates: 0, kills: 0 };
    try {
      let a = apis(server, auth);
      const vcn = await a.network.createVcn({ createVcnDetails: { compartmentId: DEFAULT_TENANCY_ID, cidrBlocks: ['10.0.0.0/16'], displayName: 'counter' } });
      assert.equal((await a.arm('PUT', groupUrl('rg-etag'), groupBody('etag'))).status, 201);
      assert.equal((await a.arm('PUT', TABLE, { location: 'eastus', tags: { counter: '0' } })).status, 201);
      const counters = { oci: ociCounter(vcn.vcn.id), arm: armCounter };

      // Live: every updater reaches its goal; the final value is exactly the acknowledged count.
      for (const [name, c] of Object.entries(counters)) {
        const tally: Tally = { acked: 0, conflicts: 0 };
        await Promise.all(Array.from({ length: UPDATERS }, () => updater(a, c, tally, INCREMENTS, () => true)));
        const final = (await c.read(a)).value;
        assert.equal(tally.acked, UPDATERS * INCREMENTS);
        assert.equal(final, tally.acked, `${name}: final counter vs acknowledged updates`);
        summary.acknowledgedUpdates += tally.acked;
        summary.preconditionFailed += tally.conflicts;
        summary.lostUpdates += Math.max(0, tally.acked - final);
      }

      // Across a kill: the value after the restart holds every acknowledged update, plus at most
      // one per updater whose reply the kill cut off.
      const random = seededRandom(SEED);
      const base = { oci: (await counters.oci.read(a)).value, arm: (await counters.arm.read(a)).value };
      const tallies = { oci: { acked: 0, conflicts: 0 }, arm: { acked: 0, conflicts: 0 } };
      let running = true;
      const all = (Object.keys(counters) as (keyof typeof counters)[]).flatMap((k) => Array.from({ length: UPDATERS }, () => updater(a, counters[k], tallies[k], Number.MAX_SAFE_INTEGER, () => running)));
      await new Promise((r) => setTimeout(r, 300 + Math.round(700 * random())));
      running = false;
      assert.equal(await server.kill9(), 'SIGKILL');
      summary.kills++;
      await Promise.all(all);
      assert.equal(integrityCheck(dataDir), 'ok');
      server = await start();
      a = apis(server, auth);
      for (const k of Object.keys(counters) as (keyof typeof counters)[]) {
        const final = (await counters[k].read(a)).value - base[k];
        summary.acknowledgedUpdates += tallies[k].acked;
        summary.preconditionFailed += tallies[k].conflicts;
        summary.lostUpdates += Math.max(0, tallies[k].acked - final);
        assert.ok(final >= tallies[k].acked && final <= tallies[k].acked + UPDATERS, `${k}: ${final} after the restart, ${tallies[k].acked} acknowledged`);
      }
    } finally {
      assert.equal(await server.stop(), 0, server.output());
    }
    console.log(JSON.stringify(summary));
    assert.equal(summary.lostUpdates, 0);
  });
});
