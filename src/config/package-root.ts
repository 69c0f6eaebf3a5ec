// Where FastRoute's own files live (package.json, labs/, console/dist), found by walking up from
// this module: the same answer from src/ under tsx and from the bundled dist/, whose chunks sit at
// another depth than the source file they came from.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

function isFastRoutePackage(dir: string): boolean {
  const pkg = path.join(dir, 'package.json');
  if (!existsSync(pkg)) return false;
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'fastroute';
  } catch {
    return false; // unreadable or not JSON: not ours
  }
}

/** The nearest directory at or above this module whose package.json is FastRoute's. */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  for (let dir = import.meta.dirname; ; ) {
    if (isFastRoutePackage(dir)) return (cached = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`FastRoute's package.json was not found above ${import.meta.dirname}`);
    dir = up;
  }
}

/** A file of the FastRoute package, by its path from the package root. */
export function packageFile(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}
