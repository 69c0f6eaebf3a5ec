// `npm run test:unit`: every test file, several at a time, the slowest first. `node --test FILES`
// sorts the files by name, so the long ones (the az CLI, the browser, the CLI processes) would start
// last and run on their own at the end; run() keeps the order given, so they start at once and the
// many short files fill the other slots. Test files are independent: each server has its own free
// ports and temp dir. Concurrency: TEST_CONCURRENCY, by default one more than the cores: the az CLI
// file holds one slot for the whole run (one Python process after another), the others share the
// rest. Measured on 2 cores: without the az and browser files, 2 at a time took 86 s and 3 took
// 97-102 s (more CPU lost to contention); with them, 3.
//
// The files run bundled (scripts/test-bundle.ts: ~2 s less CPU per test process than loading the
// sources through tsx); TEST_BUNDLE=0 runs the sources through tsx instead. At the end the run
// lists its slowest files (TEST_SLOWEST of them, default 15).
//   node --import tsx scripts/run-tests.ts [--quick] [FILE|DIR...]
// --quick (`npm run test:quick`, the edit-test loop): unit and API tests only, leaving out the suites
// that need a build or an outside tool: the CLI processes (dist/), the browser and the az CLI.
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { bundleTests } from './test-bundle.ts';
import { postgresUnavailable, startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

const ROOT = path.join(import.meta.dirname, '..');
const SLOW_FIRST = ['test/az/', 'test/console/', 'test/cli/', 'test/reliability/', 'test/dataplane/crash.test.ts', 'test/dataplane/prerequisites.test.ts', 'test/dataplane/check-cli.test.ts'];
/** What --quick leaves out: the az CLI, the browser, the CLI processes and the kill -9 runs (the slow ones, and those needing dist/). */
const NOT_QUICK = SLOW_FIRST;
const DEFAULT_CONCURRENCY = availableParallelism() + 1;
const DEFAULT_SLOWEST = 15;

/** Test files under `dirs` (relative to the root, posix separators). */
function testFilesUnder(dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.posix.join(dir, f.split(path.sep).join('/'))),
  );
}

function ordered(files: readonly string[]): string[] {
  const rank = (f: string): number => {
    const i = SLOW_FIRST.findIndex((p) => f.startsWith(p));
    return i < 0 ? SLOW_FIRST.length : i;
  };
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function chosenFiles(args: readonly string[]): string[] {
  if (args.length === 0) return ordered(testFilesUnder(['src', 'test']));
  return args.flatMap((arg) => {
    const rel = path.relative(ROOT, path.resolve(arg)).split(path.sep).join('/');
    return statSync(path.join(ROOT, rel)).isDirectory() ? ordered(testFilesUnder([rel])) : [rel];
  });
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const files = chosenFiles(args.filter((a) => a !== '--quick'))
  .filter((f) => !quick || !NOT_QUICK.some((p) => f.startsWith(p)))
  .map((f) => path.resolve(ROOT, f));
const concurrency = Number(process.env.TEST_CONCURRENCY ?? DEFAULT_CONCURRENCY);
const slowest = Number(process.env.TEST_SLOWEST ?? DEFAULT_SLOWEST);

// One PostgreSQL cluster for the run (the store tests' second dialect; each test makes its own
// database on it). Without PostgreSQL those variants report "skipped: why" (test/helpers/postgres.ts).
const PG_ENV = 'FASTROUTE_TEST_POSTGRES';
const startingPostgres: Promise<PostgresCluster | undefined> =
  process.env[PG_ENV] !== undefined || postgresUnavailable() !== undefined ? Promise.resolve(undefined) : startPostgresCluster();
const bundle = process.env.TEST_BUNDLE === '0' ? undefined : await bundleTests(ROOT, files);
const postgres = await startingPostgres;
if (postgres) {
  process.env[PG_ENV] = postgres.url;
  process.on('exit', () => {
    postgres.stop();
  });
}
if (bundle) {
  // run() starts each test process with this process's execArgv: the bundles need no tsx loader,
  // and stack traces should name the .ts lines.
  process.execArgv.splice(0, process.execArgv.length, '--enable-source-maps');
}
const runFiles = bundle?.files ?? files;
const sourceOf = (file: string) => path.relative(ROOT, bundle?.source(file) ?? file);

const durations: { file: string; ms: number }[] = [];
const stream = run({ files: runFiles, concurrency });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
// The file's own entry (nesting 0, named by its path) completes when its process has exited.
stream.on('test:complete', (data) => {
  if (data.nesting === 0 && runFiles.includes(data.name)) durations.push({ file: sourceOf(data.name), ms: data.details.duration_ms });
});
const reporter = stream.pipe(new spec());
reporter.pipe(process.stdout);
reporter.on('end', () => {
  bundle?.remove();
  postgres?.stop();
  const top = durations.sort((a, b) => b.ms - a.ms).slice(0, slowest);
  if (top.length === 0) return;
  process.stdout.write(`\nslowest test files (of ${durations.length}):\n`);
  for (const { file, ms } of top) process.stdout.write(`${(ms / 1000).toFixed(1).padStart(7)} s  ${file}\n`);
});
