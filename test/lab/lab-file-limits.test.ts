// The paths that read a lab from disk (`fastroute start --lab`, `fastroute check`) refuse a file
// over the byte limit from its size alone, before reading it (a sparse file: nothing is written).
import assert from 'node:assert/strict';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EXIT_INVALID_LAB, runCheck } from '../../src/cli/actions/check.ts';
import { CliExit } from '../../src/cli/output.ts';
import { LAB_LIMITS, LabLimitError } from '../../src/lab/limits.ts';
import { readLabFile } from '../../src/server/startup-lab.ts';
import { BILLION_LAUGHS } from './lab-bombs.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-lab-limits-'));
const huge = path.join(dir, 'huge.yaml');
writeFileSync(huge, 'name: huge\n');
truncateSync(huge, 64 * LAB_LIMITS.maxBytes);
const bomb = path.join(dir, 'bomb.yaml');
writeFileSync(bomb, BILLION_LAUGHS);

void describe('lab files over the limits', () => {
  void it('start --lab: a file over the byte limit is a 413 LabLimitError naming the limit', async () => {
    await assert.rejects(readLabFile(huge), (err) => err instanceof LabLimitError && err.status === 413 && err.limit === 'maxBytes' && /limit is 8388608 bytes/.test(err.message));
  });

  void it('start --lab: an alias bomb is a 400 LabLimitError', async () => {
    await assert.rejects(readLabFile(bomb), (err) => err instanceof LabLimitError && err.status === 400 && err.limit === 'maxAliasExpansion');
  });

  void it('check: a file over the byte limit or an alias bomb exits 2 (invalid lab)', async () => {
    for (const file of [huge, bomb]) {
      await assert.rejects(runCheck(file, { json: true }), (err) => err instanceof CliExit && err.exitCode === EXIT_INVALID_LAB, file);
    }
  });
});
