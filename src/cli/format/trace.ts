// A trace for humans: the request's hops numbered in order (cloud, kind, decision, resource, the rule
// that decided, the reason), then the reply's path, then the verdict and its reason, last, so it is
// the line a reader sees first at the bottom of the terminal. Resources are shown by display name;
// `--ids` shows their ids as well.
import type { Hop, PathResult, TraceResponse } from '../../api/admin/contract.ts';
import { REASONS, type ReasonCode } from '../../trace/reasons.ts';
import { paint } from './colour.ts';
import { namer, type Namer } from './names.ts';

/** How a trace is printed: `ids` keeps ids in rules and details; `colour` overrides the terminal check. */
export interface TraceStyle {
  ids?: boolean;
  colour?: boolean;
}

/** How one hop is printed: the trace's style and the namer built from its answer's names. */
export interface HopStyle extends TraceStyle {
  name: Namer;
}

function shortId(id: string): string {
  if (id.startsWith('/subscriptions/')) return id.split('/').slice(-2).join('/');
  return id.length > 48 ? `${id.slice(0, 24)}…${id.slice(-12)}` : id;
}

/** The hop's resource: its name (and its id with `--ids`, when it has one). */
function resourceOf(hop: Hop, style: HopStyle): string {
  if (hop.name === undefined) {
    if (style.ids === true) return hop.resource;
    const named = style.name(hop.resource);
    return named === hop.resource ? shortId(hop.resource) : named;
  }
  return style.ids === true && hop.resource !== '' && hop.resource !== hop.name ? `${hop.name} [${hop.resource}]` : hop.name;
}

export function formatHop(hop: Hop, index: number, style: HopStyle): string {
  const decision = hop.decision === 'drop' ? paint(hop.decision, 'red', style.colour) : hop.decision;
  const lines = [`${String(index + 1).padStart(3)}. [${hop.cloud}] ${hop.kind} · ${decision} · ${resourceOf(hop, style)} · ${hop.reason}`];
  if (hop.rule !== undefined) lines.push(`       rule: ${style.name(hop.rule)}`);
  if (hop.detail !== undefined) lines.push(`       ${style.name(hop.detail)}`);
  return lines.join('\n');
}

function formatPath(title: string, path: PathResult, style: HopStyle): string {
  const hops = path.hops.length === 0 ? ['  (no hops)'] : path.hops.map((h, i) => formatHop(h, i, style));
  return [`${title}:`, ...hops].join('\n');
}

export function reasonText(reason: string): string {
  return Object.hasOwn(REASONS, reason) ? REASONS[reason as ReasonCode] : '';
}

export function formatVerdict(t: Pick<TraceResponse, 'verdict' | 'reason'>, colour?: boolean): string {
  const verdict = paint(t.verdict.toUpperCase(), t.verdict === 'delivered' ? 'green' : 'red', colour);
  const why = reasonText(t.reason);
  const code = t.reason === 'DELIVERED' ? '' : ` (${t.reason})`;
  return `Verdict: ${verdict}${code}${why === '' ? '' : `: ${why}`}`;
}

export function formatTrace(t: TraceResponse, style: TraceStyle = {}): string {
  const hopStyle = { ...style, name: namer(t.names, style.ids) };
  const ports = t.flow.dstPort === undefined ? '' : ` port ${t.flow.dstPort}`;
  const out = [`Trace ${t.flow.protocol}${ports}: ${t.flow.src} → ${t.flow.dst}`, '', formatPath('Request', t, hopStyle)];
  if (t.returnPath) out.push('', formatPath('Return path', t.returnPath, hopStyle));
  out.push('', formatVerdict(t, style.colour));
  return out.join('\n');
}
