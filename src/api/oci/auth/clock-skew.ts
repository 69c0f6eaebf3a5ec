// OCI refuses a signed request whose date is more than 5 minutes from the server's clock
// ("Client Clock Skew", https://docs.oracle.com/en-us/iaas/Content/API/Concepts/signingrequests.htm),
// which is what stops a captured request from being replayed later. The clock is the real wall clock,
// not the engine's (possibly manual or scaled) clock: the client signs with its own wall-clock time.
import type { SignedRequestParts } from './signature.ts';

const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Returns undefined when the signed date is within the window, or the reason it is not. */
export function clockSkewProblem(signedHeaders: readonly string[], req: SignedRequestParts, nowMs: number): string | undefined {
  const name = signedHeaders.includes('x-date') ? 'x-date' : 'date';
  const value = req.header(name);
  if (value === undefined) return `the signed header ${name} is missing from the request`;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return `the ${name} header is not an HTTP date`;
  if (Math.abs(nowMs - at) > MAX_CLOCK_SKEW_MS) return `the ${name} header (${value}) is more than 5 minutes away from the server's clock; check the client's clock`;
  return undefined;
}
