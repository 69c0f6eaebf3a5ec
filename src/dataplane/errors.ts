// The data plane's own error: what the machine lacks, named with how to get it (light: the CLI
// imports the code without loading the data plane).
import { CloudError } from '../model/errors.ts';

export const PREREQUISITES_MISSING = 'DataplanePrerequisitesMissing';

export function prerequisitesError(missing: readonly { what: string; fix: string }[]): CloudError {
  const lines = missing.map((m) => `missing: ${m.what}; to get it: ${m.fix}`);
  return new CloudError('fastroute', 409, PREREQUISITES_MISSING, `the data plane cannot start on this machine (nothing was changed):\n${lines.join('\n')}`);
}
