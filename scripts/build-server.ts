// Builds what users run: the CLI and server bundled by esbuild into dist/ (entry dist/cli/main.js,
// shared code in dist/chunks/, each command's code in its own chunks, loaded when it runs).
// One bundle instead of ~1,100 ES modules (Kysely alone is 262) is what makes start-up fast: Node
// resolves and links every module file separately. Type-checking is `npm run typecheck`'s job.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist');

// Native or required at run time by name, so they stay in node_modules.
const EXTERNAL = ['better-sqlite3', 'pg', 'cli-table3'];

// CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
const REQUIRE_SHIM = "import { createRequire as __fastrouteCreateRequire } from 'node:module'; const require = __fastrouteCreateRequire(import.meta.url);";

const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { 'cli/main': 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external: EXTERNAL,
  banner: { js: REQUIRE_SHIM },
  legalComments: 'linked',
  logLevel: 'warning',
});
process.stderr.write(`dist/ built in ${Math.round(performance.now() - started)} ms\n`);
