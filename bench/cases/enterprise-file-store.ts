// enterprise-apply-file-store-ms: the enterprise lab brought up on a fresh SQLite file store in a
// temporary directory (instant clock), `upLab` alone timed. Informative.
// engine-restart-enterprise-ms: that store closed, then reopened: `Engine.open` (migrate check, load
// every row into the world, ensure defaults) timed on the same directory. Informative.
import { statSync } from 'node:fs';
import path from 'node:path';
import { Engine } from '../../src/engine/engine.ts';
import { DB_FILE, openStore } from '../../src/store/open.ts';
import { caseResult, type CaseSpec } from '../result.ts';
import { collectGarbage, log, timed } from '../harness.ts';
import { entityCount, timedUp, withEngine } from '../lab-up.ts';
import { withTempDir } from '../temp-dirs.ts';
import { median, round } from '../stats.ts';
import { enterpriseLab } from '../enterprise-lab.ts';
import type { BenchCase } from './case.ts';

const APPLY: CaseSpec = { name: 'enterprise-apply-file-store-ms', unit: 'ms' };
const RESTART: CaseSpec = { name: 'engine-restart-enterprise-ms', unit: 'ms' };
const RUNS = 3;

export const enterpriseFileStoreCase: BenchCase = {
  specs: [APPLY, RESTART],
  async run() {
    const lab = enterpriseLab();
    const apply: number[] = [];
    const restart: number[] = [];
    const openStoreMs: number[] = [];
    let rowsLoaded = 0;
    let dbMb = 0;
    for (let i = 0; i < RUNS; i++) {
      await withTempDir('enterprise', async (dataDir) => {
        collectGarbage();
        const up = await withEngine({ dataDir }, (engine) => timedUp(engine, lab));
        apply.push(up.ms);
        log(`${APPLY.name} run ${i + 1}/${RUNS}: ${up.ms.toFixed(1)}`);
        dbMb = statSync(path.join(dataDir, DB_FILE)).size / 2 ** 20;

        collectGarbage();
        const store = await timed(() => openStore({ dataDir }));
        let engine: Engine | undefined;
        try {
          const opened = await timed(() => Engine.open({ store: store.value, clock: 'instant' }));
          engine = opened.value;
          restart.push(opened.ms);
          openStoreMs.push(store.ms);
          rowsLoaded = entityCount(engine);
          log(`${RESTART.name} run ${i + 1}/${RUNS}: ${opened.ms.toFixed(1)} (${rowsLoaded} entities)`);
        } finally {
          await (engine ?? store.value).close();
        }
      });
    }
    return [
      caseResult(APPLY, apply, { databaseMb: round(dbMb, 1) }),
      caseResult(RESTART, restart, { entitiesLoaded: rowsLoaded, openStoreMedianMs: round(median(openStoreMs)) }),
    ];
  },
};
