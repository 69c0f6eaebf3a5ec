// Builds the data plane's native helper, native/fr-linkemu.c (a userspace link with delay for
// kernels without netem), with the machine's C compiler into native/build/. No compiler: nothing
// fails, the build says so, and the data plane runs its links without delay (status says why).
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findTool } from '../src/dataplane/probe.ts';

const root = path.resolve(import.meta.dirname, '..');
export const LINK_EMULATOR_SOURCE = path.join(root, 'native', 'fr-linkemu.c');
export const LINK_EMULATOR_BINARY = path.join(root, 'native', 'build', 'fr-linkemu');

export type NativeBuild = { built: true; binary: string; message: string } | { built: false; message: string };

const mtime = (file: string): number => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

/** Compiles the helper unless it is up to date; never throws for a missing compiler. */
export function buildLinkEmulator(): NativeBuild {
  if (mtime(LINK_EMULATOR_BINARY) >= mtime(LINK_EMULATOR_SOURCE)) return { built: true, binary: LINK_EMULATOR_BINARY, message: 'native/build/fr-linkemu is up to date' };
  const cc = [process.env.CC, 'cc', 'gcc', 'clang'].find((c): c is string => c !== undefined && c !== '' && (path.isAbsolute(c) || findTool(c) !== undefined));
  if (cc === undefined) return { built: false, message: 'native/build/fr-linkemu not built: no C compiler (apt-get install gcc). The data plane still works; on a kernel without netem its interconnect links then carry no delay.' };
  mkdirSync(path.dirname(LINK_EMULATOR_BINARY), { recursive: true });
  const r = spawnSync(cc, ['-O2', '-Wall', '-Wextra', '-Werror', '-o', LINK_EMULATOR_BINARY, LINK_EMULATOR_SOURCE], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return { built: false, message: `native/build/fr-linkemu not built: ${cc} failed: ${(r.stderr || r.error?.message || '').trim()}` };
  return { built: true, binary: LINK_EMULATOR_BINARY, message: `native/build/fr-linkemu built with ${cc}` };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = buildLinkEmulator();
  process.stderr.write(`${result.message}\n`);
}
