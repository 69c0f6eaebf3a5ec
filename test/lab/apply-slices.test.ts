// A big lab is applied in slices (the event loop gets turns while it runs) and is still one unit of
// work: one that the cloud refuses at its very last subnet leaves the world and the event log as
// they were, on a file store too (the SQLite transaction is held across the turns).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Engine } from '../../src/engine/engine.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { CloudError } from '../../src/model/errors.ts';
import { openStore } from '../../src/store/open.ts';
import { wideNetworkLabYaml } from '../../bench/wide-network-lab.ts';

const SUBNETS = 1500;

async function withFileEngine(fn: (engine: Engine) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fastroute-slices-'));
  const engine = await Engine.open({ store: await openStore({ dataDir }) });
  try {
    await fn(engine);
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void test('a big lab comes up whole while timers keep firing, and the activity is visible meanwhile', async () => {
  await withFileEngine(async (engine) => {
    let ticks = 0;
    let seenSteps = 0;
    const ticker = setInterval(() => {
      ticks += 1;
      seenSteps = Math.max(seenSteps, engine.activity()?.steps ?? 0);
    }, 1);
    const report = await upLab(engine, parseLab(wideNetworkLabYaml({ subnets: SUBNETS }), 'wide.yaml')).finally(() => {
      clearInterval(ticker);
    });
    assert.equal(report.created, SUBNETS + 2, 'the compartment, the VCN and every subnet');
    assert.ok(report.withThem.reduce((n, k) => n + k.count, 0) >= 3, 'the VCN\'s default route table, security list and DHCP options, counted apart');
    assert.equal(engine.world.list('oci.Subnet').filter((s) => s.lifecycleState === 'AVAILABLE').length, SUBNETS);
    assert.ok(ticks > 0, 'a 1 ms interval fired during the apply');
    assert.ok(seenSteps > 0, 'the activity showed the apply in progress');
    assert.equal(engine.activity(), undefined);
    const reopened = await openStore({ dataDir: path.dirname(engine.store.location) });
    assert.equal((await reopened.loadAll()).filter((r) => r.kind === 'oci.Subnet').length, SUBNETS, 'all of it is on disk');
    await reopened.close();
  });
});

void test('a big lab refused at its last subnet changes nothing, in memory or on disk', async () => {
  await withFileEngine(async (engine) => {
    // The last subnet repeats the first one's DNS label.
    const yaml = wideNetworkLabYaml({ subnets: SUBNETS }).replace(new RegExp(`dnsLabel: s${SUBNETS - 1} }`), 'dnsLabel: s0 }');
    const before = { entities: engine.world.count(), events: (await engine.queryEvents({})).length };
    await assert.rejects(upLab(engine, parseLab(yaml, 'wide.yaml')), (e: unknown) => e instanceof CloudError && /dnsLabel s0 is already used/.test(e.message));
    assert.equal(engine.world.count(), before.entities);
    assert.equal((await engine.queryEvents({})).length, before.events);
    assert.equal(engine.activity(), undefined);
  });
});
