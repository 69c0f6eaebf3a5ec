// `fastroute diff` for humans and CI logs, grouped and short: flows lost, gained and changed (each
// group one line of subnets and one of "before → after" with the deciding hop), the expectations
// that changed, the route tables that differ, the findings that appear or go, then the result.
import type { DiffReport, FlowChange, FlowSide } from '../../diff/types.ts';
import type { TableDiff } from '../../diff/routes.ts';
import { paint } from './colour.ts';

const MAX_ROUTES_PER_TABLE = 8;
const MAX_GROUPS = 40;

function side(s: FlowSide): string {
  if (s.verdict === 'delivered') return 'delivered';
  return `dropped${s.onReply === true ? ' (reply)' : ''}${s.at === undefined ? '' : ` at ${s.at}`} [${s.reason}]`;
}

/** "vcn-005/sn-000, vcn-005/sn-001" → "vcn-005 (2 subnets)" when a network has more than two. */
export function subnetSummary(labels: readonly string[], max = 4): string {
  const byNetwork = new Map<string, string[]>();
  for (const l of labels) {
    const [network = l, subnet = ''] = l.split('/');
    byNetwork.set(network, [...(byNetwork.get(network) ?? []), subnet]);
  }
  const parts = [...byNetwork].map(([network, subnets]) => (subnets.length > 2 ? `${network} (${subnets.length} subnets)` : subnets.map((s) => `${network}/${s}`).join(', ')));
  return parts.length > max ? `${parts.slice(0, max).join(', ')} and ${parts.length - max} more networks` : parts.join(', ');
}

function flowLine(f: FlowChange): string {
  const what = f.protocol === 'icmp' ? 'icmp' : `${f.protocol}/${f.ports.join(',')}`;
  return `  ${f.from} → ${f.to} ${what}: ${subnetSummary(f.sources)} → ${subnetSummary(f.destinations)} (${f.flows} flow${f.flows === 1 ? '' : 's'})\n      ${side(f.before)} → ${side(f.after)}`;
}

function tableLines(t: TableDiff): string[] {
  const rows = [
    ...t.removed.map((r) => `    - ${r.key}  ${r.before ?? ''}`),
    ...t.added.map((r) => `    + ${r.key}  ${r.after ?? ''}`),
    ...t.changed.map((r) => `    ~ ${r.key}  ${r.before ?? ''} → ${r.after ?? ''}`),
  ];
  const shown = rows.slice(0, MAX_ROUTES_PER_TABLE);
  if (rows.length > shown.length) shown.push(`    … ${rows.length - shown.length} more`);
  return [`  ${t.kind} ${t.name}`, ...shown];
}

export function formatDiff(r: DiffReport, colour = false): string {
  const s = r.summary;
  const out = [`diff ${r.before} → ${r.after}: ${s.flowsCompared} flows compared (${r.flowKinds.join(', ')}${r.within ? '; within each cloud too' : ''})`];
  for (const [change, title, tone] of [['lost', 'Flows lost', 'red'], ['gained', 'Flows gained', 'green'], ['reason', 'Flows dropped for another reason', 'yellow']] as const) {
    const groups = r.flows.filter((f) => f.change === change);
    if (groups.length === 0) continue;
    const count = groups.reduce((n, f) => n + f.flows, 0);
    out.push('', paint(`${title} (${count}):`, tone, colour), ...groups.slice(0, MAX_GROUPS).map(flowLine));
    if (groups.length > MAX_GROUPS) out.push(`  … ${groups.length - MAX_GROUPS} more groups (--json lists them all)`);
  }
  const changed = r.expectations.filter((e) => e.change !== undefined);
  if (changed.length > 0) {
    out.push('', 'Expectations that change:');
    for (const e of changed) out.push(`  ${e.name} (${e.from} → ${e.to} ${e.protocol}${e.port === undefined ? '' : `/${e.port}`}, expect ${e.expect}): ${side(e.before)} → ${side(e.after)}`);
  }
  if (r.routes.length > 0) out.push('', `Routes (${r.routes.length} table${r.routes.length === 1 ? '' : 's'} differ):`, ...r.routes.flatMap(tableLines));
  if (r.findings.appeared.length + r.findings.disappeared.length > 0) {
    out.push('', 'Doctor findings:');
    for (const f of r.findings.appeared) out.push(`  + ${f.severity} ${f.code}: ${f.message}`);
    for (const f of r.findings.disappeared) out.push(`  - ${f.severity} ${f.code}: ${f.message}`);
  }
  const nothing = r.flows.length === 0 && changed.length === 0 && r.routes.length === 0 && s.findingsAppeared + s.findingsDisappeared === 0;
  if (nothing) out.push('', 'No difference.');
  const verdict = r.failed ? paint('FAILED', 'red', colour) : paint('OK', 'green', colour);
  out.push('', `Result: ${verdict} (${s.lost} lost, ${s.gained} gained, ${s.reasonChanged} dropped for another reason; --fail-on ${r.failOn}; ${r.elapsedMs} ms)`);
  return out.join('\n');
}
