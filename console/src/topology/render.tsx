// The topology as SVG: cloud areas, containment boxes, edges, then leaf nodes on top. Every node and
// edge is a <g> carrying the data-* attributes the browser tests read (console/README.md).
import { type KeyboardEvent, useEffect, useMemo } from 'react';
import type { Topology } from '../api/types.ts';
import { type EdgePath, layoutTopology, type NodeBox, type Point, type TopologyLayout } from './layout.ts';
import { CLOUD_NAME, fit, NODE_TAG } from './names.ts';
import type { TraceDir, TraceMarks } from './traced.ts';

export type Selection = { type: 'node' | 'edge'; id: string } | undefined;

interface Props {
  topology: Topology;
  selected?: Selection;
  onSelect?: (s: Selection) => void;
  marks?: TraceMarks;
}

/** A smooth curve through dagre's points (Catmull-Rom turned into cubic Béziers). */
export function curve(points: readonly Point[]): string {
  const [p0, ...rest] = points;
  if (p0 === undefined) return '';
  const [p1] = rest;
  if (p1 === undefined) return '';
  if (rest.length === 1) return `M${p0.x},${p0.y}L${p1.x},${p1.y}`;
  let d = `M${p0.x},${p0.y}`;
  for (let i = 0; i < points.length - 1; i++) {
    const b = points[i] as Point;
    const a = points[i - 1] ?? b;
    const c = points[i + 1] as Point;
    const e = points[i + 2] ?? c;
    d += `C${b.x + (c.x - a.x) / 6},${b.y + (c.y - a.y) / 6} ${c.x - (e.x - b.x) / 6},${c.y - (e.y - b.y) / 6} ${c.x},${c.y}`;
  }
  return d;
}

const activate = (fn: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    fn();
  }
};

function traceClass(dir: TraceDir | undefined): string {
  return dir === undefined ? '' : ` traced traced-${dir}`;
}

interface NodeProps { box: NodeBox; selected: boolean; traced: TraceDir | undefined; dropped: boolean; onSelect: () => void }

function NodeShape({ box, selected, traced, dropped, onSelect }: NodeProps) {
  const { node } = box;
  const tag = NODE_TAG[node.kind];
  const sub = node.ip ?? node.cidrs?.join(', ') ?? node.detail;
  const chars = Math.floor((box.width - 24) / 7.2);
  const cls = `node ${box.container ? 'container' : 'leaf'} cloud-${node.cloud} kind-${node.kind.replace('.', '-')} state-${node.state}${selected ? ' selected' : ''}${traceClass(traced)}`;
  return (
    <g
      data-testid="node" data-id={node.id} data-kind={node.kind} data-state={node.state} {...(traced ? { 'data-traced': traced } : {})}
      {...(dropped ? { 'data-dropped': 'true' } : {})}
      className={cls} transform={`translate(${box.x},${box.y})`} role="button" tabIndex={0}
      aria-label={`${tag} ${node.label}, ${node.state}`} onClick={(e) => { e.stopPropagation(); onSelect(); }} onKeyDown={activate(onSelect)}
    >
      <title>{`${tag} ${node.label} · ${node.state} (${node.detail})${node.reason ? ` — ${node.reason}` : ''}`}</title>
      {traced === 'both' && !box.container ? <rect className="trace-halo" x={-4} y={-4} width={box.width + 8} height={box.height + 8} rx={9} /> : null}
      <rect className="box" width={box.width} height={box.height} rx={box.container ? 8 : 6} />
      <rect className="stripe" width={4} height={box.container ? 40 : box.height} rx={2} />
      {box.container ? (
        <>
          <text className="tag" x={12} y={14}>{tag.toUpperCase()}</text>
          <text className="sub" x={12 + tag.length * 7.4 + 8} y={14}>{fit(sub, chars - tag.length)}</text>
          <text className="label" x={12} y={31}>{fit(node.label, chars)}</text>
        </>
      ) : (
        <>
          <text className="tag" x={12} y={15}>{tag.toUpperCase()}</text>
          <text className="label" x={12} y={31}>{fit(node.label, chars)}</text>
          <text className="sub" x={12} y={45}>{fit(sub, chars + 4)}</text>
        </>
      )}
      <circle className="dot" cx={box.width - 10} cy={10} r={4} />
      {dropped ? (
        <g className="drop-mark" transform={`translate(${box.width - 2},${box.container ? 20 : box.height / 2})`}>
          <circle r={9} />
          <path d="M-4,-4L4,4M4,-4L-4,4" />
        </g>
      ) : null}
    </g>
  );
}

