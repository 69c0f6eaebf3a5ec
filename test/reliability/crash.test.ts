// Crash test (issue 12's standing suite), on SQLite and on PostgreSQL: `fastroute start` on a store, write bursts through the
// public APIs (OCI via the signed SDK, ARM PUTs) and lab applies through the admin API, SIGKILL by pid
// at a seeded random moment, restart on the same store. After every kill: the store is sound
// (SQLite's PRAGMA integrity_check, PostgreSQL's index and JSON checks; before and after the restart), /status answers, every write that got a
// 2xx is there and readable, a lab cut off mid-apply is absent or completed by `up` again, and a
// teardown cut off is finished by `down` again. A VCN create the kill cut off, retried with its
// opc-retry-token after the restart, yields exactly one VCN.
// CRASH_CYCLES (default 8) and CRASH_SEED (default fixed) tune the run; a one-line JSON summary is
// printed for the closing note.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../cli/run.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { acknowledged, apis, emptyLedger, signingConfig, writeBurst } from './writers.ts';
import { lostWrites, retryCutOffCreates, storeIntegrity } from './verify.ts';
import { STORE_DIALECTS, withStorePlace } from '../helpers/store-dialects.ts';
import { seededRandom } from './seeded-random.ts';
import { deleteLab, labOutcome, postLab, teardownOutcome, type LabOutcome, type TeardownOutcome } from './labs.ts';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 8);
const SEED = Number(process.env.CRASH_SEED ?? 20261207);
const WRITERS = 6;
const TUTORIAL = readFileSync(path.join(ROOT, 'labs/tutorial.yaml'), 'utf8');
// Lab cycles run the realistic clock, scaled so a lab takes ~2 s: a kill then lands between the
// lab's resources and its ExpressRoute connection as often as not.
const LAB_CLOCK = ['--clock', 'realistic', '--clock-scale', '0.001'];

/** The tutorial under other names (lab, resource group, circuits), so every cycle can bring its own lab up. */
function labYaml(name: string): string {
  return TUTORIAL.replace(/^name: tutorial$/m, `name: ${name}`)
    .replace('resourceGroup: rg-fastroute', `resourceGroup: rg-${name}`)
    .replace('name: er-oci-azure', `name: er-${name}`)
    .replace('name: vc-azure', `name: ${vcOf(name)}`);
}
const vcOf = (lab: string) => `vc-${lab}`;
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
// A burst cycle kills only after this many writes of its own were acknowledged (waiting at most
// ACK_WAIT_MS), so a loaded machine still kills mid-burst rather than before the first answer.
const MIN_ACKS_PER_BURST = 10;
const ACK_WAIT_MS = 20_000;

async function untilAcknowledged(ledger: ReturnType<typeof emptyLedger>, count: number): Promise<void> {
  const deadline = Date.now() + ACK_WAIT_MS;
  while (acknowledged(ledger) < count && Date.now() < deadline) await delay(20);
}

