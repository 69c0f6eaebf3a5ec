// `fastroute check LAB.yaml` output (also the admin API's POST /fastroute/v1/check).
import type { Finding } from '../doctor/types.ts';
import type { DisplayNames } from '../model/display-names.ts';
import type { TraceResult } from '../trace/types.ts';

export interface ExpectationResult {
  name: string;
  from: string;
  to: string;
  protocol: string;
  port?: number;
  expect: 'delivered' | 'dropped';
  expectedReason?: string[];
  actual: 'delivered' | 'dropped';
  reason: string;
  passed: boolean;
  trace: TraceResult;
}

export interface CheckReport {
  lab: string;
  passed: number;
  failed: number;
  expectations: ExpectationResult[];
  findings: Finding[];
  /** True when every expectation holds and no finding has severity error. */
  ok: boolean;
  /** The display names of the ids the report mentions (id → name). */
  names: DisplayNames;
}
