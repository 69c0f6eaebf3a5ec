// The esbuild settings shared by the build of dist/ (build-server.ts) and the test bundles
// (test-bundle.ts): ES modules for Node 20, code shared between entries split into chunks/.
import type { BuildOptions } from 'esbuild';

/** Native or required at run time by name, so they stay in node_modules. */
export const NODE_EXTERNAL = ['better-sqlite3', 'pg', 'cli-table3'];

// CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
const REQUIRE_SHIM = "import { createRequire as __fastrouteCreateRequire } from 'node:module'; const require = __fastrouteCreateRequire(import.meta.url);";

export const NODE_BUNDLE = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external: NODE_EXTERNAL,
  banner: { js: REQUIRE_SHIM },
  logLevel: 'warning',
} as const satisfies BuildOptions;
