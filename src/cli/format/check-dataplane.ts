// The data plane part of `fastroute check LAB --dataplane`: one line per flow (engine and kernel
// agree, or both answers when they do not), then the count.
import { describeDisagreement, type DataplaneCheck } from '../../check/check-dataplane.ts';
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
  return out.join('\n');
}
