// `fastroute check` for humans and CI logs: one line per expectation (what was expected, what
// happened, and for a failure the hop that decided), the doctor's findings, then the result.
import type { CheckReport, ExpectationResult } from '../../api/admin/contract.ts';
import { LAB_REJECTED } from '../../check/codes.ts';
import { paint } from './colour.ts';
import { findingCounts, formatFindings } from './doctor.ts';
import { namer } from './names.ts';
import { formatHop, type HopStyle, type TraceStyle } from './trace.ts';

function flow(e: ExpectationResult): string {
  return `${e.from} → ${e.to} ${e.protocol}${e.port === undefined ? '' : `/${e.port}`}`;
}

function expected(e: ExpectationResult): string {
  return e.expectedReason === undefined ? e.expect : `${e.expect} (${e.expectedReason.join(' or ')})`;
}

/** The hop that dropped the flow (request or reply), to show where a failing expectation went wrong. */
function decidingHop(e: ExpectationResult, style: HopStyle): string | undefined {
  const t = e.trace;
  const path = t.returnPath?.verdict === 'dropped' ? t.returnPath : t;
  const index = path.hops.findIndex((h) => h.decision === 'drop');
  const hop = path.hops[index];
  if (!hop) return undefined;
  const where = path === t ? 'request' : 'reply';
  return `      ${where} dropped at hop:\n${formatHop(hop, index, style).replace(/^/gm, '    ')}`;
}

function formatExpectation(e: ExpectationResult, style: HopStyle): string {
  const mark = e.passed ? paint('✓', 'green', style.colour) : paint('✗', 'red', style.colour);
  const got = e.actual === 'delivered' ? 'delivered' : `dropped (${e.reason})`;
  const line = `  ${mark} ${e.name}: ${flow(e)}: expected ${expected(e)}, got ${got}`;
  if (e.passed) return line;
  const hop = decidingHop(e, style);
  return hop === undefined ? line : `${line}\n${hop}`;
}

export function formatCheckReport(r: CheckReport, style: TraceStyle = {}): string {
  const { colour } = style;
  const name = namer(r.names, style.ids);
  const rejected = r.findings.find((f) => f.code === LAB_REJECTED);
  if (rejected) {
    return [`Lab ${r.lab} was ${paint('REJECTED', 'red', colour)}: it never came up, so no expectation was evaluated.`, `  ${name(rejected.message)}`, `  fix: ${name(rejected.fix)}`].join('\n');
  }
  const total = r.expectations.length;
  const out = [`Lab ${r.lab}: ${total} expectation(s), ${r.passed} passed, ${r.failed} failed`];
  out.push(...r.expectations.map((e) => formatExpectation(e, { ...style, name })));
  out.push('', formatFindings(r.findings, name, colour), '');
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const why = [r.failed > 0 ? `${r.failed} expectation(s) failed` : '', errors > 0 ? `${errors} error finding(s)` : ''].filter((x) => x !== '').join(', ');
  out.push(r.ok ? `Result: ${paint('OK', 'green', colour)} (${r.passed} passed; ${findingCounts(r.findings)})` : `Result: ${paint('FAILED', 'red', colour)} (${why})`);
  return out.join('\n');
}
