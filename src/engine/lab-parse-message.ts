// What the lab parse worker (lab-parse-worker.ts) is sent and answers: plain, structured-cloneable data.
import type { LabLimits } from '../lab/limits.ts';
import type { Lab, LabIssue } from '../lab/types.ts';

export interface ParseRequest {
  text: string;
  file: string;
  limits: Readonly<LabLimits>;
}

export type ParseFailure =
  | { kind: 'limit'; file: string; status: 400 | 413; limit: keyof LabLimits; message: string }
  | { kind: 'lab'; file: string; issues: LabIssue[] }
  | { kind: 'other'; message: string };

export type ParseReply = { ok: true; lab: Lab } | { ok: false; error: ParseFailure };
