// Doctor findings: each names a rule code from the catalogue (doctor/catalogue.ts, documented in
// docs/findings.md), a severity, the resources involved, what is wrong and how to fix it.

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  code: string;
  severity: Severity;
  /** Ids (OCIDs, ARM ids) of the resources involved, most relevant first. */
  resources: string[];
  message: string;
  fix: string;
}

export interface DoctorReport {
  findings: Finding[];
}