function EdgeShape({ path, selected, traced, onSelect }: { path: EdgePath; selected: boolean; traced: TraceDir | undefined; onSelect: () => void }) {
  const { edge } = path;
  const d = curve(path.points);
  return (
    <g
      data-testid="edge" data-id={edge.id} data-kind={edge.kind} data-state={edge.state} {...(edge.path ? { 'data-path': edge.path } : {})}
      {...(traced ? { 'data-traced': traced } : {})}
      className={`edge kind-${edge.kind} state-${edge.state}${selected ? ' selected' : ''}${traceClass(traced)}`}
      role="button" tabIndex={0} aria-label={`${edge.kind} ${edge.label ?? ''}, ${edge.state}`}
      onClick={(e) => { e.stopPropagation(); onSelect(); }} onKeyDown={activate(onSelect)}
    >
      <title>{`${edge.kind}${edge.label ? ` ${edge.label}` : ''} · ${edge.state}${edge.detail ? ` (${edge.detail})` : ''}${edge.reason ? ` — ${edge.reason}` : ''}`}</title>
      {traced === 'forward' || traced === 'both' ? <path className="trace-line forward" d={d} /> : null}
      {traced === 'return' || traced === 'both' ? <path className="trace-line return" d={d} /> : null}
      <path className="hit" d={d} />
      <path className="line" d={d} />
      {path.labelAt ? (
        <text className="edge-label" x={path.labelAt.x} y={path.labelAt.y + 4} textAnchor="middle">{edge.label ?? edge.path}</text>
      ) : null}
    </g>
  );
}

export function TopologyCanvas({ topology, selected, onSelect, marks }: Props) {
  const layout: TopologyLayout = useMemo(() => layoutTopology(topology), [topology]);
  // The browser tests (and the bench) time the first render by this flag.
  useEffect(() => {
    document.body.dataset.ready = 'true';
  }, []);
  const select = (s: Selection) => onSelect?.(s);
  const containers = layout.nodes.filter((n) => n.container);
  const leaves = layout.nodes.filter((n) => !n.container);
  const nodeShape = (b: NodeBox) => (
    <NodeShape
      key={b.node.id} box={b} selected={selected?.type === 'node' && selected.id === b.node.id}
      traced={marks?.nodes.get(b.node.id)} dropped={marks?.drops.has(b.node.id) ?? false} onSelect={() => select({ type: 'node', id: b.node.id })}
    />
  );
  return (
    <svg
      data-testid="topology" className="topology" viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width} height={layout.height} role="img" aria-label="Topology of both clouds and the interconnect"
      onClick={() => select(undefined)}
    >
      {layout.clouds.map((c) => (
        <g key={c.cloud} className={`cloud cloud-${c.cloud}`}>
          <rect x={c.x} y={c.y} width={c.width} height={c.height} rx={12} />
          <text x={c.x + 14} y={c.y + 20}>{CLOUD_NAME[c.cloud]}</text>
        </g>
      ))}
      {containers.map(nodeShape)}
      {layout.edges.map((p) => (
        <EdgeShape
          key={p.edge.id} path={p} selected={selected?.type === 'edge' && selected.id === p.edge.id}
          traced={marks?.edges.get(p.edge.id)} onSelect={() => select({ type: 'edge', id: p.edge.id })}
        />
      ))}
      {leaves.map(nodeShape)}
    </svg>
  );
}
