// #/doctor: the running world's misconfigurations, errors first, each with its fix and links to
// the resources it names (drawn ones open in the topology, route tables in the routes view).
import { getDoctor } from '../api/admin.ts';
import type { Finding, Severity, Topology } from '../api/types.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { href } from '../hooks/useHashRoute.ts';
import { useRefreshTick } from '../hooks/useLive.ts';
import { ocidKind, useResourceNames } from '../hooks/useResourceNames.ts';
import { shortId } from '../topology/names.ts';

const ORDER: readonly Severity[] = ['error', 'warning', 'info'];
const TITLE: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

interface Names { topology: Topology | undefined; names: Map<string, string> }

function ResourceLink({ id, topology, names }: { id: string } & Names) {
  const lower = id.toLowerCase();
  const node = topology?.nodes.find((n) => n.id.toLowerCase() === lower);
  if (node) return <a href={href('topology', { select: node.id })} title={id}>{node.label}</a>;
  const kind = ocidKind(id);
  const name = names.get(id) ?? shortId(id);
  const what = kind === undefined ? '' : `${kind.replace(/^oci\./, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} `;
  if (kind === 'oci.RouteTable' || kind === 'oci.DrgRouteTable') return <a href={href('routes', { target: id })} title={id}>{what}{name}</a>;
  return <span title={id}>{what}<code>{name}</code></span>;
}

function FindingItem({ f, topology, names }: { f: Finding } & Names) {
  return (
    <li className={`finding severity-${f.severity}`} data-testid="finding" data-severity={f.severity} data-code={f.code}>
      <p><span className={`pill severity ${f.severity}`}>{f.severity}</span> <code>{f.code}</code> {f.message}</p>
      <p className="fix"><strong>Fix:</strong> {f.fix}</p>
      {f.resources.length > 0 ? (
        <p className="resources">
          {f.resources.map((r, i) => <span key={r}>{i > 0 ? ' · ' : ''}<ResourceLink id={r} topology={topology} names={names} /></span>)}
        </p>
      ) : null}
    </li>
  );
}

export function DoctorView({ topology }: { topology: Topology | undefined }) {
  const tick = useRefreshTick();
  const report = useAsync(getDoctor, [tick]);
  const findings = report.data?.findings ?? [];
  const names = useResourceNames(findings.flatMap((f) => f.resources), tick);
  return (
    <section className="view">
      <div className="toolbar">
        <h2>Doctor</h2>
        {report.data ? <span className="muted">{ORDER.map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(' · ')}</span> : null}
      </div>
      <ErrorBox error={report.error} />
      <Loading when={!report.data && report.error === undefined} />
      {report.data && findings.length === 0 ? <p className="ok">No findings: nothing the doctor knows is misconfigured.</p> : null}
      {ORDER.map((sev) => {
        const list = findings.filter((f) => f.severity === sev);
        return list.length === 0 ? null : (
          <div key={sev} className="severity-group">
            <h3>{TITLE[sev]} ({list.length})</h3>
            <ul className="findings">{list.map((f, i) => <FindingItem key={`${f.code}-${i}`} f={f} topology={topology} names={names} />)}</ul>
          </div>
        );
      })}
    </section>
  );
}
