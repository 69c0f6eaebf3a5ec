// A trace for humans: the request's hops numbered in order (cloud, kind, decision, resource, the rule
// that decided, the reason), then the reply's path, then the verdict and its reason, last, so it is
// the line a reader sees first at the bottom of the terminal.
import type { Hop, PathResult, TraceResult } from '../../api/admin/contract.ts';
import { REASONS, type ReasonCode } from '../../trace/reasons.ts';
import { paint } from './colour.ts';

function shortId(id: string): string {
  if (id.startsWith('/subscriptions/')) return id.split('/').slice(-2).join('/');
  return id.length > 48 ? `${id.slice(0, 24)}…${id.slice(-12)}` : id;
}

export function formatHop(hop: Hop, index: number, colour?: boolean): string {
  const decision = hop.decision === 'drop' ? paint(hop.decision, 'red', colour) : hop.decision;
  const lines = [`${String(index + 1).padStart(3)}. [${hop.cloud}] ${hop.kind} · ${decision} · ${hop.name ?? shortId(hop.resource)} · ${hop.reason}`];
  if (hop.rule !== undefined) lines.push(`       rule: ${hop.rule}`);
  if (hop.detail !== undefined) lines.push(`       ${hop.detail}`);
  return lines.join('\n');
}

export function formatPath(title: string, path: PathResult, colour?: boolean): string {
  const hops = path.hops.length === 0 ? ['  (no hops)'] : path.hops.map((h, i) => formatHop(h, i, colour));
  return [`${title}:`, ...hops].join('\n');
}

export function reasonText(reason: string): string {
  return Object.hasOwn(REASONS, reason) ? REASONS[reason as ReasonCode] : '';
}

export function formatVerdict(t: Pick<TraceResult, 'verdict' | 'reason'>, colour?: boolean): string {
  const verdict = paint(t.verdict.toUpperCase(), t.verdict === 'delivered' ? 'green' : 'red', colour);
  const why = reasonText(t.reason);
  const code = t.reason === 'DELIVERED' ? '' : ` (${t.reason})`;
  return `Verdict: ${verdict}${code}${why === '' ? '' : `: ${why}`}`;
}

export function formatTrace(t: TraceResult, colour?: boolean): string {
  const ports = t.flow.dstPort === undefined ? '' : ` port ${t.flow.dstPort}`;
  const out = [`Trace ${t.flow.protocol}${ports}: ${t.flow.src} → ${t.flow.dst}`, '', formatPath('Request', t, colour)];
  if (t.returnPath) out.push('', formatPath('Return path', t.returnPath, colour));
  out.push('', formatVerdict(t, colour));
  return out.join('\n');
}