for (const d of STORE_DIALECTS) {
  void describe(`kill -9 during writes and lab applies (${d.name} store)`, { skip: d.skip }, () => {
    void it(`loses no acknowledged write and keeps the database sound across ${CYCLES} kills`, () => withStorePlace(d.name, async (place) => {
      const dir = place.dataDir;
      const dataDir = path.join(dir, 'data');
      const random = seededRandom(SEED);
      const { configFile, auth } = signingConfig(dir);
      const isLabCycle = (cycle: number) => cycle % 2 === 1;
      const start = (cycle: number) => startServerProcess(dataDir, ['--config', configFile, ...place.args, ...(isLabCycle(cycle) ? LAB_CLOCK : [])]);
      const ledger = emptyLedger();
      const integrity: string[] = [];
      const labs: Record<LabOutcome, number> = { acknowledged: 0, cutOffAbsent: 0, cutOffComplete: 0, finishedByUpAgain: 0 };
      const teardowns: Record<TeardownOutcome, number> = { acknowledged: 0, cutOffGone: 0, finishedByDownAgain: 0 };
      let lost: string[] = [];
      const labsUp = new Set<string>();
      let kills = 0;
      let retried = 0;
      let duplicates = 0;
      let server: ServerProcess = await start(0);
      try {
        for (let cycle = 0; cycle < CYCLES; cycle++) {
          const a = apis(server, auth);
          let running = true;
          const before = new Set([...ledger.vcns.keys(), ...ledger.groups.keys()]);
          const writers = Array.from({ length: WRITERS }, (_, w) => writeBurst(a, ledger, `c${cycle}w${w}`, random, () => running));
          const lab = isLabCycle(cycle) ? postLab(server.admin, labYaml(`crash-${cycle}`)) : undefined;
          // Burst cycles: anywhere in 0.2-1.5 s of writing; lab cycles: anywhere in the ~2 s apply.
          const killAfter = isLabCycle(cycle) ? 20 + Math.round(2200 * random()) : 200 + Math.round(1300 * random());
          // Lab cycles also tear down the lab of the lab cycle before (if it came up: finished after its
          // restart), starting 0.1-0.9 s before the kill: a teardown takes ~0.7 s on this clock.
          const oldLab = isLabCycle(cycle) && labsUp.has(`crash-${cycle - 2}`) ? `crash-${cycle - 2}` : undefined;
          const teardownAfter = Math.max(0, killAfter - 100 - Math.round(800 * random()));
          const teardown = oldLab === undefined ? undefined : delay(teardownAfter).then(() => deleteLab(server.admin, oldLab));
          if (!isLabCycle(cycle)) await untilAcknowledged(ledger, acknowledged(ledger) + MIN_ACKS_PER_BURST);
          await delay(killAfter);
          running = false;
          assert.equal(await server.kill9(), 'SIGKILL', server.output());
          kills++;
          await Promise.all(writers);
          const labAcked = lab === undefined ? undefined : await lab;
          const teardownAcked = teardown === undefined ? undefined : await teardown;
          integrity.push(await storeIntegrity(dataDir, place.url));

          server = await start(cycle + 1);
          const b = apis(server, auth);
          const status = await fetch(`${server.admin}/fastroute/v1/status`);
          assert.equal(status.status, 200, 'the restarted server answers /status');
          const fresh = new Set([...ledger.vcns.keys(), ...ledger.groups.keys()].filter((k) => !before.has(k)));
          lost = await lostWrites(b, ledger, fresh);
          assert.deepEqual(lost, [], `cycle ${cycle} (kill after ${killAfter} ms): acknowledged writes lost`);
          retried += ledger.cutOffCreates.size;
          const duplicated = await retryCutOffCreates(b, ledger);
          duplicates += duplicated.length;
          assert.deepEqual(duplicated, [], 'a create retried with its opc-retry-token after the kill is not made twice');
          if (oldLab !== undefined && teardownAcked !== undefined) teardowns[await teardownOutcome(server.admin, oldLab, teardownAcked)]++;
          if (labAcked !== undefined) {
            const outcome = await labOutcome(server.admin, `crash-${cycle}`, vcOf(`crash-${cycle}`), labYaml(`crash-${cycle}`), labAcked);
            labs[outcome]++;
            if (outcome !== 'cutOffAbsent') labsUp.add(`crash-${cycle}`);
          }
          integrity.push(await storeIntegrity(dataDir, place.url));
        }
      } finally {
        const code = await server.stop();
        assert.equal(code, 0, `the last server stops cleanly: ${server.output()}`);
      }
      integrity.push(await storeIntegrity(dataDir, place.url));
      const summary = { test: 'crash', store: d.name, seed: SEED, kills, acknowledgedWrites: acknowledged(ledger), lostWrites: lost.length, cutOffCreatesRetried: retried, duplicatesAfterRetry: duplicates, integrity: { checks: integrity.length, ok: integrity.filter((r) => r === 'ok').length }, labApplies: labs, labTeardowns: teardowns };
      console.log(JSON.stringify(summary));
      assert.deepEqual(integrity.filter((r) => r !== 'ok'), [], 'store integrity checks');
      assert.ok(acknowledged(ledger) >= Math.ceil(CYCLES / 2) * MIN_ACKS_PER_BURST, `the bursts wrote something: ${JSON.stringify(summary)}`);
    }));
  });
}
