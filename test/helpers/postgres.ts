// PostgreSQL for tests: the cluster the test run started (scripts/run-tests.ts puts its URL in
// FASTROUTE_TEST_POSTGRES), or one this process starts itself when run alone (stopped at exit).
// Each test takes its own database (CREATE DATABASE), so test files can run in parallel on one
// cluster. Without PostgreSQL, `postgresSkip` says why, for node:test's `skip`.
import pg from 'pg';
import { postgresUnavailable, startPostgresCluster, type PostgresCluster } from '../../scripts/postgres-cluster.ts';

export const TEST_POSTGRES_ENV = 'FASTROUTE_TEST_POSTGRES';

let own: Promise<PostgresCluster> | undefined;

/** The maintenance URL of the test cluster (started on first use when the run did not start one). */
async function clusterUrl(): Promise<string> {
  const fromRun = process.env[TEST_POSTGRES_ENV];
  if (fromRun !== undefined && fromRun !== '') return fromRun;
  own ??= startPostgresCluster().then((c) => {
    process.once('exit', () => {
      c.stop();
    });
    return c;
  });
  return (await own).url;
}

/** Why the PostgreSQL variants cannot run here (for `{ skip }`), or false when they can. */
export const postgresSkip: string | false = ((): string | false => {
  const fromRun = process.env[TEST_POSTGRES_ENV];
  if (fromRun !== undefined && fromRun !== '') return false;
  const why = postgresUnavailable();
  return why === undefined ? false : `skipped: ${why}`;
})();

export interface TestDatabase {
  /** postgres://postgres@127.0.0.1:<port>/<name> */
  readonly url: string;
  readonly name: string;
  /** Drops the database (closing what is still connected to it). */
  drop(): Promise<void>;
}

async function onMaintenance<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await clusterUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let counter = 0;

/** A fresh, empty database on the test cluster. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `fr_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  // FILE_COPY: copying the small template's files beats WAL-logging them block by block (0.5 s vs 1.9 s here).
  await onMaintenance((c) => c.query(`CREATE DATABASE ${name} STRATEGY FILE_COPY`));
  const url = new URL(await clusterUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await onMaintenance((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Runs `fn` with a fresh database, dropped afterwards whatever happens. */
export async function withTestDatabase<T>(fn: (db: TestDatabase) => Promise<T>): Promise<T> {
  const db = await createTestDatabase();
  try {
    return await fn(db);
  } finally {
    await db.drop();
  }
}
