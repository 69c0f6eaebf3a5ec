// The topology as SVG: cloud areas, containment boxes, edges, then leaf nodes on top, inside a
// pan-and-zoom viewport. Every node and edge is a <g> carrying the data-* attributes the browser
// tests read (console/README.md).
import { type KeyboardEvent, useEffect, useMemo } from 'react';
import type { Topology } from '../api/types.ts';
import { type CanvasFill, usePanZoom, ZOOM_STEP } from '../hooks/usePanZoom.ts';
import { pathData } from './geometry.ts';
import { type EdgePath, layoutTopology, type NodeBox, type TopologyLayout } from './layout.ts';
import { CLOUD_NAME, NODE_TAG } from './names.ts';
import { FONT, fitWidth, nodeText, SUB_LINE, TEXT_LEFT, TEXT_RIGHT, textWidth } from './text.ts';
import type { TraceDir, TraceMarks } from './traced.ts';
import { bandClass, type LinkLoad, loadOfEdge, loadText, strokeWidth } from './utilisation.ts';

export type Selection = { type: 'node' | 'edge'; id: string } | undefined;

interface Props {
  topology: Topology;
  selected?: Selection;
  onSelect?: (s: Selection) => void;
  marks?: TraceMarks;
  /** Interconnect links' utilisation (utilisation.ts): edge width and colour, tooltip. */
  loads?: ReadonlyMap<string, LinkLoad>;
  /** 'window': the canvas takes the rest of the window (the topology view); 'content': as tall as the drawing needs. */
  fill?: CanvasFill;
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

/** A container's header: the tag, then its CIDRs on the same line, its name below. */
function ContainerText({ box }: { box: NodeBox }) {
  const text = nodeText(box.node);
  const room = box.width - TEXT_LEFT - TEXT_RIGHT;
  const tagW = textWidth(text.tag, FONT.tag, true) * 1.1 + 8;
  return (
    <>
      <text className="tag" x={TEXT_LEFT} y={14}>{text.tag}</text>
      <text className="sub" x={TEXT_LEFT + tagW} y={14}>{fitWidth(text.subs.join(', '), room - tagW, FONT.sub)}</text>
      <text className="label" x={TEXT_LEFT} y={31}>{fitWidth(text.label, room, FONT.label, true)}</text>
    </>
  );
}

/** A leaf: tag, name, then one line per address or state. */
function LeafText({ box }: { box: NodeBox }) {
  const text = nodeText(box.node);
  const room = box.width - TEXT_LEFT - TEXT_RIGHT;
  return (
    <>
      <text className="tag" x={TEXT_LEFT} y={15}>{text.tag}</text>
      <text className="label" x={TEXT_LEFT} y={31}>{fitWidth(text.label, room, FONT.label, true)}</text>
      {text.subs.map((line, i) => <text key={i} className="sub" x={TEXT_LEFT} y={45 + i * SUB_LINE}>{fitWidth(line, room, FONT.sub)}</text>)}
    </>
  );
}

interface NodeProps { box: NodeBox; selected: boolean; traced: TraceDir | undefined; dropped: boolean; onSelect: () => void }

function NodeShape({ box, selected, traced, dropped, onSelect }: NodeProps) {
  const { node } = box;
  const tag = NODE_TAG[node.kind];
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
      {box.container ? <ContainerText box={box} /> : <LeafText box={box} />}
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

function EdgeShape({ path, selected, traced, load, onSelect }: { path: EdgePath; selected: boolean; traced: TraceDir | undefined; load: LinkLoad | undefined; onSelect: () => void }) {
  const { edge } = path;
  const d = pathData(path.pieces);
  const title = `${edge.kind}${edge.label ? ` ${edge.label}` : ''} · ${edge.state}${edge.detail ? ` (${edge.detail})` : ''}${edge.reason ? ` — ${edge.reason}` : ''}`;
  return (
    <g
      data-testid="edge" data-id={edge.id} data-kind={edge.kind} data-state={edge.state} {...(edge.path ? { 'data-path': edge.path } : {})}
      {...(traced ? { 'data-traced': traced } : {})}
      {...(load ? { 'data-utilisation': String(Math.round(load.peak * 100)) } : {})}
      className={`edge kind-${edge.kind} state-${edge.state}${selected ? ' selected' : ''}${traceClass(traced)}${load ? ` ${bandClass(load.peak)}` : ''}`}
      role="button" tabIndex={0} aria-label={`${edge.kind} ${edge.label ?? ''}, ${edge.state}`}
      onClick={(e) => { e.stopPropagation(); onSelect(); }} onKeyDown={activate(onSelect)}
    >
      <title>{load ? `${loadText(load)}\n${title}` : title}</title>
      {traced === 'forward' || traced === 'both' ? <path className="trace-line forward" d={d} /> : null}
      {traced === 'return' || traced === 'both' ? <path className="trace-line return" d={d} /> : null}
      <path className="hit" d={d} />
      <path className="line" d={d} {...(load ? { style: { strokeWidth: strokeWidth(load.peak) } } : {})} />
      {path.labelAt ? (
        <text className="edge-label" x={path.labelAt.x} y={path.labelAt.y + 4} textAnchor="middle">{edge.label ?? edge.path}</text>
      ) : null}
    </g>
  );
}

export function TopologyCanvas({ topology, selected, onSelect, marks, loads, fill = 'content' }: Props) {
  // The topology view may stack Azure below OCI when a row would be far wider than the window; a
  // canvas inside a page (trace, drills) keeps the row, read left to right along the packet path.
  const layout: TopologyLayout = useMemo(() => layoutTopology(topology, fill === 'window' ? 'auto' : 'row'), [topology, fill]);
  const pz = usePanZoom({ width: layout.width, height: layout.height }, fill);
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
  const { k, x, y } = pz.view;
  const wheel = fill === 'window' ? 'the mouse wheel' : 'Ctrl + the mouse wheel';
  return (
    <div className="topology-frame">
      <div className="zoom-controls" role="toolbar" aria-label="Zoom">
        <button type="button" data-testid="topology-zoom-in" onClick={() => pz.zoom(ZOOM_STEP)} aria-label="Zoom in" title={`Zoom in (or ${wheel})`}>+</button>
        <button type="button" data-testid="topology-zoom-out" onClick={() => pz.zoom(1 / ZOOM_STEP)} aria-label="Zoom out" title={`Zoom out (or ${wheel})`}>−</button>
        <button type="button" data-testid="topology-fit" onClick={pz.fit} disabled={pz.fitted} title="Show the whole drawing">Fit</button>
        <span className="zoom-level" data-testid="topology-zoom">{Math.round(k * 100)}%</span>
      </div>
      <div className="topology-viewport" ref={pz.ref} style={{ height: pz.size.height }}>
        <svg
          data-testid="topology" className="topology" width={pz.size.width} height={pz.size.height} data-scale={k.toFixed(3)}
          data-arrangement={layout.arrangement}
          role="img" aria-label={`Topology of both clouds and the interconnect (drag to pan, ${wheel} to zoom)`} onClick={() => select(undefined)}
        >
          <g data-testid="topology-view" transform={`translate(${x},${y}) scale(${k})`}>
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
                traced={marks?.edges.get(p.edge.id)} load={loadOfEdge(loads, p.edge)} onSelect={() => select({ type: 'edge', id: p.edge.id })}
              />
            ))}
            {leaves.map(nodeShape)}
          </g>
        </svg>
      </div>
    </div>
  );
}
