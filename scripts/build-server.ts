// Builds what users run: the CLI and server bundled by esbuild into dist/ (entry dist/cli/main.js,
// shared code in dist/chunks/, each command's code in its own chunks, loaded when it runs).
// One bundle instead of ~1,100 ES modules (Kysely alone is 262) is what makes start-up fast: Node
// resolves and links every module file separately. Type-checking is `npm run typecheck`'s job.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { NODE_BUNDLE } from './esbuild-node.ts';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist');

const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { 'cli/main': 'src/cli/main.ts', 'engine/lab-parse-worker': 'src/engine/lab-parse-worker.ts', 'store/store-worker': 'src/store/worker/store-worker.ts' },
  outdir,
  ...NODE_BUNDLE,
  legalComments: 'linked',
});
process.stderr.write(`dist/ built in ${Math.round(performance.now() - started)} ms\n`);
