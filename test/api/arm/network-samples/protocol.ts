// What the sample runner (runner.ts) reports to the test for each sample it ran.
export interface SampleError { code?: string | undefined; statusCode?: number | undefined; message: string }

export interface SampleReport {
  file: string;
  /** What the sample printed with console.log (its results), inspected. */
  out: string[];
  /** What reached console.error: the sample's `main().catch(console.error)` is its only failure signal. */
  errors: SampleError[];
  timedOut: boolean;
  ms: number;
}
