// `npm run test:unit`: every test file, several at a time, the slowest first. `node --test FILES`
// sorts the files by name, so the long ones (the az CLI, the browser, the CLI processes) would start
// last and run on their own at the end; run() keeps the order given, so they start at once and the
// many short files fill the other slots. Test files are independent: each server has its own free
// ports and temp dir. Concurrency: TEST_CONCURRENCY (default 3; 2 cores here).
//   node --import tsx scripts/run-tests.ts [FILE...]
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const ROOT = path.join(import.meta.dirname, '..');
const SLOW_FIRST = ['test/az/', 'test/console/', 'test/cli/'];
const DEFAULT_CONCURRENCY = 3;

function testFiles(): string[] {
  const all = ['src', 'test'].flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.posix.join(dir, f.split(path.sep).join('/'))),
  );
  const rank = (f: string): number => {
    const i = SLOW_FIRST.findIndex((p) => f.startsWith(p));
    return i < 0 ? SLOW_FIRST.length : i;
  };
  return all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const chosen = process.argv.slice(2);
const files = (chosen.length > 0 ? chosen : testFiles()).map((f) => path.resolve(ROOT, f));
const concurrency = Number(process.env.TEST_CONCURRENCY ?? DEFAULT_CONCURRENCY);

const stream = run({ files, concurrency });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.pipe(new spec()).pipe(process.stdout);
