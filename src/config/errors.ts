// A configuration problem that must stop start-up. The message names the field and where its value
// came from, so the user knows which file, variable or flag to fix.

export interface ConfigProblem {
  /** Dotted field path ("ports.admin"), or "" for the document itself. */
  field: string;
  /** "default", "FASTROUTE_CLOCK", "--clock", "config file ./fastroute.config.yaml". */
  source: string;
  /** What is wrong, e.g. 'must be one of instant, realistic, manual; got "fast"'. */
  problem: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatProblem(p: ConfigProblem): string {
  const field = p.field === '' ? 'configuration' : p.field;
  return `invalid config: ${field} (from ${p.source}) ${p.problem}`;
}
