// Bundles test files for scripts/run-tests.ts: each test file and everything it imports (our
// TypeScript and the packages) become one ES module plus shared chunks, built by esbuild, the
// transpiler tsx itself uses. Loading the sources through tsx costs ~2 s of CPU per test process
// (about 1,100 modules, each resolved and loaded through tsx's loader thread); the bundle loads in
// a fraction of that, and the suite runs ~90 test processes on 2 cores. The code under test is the
// same: only how it is loaded changes.
//
// Our sources keep their own locations: import.meta.dirname / .filename / .url are replaced by the
// source file's, so paths to labs/, fixtures and helpers resolve as they do under tsx. Source maps
// point stack traces at the .ts lines.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { NODE_BUNDLE, NODE_EXTERNAL } from './esbuild-node.ts';

// Also loaded from node_modules as usual: Playwright resolves its own files at run time.
const EXTERNAL = [...NODE_EXTERNAL, 'playwright-core'];

function sourceImportMeta(root: string): Plugin {
  const ours = (file: string) => !path.relative(root, file).split(path.sep).includes('node_modules');
  return {
    name: 'source-import-meta',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!ours(args.path)) return undefined;
        const contents = readFileSync(args.path, 'utf8')
          .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path))
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
        return { contents, loader: 'ts' };
      });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface TestBundle {
  /** The bundled file for each source file, in the same order. */
  files: string[];
  /** The source file a bundled file was built from. */
  source(bundled: string): string;
  remove(): void;
}

/**
 * Builds `files` (absolute paths under `root`) into `<root>/.test-build/<pid>/`: one directory per
 * run, so runs started side by side do not clobber each other; directories of runs that died are
 * removed first.
 */
export async function bundleTests(root: string, files: readonly string[]): Promise<TestBundle> {
  const base = path.join(root, '.test-build');
  for (const name of readdirSafe(base)) if (!alive(Number(name))) rmSync(path.join(base, name), { recursive: true, force: true });
  const outdir = path.join(base, String(process.pid));
  const bundledOf = (file: string) => path.join(outdir, path.relative(root, file)).replace(/\.ts$/, '.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: [...files],
    outdir,
    outbase: root,
    outExtension: { '.js': '.mjs' },
    ...NODE_BUNDLE,
    external: EXTERNAL,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    plugins: [sourceImportMeta(root)],
  });
  const sources = new Map(files.map((f) => [bundledOf(f), f]));
  return {
    files: files.map(bundledOf),
    source: (bundled) => sources.get(bundled) ?? bundled,
    remove: () => {
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
