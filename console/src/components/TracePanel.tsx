// The trace form, its result and the traced path drawn on the topology: the Trace view, and the
// Drills view's "trace during the drill".
import { useMemo, useState } from 'react';
import { postTrace } from '../api/admin.ts';
import { errorText } from '../api/client.ts';
import type { Topology, TraceRequest, TraceResult as Result } from '../api/types.ts';
import { useRefreshTick } from '../hooks/useLive.ts';
import { useTraceAliases } from '../hooks/useTraceAliases.ts';
import { TopologyCanvas } from '../topology/render.tsx';
import { traceMarks } from '../topology/traced.ts';
import { ErrorBox } from './Status.tsx';
import { TraceForm } from './TraceForm.tsx';
import { TraceResult } from './TraceResult.tsx';

export function TracePanel({ topology, initialFrom }: { topology: Topology | undefined; initialFrom?: string }) {
  const [result, setResult] = useState<Result | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const aliases = useTraceAliases(useRefreshTick(1000));
  const run = (req: TraceRequest) => {
    setBusy(true);
    setError(undefined);
    postTrace(req).then(
      (r) => { setResult(r); setBusy(false); },
      (err: unknown) => { setResult(undefined); setError(errorText(err)); setBusy(false); },
    );
  };
  const marks = useMemo(() => (topology && result ? traceMarks(topology, result, aliases) : undefined), [topology, result, aliases]);
  return (
    <div className="trace-panel">
      <TraceForm topology={topology} busy={busy} onRun={run} {...(initialFrom === undefined ? {} : { initialFrom })} />
      <ErrorBox error={error} />
      <div className="trace-split">
        {topology ? <div className="canvas"><TopologyCanvas topology={topology} {...(marks ? { marks } : {})} /></div> : null}
        {result ? <TraceResult result={result} /> : null}
      </div>
    </div>
  );
}
