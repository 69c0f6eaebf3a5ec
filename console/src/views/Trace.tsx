// #/trace: a flow walked hop by hop across both clouds and back, drawn on the topology.
// `#/trace?from=<vm>` pre-fills the source (the details panel links here).
import type { Topology } from '../api/types.ts';
import { TracePanel } from '../components/TracePanel.tsx';

export function TraceView({ topology, params }: { topology: Topology | undefined; params: URLSearchParams }) {
  const from = params.get('from');
  return (
    <section className="view">
      <div className="toolbar"><h2>Trace</h2><span className="muted">forward path in violet, return path in orange</span></div>
      <TracePanel topology={topology} {...(from === null ? {} : { initialFrom: from })} />
    </section>
  );
}
