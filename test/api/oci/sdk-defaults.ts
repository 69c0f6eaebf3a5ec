// The official OCI SDK as the tests and benches use it: one attempt per call and no circuit
// breaker, so a deliberately provoked error (409 IncorrectState, 429, 5xx) is seen once, as sent,
// instead of being retried up to 8 times with exponential back-off (~94 s), and a run of expected
// errors never opens the breaker for the calls after them.
//
// The environment variables OCI_SDK_DEFAULT_RETRY_ENABLED / OCI_SDK_DEFAULT_CIRCUITBREAKER_ENABLED
// cannot do this from a test: oci-common reads them once, when lib/retrier.js and
// lib/circuit-breaker.js are evaluated (static class fields), and ESM evaluates every import before
// the importing module's body. The SDK's global settings are read when a client is built
// (circuit breaker) and on every call (retry), so setting them here works whatever the import
// order, as long as this module is imported before a client is created. Public API, documented in
// https://docs.oracle.com/en-us/iaas/Content/API/SDKDocs/typescriptsdkconcepts.htm (Retries,
// Circuit Breakers).
import * as common from 'oci-common';

common.GenericRetrier.defaultRetryConfiguration = common.NoRetryConfigurationDetails;
common.CircuitBreaker.EnableGlobalCircuitBreaker = false;

// oci-common reports every failed call that it will not retry with a bare console.warn ("Request
// cannot be retried. Not Retrying. Exception occurred : …", lib/retrier.js), not through its
// LOG.logger, so the logger setting cannot quiet it. The tests provoke such errors on purpose and
// assert on the thrown OciError; the line only buries real failures. Drop exactly those lines.
const SDK_RETRY_NOISE = ['Request cannot be retried.', 'All retry attempts have exhausted.'];
const consoleWarn = console.warn.bind(console);
console.warn = (...args: unknown[]): void => {
  const [first] = args;
  if (typeof first === 'string' && SDK_RETRY_NOISE.some((p) => first.startsWith(p))) return;
  consoleWarn(...args);
};
