// The data plane part of `fastroute check LAB --dataplane`: one line per flow (engine and kernel
// agree, or both answers when they do not), then the count.
import { describeDisagreement, type DataplaneCheck } from '../../check/check-dataplane.ts';
import type { BgpAgreement } from '../../check/bgp-agreement.ts';
import { paint } from './colour.ts';

export function formatDataplaneCheck(d: DataplaneCheck, colour?: boolean): string {
  const out = [`Data plane (run ${d.runId ?? '?'}, up in ${d.upMs} ms, probed in ${d.probeMs} ms): engine and kernel agree on ${d.agreed} of ${d.agreed + d.disagreed} probed flow(s)${d.notProbed > 0 ? `, ${d.notProbed} not probed` : ''}`];
  for (const f of d.flows) {
    const flow = `${f.from} → ${f.to} ${f.protocol}${f.port === undefined ? '' : `/${f.port}`}`;
    if (!f.kernel) out.push(`  - ${f.name}: ${flow}: not probed: ${f.notProbed ?? ''}`);
    else if (f.agrees) out.push(`  ${paint('✓', 'green', colour)} ${f.name}: ${flow}: both ${f.kernel.verdict}`);
    else out.push(`  ${paint('✗', 'red', colour)} ${f.name}: ${flow}: DISAGREE: ${describeDisagreement(f)}`);
  }
  if (d.disagreed > 0 && d.notMaterialised.length > 0) out.push(`  not built in the data plane: ${d.notMaterialised.map((n) => n.what).join('; ')}`);
  if (d.bgp) out.push(...formatBgpAgreement(d.bgp, colour));
  return out.join('\n');
}

/** BGP on the wire: each session's routes and each router's kernel, agreeing or with every difference named. */
function formatBgpAgreement(b: BgpAgreement & { convergeMs: number }, colour?: boolean): string[] {
  const items = [...b.sessions, ...b.kernels];
  const agreeing = items.filter((x) => x.agrees).length;
  const out = [`BGP on the wire (${b.converged ? `converged in ${b.convergeMs} ms` : `NOT converged after ${b.convergeMs} ms`}): the daemons agree with the engine on ${agreeing} of ${items.length} session table(s) and router kernel(s)`];
  for (const x of items) {
    if (x.agrees) out.push(`  ${paint('✓', 'green', colour)} ${x.where}`);
    else out.push(`  ${paint('✗', 'red', colour)} ${x.where}: DIFFER: ${x.differences.join('; ')}`);
  }
  for (const n of b.notCompared) out.push(`  - not compared: ${n}`);
  return out;
}
