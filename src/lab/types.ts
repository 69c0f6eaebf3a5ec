// The contract between the lab parser (lab/parse.ts, lab/schema.ts) and the lab applier (lab/apply.ts).
// The full shape is the zod schema in lab/schema.ts; `Lab` is inferred from it.
export type { Lab } from './schema.ts';

export interface LabIssue {
  /** 1-based line and column in the YAML file, when known. */
  line?: number;
  column?: number;
  /** Dotted path in the lab document, e.g. "oci.vcns[0].subnets[1].cidr". */
  path: string;
  message: string;
}

export class LabError extends Error {
  constructor(readonly file: string, readonly issues: LabIssue[]) {
    super(`${file}: ${issues.map((i) => `${i.line === undefined ? '' : `${i.line}:${i.column ?? 1} `}${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'LabError';
  }
}

export interface LabApplyResult {
  lab: string;
  /** Ids of the main resources by lab name, for humans and tests. */
  resources: Record<string, string>;
}
