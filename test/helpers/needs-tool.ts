// Suites that need a tool a fresh machine may lack (Debian's chromium, azure-cli). Without it the
// suite is one skipped test carrying the reason ("skipped: chromium not found …"), so the run counts
// it as skipped: a skipped `describe` alone is counted nowhere, and would read as a clean pass.
import { describe, it } from 'node:test';

export function describeWithTool(name: string, missing: string | undefined, body: () => void): void {
  if (missing === undefined) void describe(name, body);
  else void it(name, { skip: missing }, () => undefined);
}
