// Files written at start-up (the ARM CA and server certificate, the token secret) are written to a
// temporary name and renamed into place, so a kill mid-write leaves the old file or none, never a
// truncated one that would stop every later start (an unreadable ca.pem) or sign tokens with an
// empty key. Rename is atomic within a directory; no fsync: this guards against a killed process,
// not a power loss (docs/durability.md).
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeFileAtomic(file: string, data: string, mode?: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, mode === undefined ? {} : { mode });
    renameSync(temporary, file);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}
