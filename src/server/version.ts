// FastRoute's version, from package.json, for the status endpoint and the start banner.
import { readFileSync } from 'node:fs';
import { packageFile } from '../config/package-root.ts';

let cached: string | undefined;

export function fastrouteVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version?: unknown };
    cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return cached;
}
