// A bench case module: the results it produces (declared up front, so a failure can still be
// reported under each of their names) and how to run it.
import type { CaseResult, CaseSpec } from '../result.ts';

export interface BenchCase {
  specs: readonly CaseSpec[];
  run(): Promise<CaseResult[]>;
}
