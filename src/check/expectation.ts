// One lab expectation evaluated against the routing of a world: trace the flow, then compare the
// verdict (and, for an expected drop with reasons, the trace's reason) with what the lab expects.
import type { Lab } from '../lab/types.ts';
import type { Routing } from '../routing/routing.ts';
import { trace } from '../trace/trace.ts';
import { traceEndpoint } from '../lab/services.ts';
import type { ExpectationResult } from './types.ts';

export type Expectation = Lab['expectations'][number];

/** The accepted reason codes of an expectation, as a list (absent = any reason). */
export function expectedReasons(e: Expectation): string[] | undefined {
  if (e.reason === undefined) return undefined;
  return typeof e.reason === 'string' ? [e.reason] : [...e.reason];
}

/** `region`: the lab's OCI region, which "service:<choice>" endpoints are resolved in. */
export function evaluateExpectation(r: Routing, e: Expectation, region: string): ExpectationResult {
  const result = trace(r, { from: e.from, to: traceEndpoint(e.to, region), protocol: e.protocol, ...(e.port === undefined ? {} : { port: e.port }) });
  const reasons = expectedReasons(e);
  const verdictHolds = result.verdict === e.expect;
  const reasonHolds = e.expect !== 'dropped' || reasons === undefined || reasons.includes(result.reason);
  return {
    name: e.name,
    from: e.from,
    to: e.to,
    protocol: e.protocol,
    ...(e.port === undefined ? {} : { port: e.port }),
    expect: e.expect,
    ...(reasons === undefined ? {} : { expectedReason: reasons }),
    actual: result.verdict,
    reason: result.reason,
    passed: verdictHolds && reasonHolds,
    trace: result,
  };
}
