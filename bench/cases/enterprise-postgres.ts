// enterprise-apply-postgres-ms / engine-restart-enterprise-postgres-ms: the enterprise lab brought up
// on a fresh PostgreSQL database (instant clock, `upLab` alone timed), then the engine reopened on
// it (`Engine.open`: migrate check, load every row, ensure defaults). Each run also does the same on
// a fresh SQLite file store, so the ratios (PostgreSQL / SQLite) compare runs made side by side on
// the same machine. The cluster is a throw-away one (scripts/postgres-cluster.ts) with PostgreSQL's
// durable defaults (fsync on, synchronous_commit on); SQLite runs as FastRoute runs it (WAL,
// synchronous=NORMAL). Informative. Skipped without PostgreSQL.
import pg from 'pg';
import { Engine } from '../../src/engine/engine.ts';
import { openStore, type OpenStoreOptions } from '../../src/store/open.ts';
import { caseResult, SkipCase, type CaseSpec } from '../result.ts';
import { collectGarbage, log, timed } from '../harness.ts';
import { entityCount, timedUp } from '../lab-up.ts';
import { withTempDir } from '../temp-dirs.ts';
import { median, round } from '../stats.ts';
import { enterpriseLab } from '../enterprise-lab.ts';
import type { Lab } from '../../src/lab/schema.ts';
import { postgresUnavailable, startPostgresCluster } from '../../scripts/postgres-cluster.ts';
import type { BenchCase } from './case.ts';

const APPLY: CaseSpec = { name: 'enterprise-apply-postgres-ms', unit: 'ms' };
const RESTART: CaseSpec = { name: 'engine-restart-enterprise-postgres-ms', unit: 'ms' };
const RUNS = 3;

/** Apply then restart on one store; resolves both times and the entities loaded back. */
async function applyAndRestart(where: OpenStoreOptions, lab: Lab): Promise<{ apply: number; restart: number; entities: number }> {
  collectGarbage();
  const engine = await Engine.open({ store: await openStore(where), clock: 'instant' });
  let apply: number;
  try {
    apply = (await timedUp(engine, lab)).ms;
  } finally {
    await engine.close();
  }
  collectGarbage();
  const store = await openStore(where);
  const opened = await timed(() => Engine.open({ store, clock: 'instant' }));
  try {
    return { apply, restart: opened.ms, entities: entityCount(opened.value) };
  } finally {
    await opened.value.close();
  }
}

async function onDatabase<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const enterprisePostgresCase: BenchCase = {
  specs: [APPLY, RESTART],
  async run() {
    const unavailable = postgresUnavailable();
    if (unavailable !== undefined) throw new SkipCase(unavailable);
    const cluster = await startPostgresCluster({ durable: true });
    try {
      const lab = enterpriseLab();
      const pgApply: number[] = [];
      const pgRestart: number[] = [];
      const applyRatio: number[] = [];
      const restartRatio: number[] = [];
      let entities = 0;
      for (let i = 0; i < RUNS; i++) {
        const name = `fr_bench_${i}`;
        await onDatabase(cluster.url, (c) => c.query(`CREATE DATABASE ${name}`));
        const url = cluster.url.replace(/\/postgres$/, `/${name}`);
        const onPg = await applyAndRestart({ url }, lab);
        const onSqlite = await withTempDir('enterprise-pg', (dataDir) => applyAndRestart({ dataDir }, lab));
        pgApply.push(onPg.apply);
        pgRestart.push(onPg.restart);
        applyRatio.push(onPg.apply / onSqlite.apply);
        restartRatio.push(onPg.restart / onSqlite.restart);
        entities = onPg.entities;
        log(`${APPLY.name} run ${i + 1}/${RUNS}: ${onPg.apply.toFixed(1)} (SQLite ${onSqlite.apply.toFixed(1)}); restart ${onPg.restart.toFixed(1)} (SQLite ${onSqlite.restart.toFixed(1)}), ${entities} entities`);
      }
      return [
        caseResult(APPLY, pgApply, { ratioToSqliteMedian: round(median(applyRatio), 2) }),
        caseResult(RESTART, pgRestart, { entitiesLoaded: entities, ratioToSqliteMedian: round(median(restartRatio), 2) }),
      ];
    } finally {
      cluster.stop();
    }
  },
};
