// A trace's verdict and every hop, forward then return, each with its decision, rule and reason.
import type { Hop, PathResult, TraceResult as Result } from '../api/types.ts';

/** The reason adds nothing when it only repeats the verdict ("DELIVERED" for delivered). */
function sameWord(reason: string, verdict: string): boolean {
  return reason.toLowerCase() === verdict.toLowerCase();
}

function HopRow({ hop, n, direction }: { hop: Hop; n: number; direction: 'forward' | 'return' }) {
  return (
    <li data-testid="trace-hop" data-direction={direction} data-decision={hop.decision} data-reason={hop.reason} className={`hop decision-${hop.decision}`}>
      <span className="n">{n}</span>
      <span className={`cloud-tag cloud-${hop.cloud}`}>{hop.cloud}</span>
      <span className="hop-kind">{hop.kind}</span>
      <span className="hop-name">{hop.name ?? hop.resource}</span>
      <span className={`pill decision ${hop.decision}`}>{hop.decision}</span>
      <span className="reason">{hop.reason}</span>
      {hop.rule ? <span className="rule">{hop.rule}</span> : null}
      {hop.detail ? <span className="detail">{hop.detail}</span> : null}
    </li>
  );
}

function Path({ title, path, direction }: { title: string; path: PathResult; direction: 'forward' | 'return' }) {
  return (
    <>
      <h4>{title} <span className={`pill state-${path.verdict === 'delivered' ? 'up' : 'down'}`}>{path.verdict}</span>{sameWord(path.reason, path.verdict) ? null : <> <span className="muted">{path.reason}</span></>}</h4>
      <ol className="hops">
        {path.hops.map((h, i) => <HopRow key={i} hop={h} n={i + 1} direction={direction} />)}
      </ol>
    </>
  );
}

export function TraceResult({ result }: { result: Result }) {
  const f = result.flow;
  const ports = f.dstPort === undefined ? '' : `:${f.dstPort}`;
  return (
    <div className="trace-result" data-testid="trace-result" data-verdict={result.verdict} data-reason={result.reason}>
      <p className={`verdict verdict-${result.verdict}`}>
        <strong>{result.verdict.toUpperCase()}</strong>{sameWord(result.reason, result.verdict) ? '' : ` ${result.reason}`} · {f.protocol} {f.src} → {f.dst}{ports}
      </p>
      <Path title="Forward" path={result} direction="forward" />
      {result.returnPath ? <Path title="Return" path={result.returnPath} direction="return" /> : null}
    </div>
  );
}
