#!/usr/bin/env node
// Launcher: runs the compiled CLI in dist/ (built by `npm run build`, and by the install step).
// Development runs the TypeScript directly instead: `npm run fastroute -- ...`.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('fastroute: the compiled CLI (dist/) is missing; run `npm run build` in the FastRoute directory\n');
  process.exit(1);
}
await import(main.href);
