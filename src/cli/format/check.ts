// `fastroute check` for humans and CI logs: one line per expectation (what was expected, what
// happened, and for a failure the hop that decided), the doctor's findings, then the result.
import type { CheckReport, ExpectationResult } from '../../api/admin/contract.ts';
import { LAB_REJECTED } from '../../check/codes.ts';
import { paint } from './colour.ts';
import { findingCounts, formatFindings } from './doctor.ts';
import { formatHop } from './trace.ts';

function flow(e: ExpectationResult): string {
  return `${e.from} → ${e.to} ${e.protocol}${e.port === undefined ? '' : `/${e.port}`}`;
}

function expected(e: ExpectationResult): string {
  return e.expectedReason === undefined ? e.expect : `${e.expect} (${e.expectedReason.join(' or ')})`;
}

/** The hop that dropped the flow (request or reply), to show where a failing expectation went wrong. */
function decidingHop(e: ExpectationResult, colour?: boolean): string | undefined {
  const t = e.trace;
  const path = t.returnPath?.verdict === 'dropped' ? t.returnPath : t;
  const index = path.hops.findIndex((h) => h.decision === 'drop');
  const hop = path.hops[index];
  if (!hop) return undefined;
  const where = path === t ? 'request' : 'reply';
  return `      ${where} dropped at hop:\n${formatHop(hop, index, colour).replace(/^/gm, '    ')}`;
}

function formatExpectation(e: ExpectationResult, colour?: boolean): string {
  const mark = e.passed ? paint('✓', 'green', colour) : paint('✗', 'red', colour);
  const got = e.actual === 'delivered' ? 'delivered' : `dropped (${e.reason})`;
  const line = `  ${mark} ${e.name}: ${flow(e)}: expected ${expected(e)}, got ${got}`;
  if (e.passed) return line;
  const hop = decidingHop(e, colour);
  return hop === undefined ? line : `${line}\n${hop}`;
}

export function formatCheckReport(r: CheckReport, colour?: boolean): string {
  const rejected = r.findings.find((f) => f.code === LAB_REJECTED);
  if (rejected) {
    return [`Lab ${r.lab} was ${paint('REJECTED', 'red', colour)}: it never came up, so no expectation was evaluated.`, `  ${rejected.message}`, `  fix: ${rejected.fix}`].join('\n');
  }
  const total = r.expectations.length;
  const out = [`Lab ${r.lab}: ${total} expectation(s), ${r.passed} passed, ${r.failed} failed`];
  out.push(...r.expectations.map((e) => formatExpectation(e, colour)));
  out.push('', formatFindings(r.findings, colour), '');
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const why = [r.failed > 0 ? `${r.failed} expectation(s) failed` : '', errors > 0 ? `${errors} error finding(s)` : ''].filter((x) => x !== '').join(', ');
  out.push(r.ok ? `Result: ${paint('OK', 'green', colour)} (${r.passed} passed; ${findingCounts(r.findings)})` : `Result: ${paint('FAILED', 'red', colour)} (${why})`);
  return out.join('\n');
}
