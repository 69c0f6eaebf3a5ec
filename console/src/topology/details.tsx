// What a click on a node or edge opens: the element's own fields and words, and links to the views
// that say more about it (its routes, a trace from it).
import type { ReactNode } from 'react';
import type { Topology } from '../api/types.ts';
import { href } from '../hooks/useHashRoute.ts';
import { CLOUD_NAME, EDGE_NAME, NODE_TAG } from './names.ts';
import type { Selection } from './render.tsx';

const ROUTABLE = new Set(['oci.Instance', 'oci.Subnet', 'oci.VirtualCircuit', 'azure.VirtualMachine', 'azure.Subnet']);
const VM = new Set(['oci.Instance', 'azure.VirtualMachine']);

function Row({ k, children }: { k: string; children: ReactNode }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function Details({ topology, selection, onClose }: { topology: Topology; selection: Selection; onClose: () => void }) {
  if (!selection) return null;
  const label = (id: string) => topology.nodes.find((n) => n.id === id)?.label ?? id;
  const node = selection.type === 'node' ? topology.nodes.find((n) => n.id === selection.id) : undefined;
  const edge = selection.type === 'edge' ? topology.edges.find((e) => e.id === selection.id) : undefined;
  if (!node && !edge) return null;
  return (
    <aside className="details" data-testid="details">
      <button type="button" className="close" onClick={onClose} aria-label="Close details">×</button>
      {node ? (
        <>
          <h3><span className={`pill state-${node.state}`}>{node.state}</span> {node.label}</h3>
          <dl>
            <Row k="kind">{NODE_TAG[node.kind]} <code>{node.kind}</code></Row>
            <Row k="cloud">{CLOUD_NAME[node.cloud]}</Row>
            <Row k="state">{node.detail}</Row>
            {node.reason ? <Row k="why">{node.reason}</Row> : null}
            {node.cidrs ? <Row k="CIDRs">{node.cidrs.join(', ')}</Row> : null}
            {node.ip ? <Row k="private IP">{node.ip}</Row> : null}
            {node.parent ? <Row k="in">{label(node.parent)}</Row> : null}
            <Row k="id"><code className="id">{node.id}</code></Row>
          </dl>
          <p className="actions">
            {ROUTABLE.has(node.kind) ? <a href={href('routes', { target: node.id })}>Routes</a> : null}
            {VM.has(node.kind) ? <a href={href('trace', { from: node.label })}>Trace from here</a> : null}
            {node.kind === 'oci.VirtualCircuit' || node.kind === 'azure.ExpressRouteCircuit' ? <a href={href('interconnect')}>Interconnect</a> : null}
          </p>
        </>
      ) : edge ? (
        <>
          <h3><span className={`pill state-${edge.state}`}>{edge.state}</span> {edge.label ?? edge.kind}</h3>
          <dl>
            <Row k="kind">{EDGE_NAME[edge.kind]}</Row>
            {edge.path ? <Row k="path">{edge.path}</Row> : null}
            <Row k="from">{label(edge.from)}</Row>
            <Row k="to">{label(edge.to)}</Row>
            {edge.detail ? <Row k="state">{edge.detail}</Row> : null}
            {edge.reason ? <Row k="why">{edge.reason}</Row> : null}
            <Row k="id"><code className="id">{edge.id}</code></Row>
          </dl>
          {edge.kind === 'link' ? <p className="actions"><a href={href('interconnect')}>Interconnect</a></p> : null}
        </>
      ) : null}
    </aside>
  );
}
