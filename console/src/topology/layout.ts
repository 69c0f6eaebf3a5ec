// Places the topology left to right along the packet path: OCI on the left (VCN boxes → DRG →
// virtual circuit), the interconnect's links in the middle, Azure on the right (ExpressRoute
// circuit → gateway → hub VNet → spoke VNets). Each outermost box gets a fixed column from its kind
// (dagre's ranker is replaced, so a lab without an interconnect still keeps OCI left and Azure
// right); dagre orders the boxes within each column to minimise crossings, spaces them, and routes
// the edges between them.
import { Graph, layout, type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { Topology, TopologyEdge, TopologyNode } from '../api/types.ts';
import { type Box, centre, type Cubic, exitPoint, type Point, smooth, steps } from './geometry.ts';
import { routeLinks, type LinkInput } from './links.ts';
import { flatten, nest, type Nested } from './nesting.ts';

export type { Box, Point } from './geometry.ts';

export interface NodeBox extends Box {
  node: TopologyNode;
  depth: number;
  container: boolean;
}

export interface EdgePath {
  edge: TopologyEdge;
  points: Point[];
  /** The curve drawn through the points. */
  pieces: Cubic[];
  /** Where the edge's label goes, and the box its text takes (links only). */
  labelAt?: Point;
  labelBox?: Box;
}

export interface CloudArea extends Box {
  cloud: 'oci' | 'azure';
}

export interface TopologyLayout {
  width: number;
  height: number;
  nodes: NodeBox[];
  edges: EdgePath[];
  clouds: CloudArea[];
}

/** Columns of outermost boxes; 3 is left empty so the links get room between the clouds. */
const COLUMN: Record<string, number> = {
  'oci.Vcn': 0, 'oci.Subnet': 0, 'oci.Instance': 0, 'oci.Drg': 1, 'oci.VirtualCircuit': 2,
  'azure.ExpressRouteCircuit': 4, 'azure.VirtualNetworkGateway': 5,
  'azure.VirtualNetwork': 6, 'azure.Subnet': 6, 'azure.VirtualMachine': 6,
};
/** The room dagre keeps for each link's label: the width sets the gap between the clouds (dagre drops a label of height 0). */
const LINK_GAP = { width: 60, height: 1 };
const CLOUD_PAD = 16;
const CLOUD_TITLE = 26;
const MARGIN = 12;

function column(node: TopologyNode, peeringDepth: Map<string, number>): number {
  const base = COLUMN[node.kind] ?? (node.cloud === 'oci' ? 0 : 6);
  // Spoke VNets sit one column further right than the hub they peer with.
  return node.kind === 'azure.VirtualNetwork' ? base + (peeringDepth.get(node.id) ?? 0) : base;
}

/** How many peering hops each VNet is from a VNet that no peering points at (the hubs). */
function peeringDepths(edges: readonly TopologyEdge[]): Map<string, number> {
  const out = new Map<string, string[]>();
  const pointedAt = new Set<string>();
  for (const e of edges) {
    if (e.kind !== 'peering') continue;
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    pointedAt.add(e.to);
  }
  const depth = new Map<string, number>();
  const queue = [...out.keys()].filter((v) => !pointedAt.has(v));
  for (const v of queue) depth.set(v, 0);
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i] as string;
    for (const w of out.get(v) ?? []) {
      if (depth.has(w)) continue;
      depth.set(w, (depth.get(v) ?? 0) + 1);
      queue.push(w);
    }
  }
  return depth;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Node boxes, edge curves and cloud areas for a topology. The same resources and connections give
 * the same drawing whatever their states and whatever order the API lists them in, so a live update
 * moves nothing on screen.
 */
export function layoutTopology(input: Topology): TopologyLayout {
  const topology = { nodes: [...input.nodes].sort(byId), edges: [...input.edges].sort(byId) };
  const forest = nest(topology.nodes);
  const depths = peeringDepths(topology.edges);
  const rootOf = new Map<string, string>();
  const colOf = new Map<string, number>();
  const mark = (t: Nested, root: string) => {
    rootOf.set(t.node.id, root);
    for (const c of t.children) mark(c, root);
  };
  for (const t of forest) {
    mark(t, t.node.id);
    colOf.set(t.node.id, column(t.node, depths));
  }

  const g = new Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  g.setGraph({
    rankdir: 'LR', nodesep: 22, edgesep: 14, ranksep: 40, marginx: 0, marginy: 0,
    // Fixed columns: every real node's rank is 2 × its column (dagre doubles ranks internally to
    // make room for edge labels); its nesting root goes before them all.
    ranker: ((graph: Graph<GraphLabel, NodeLabel, EdgeLabel>) => {
      for (const v of graph.nodes()) {
        const label = graph.node(v);
        label.rank = 2 * (colOf.get(v) ?? -1);
      }
    }) as unknown as GraphLabel['ranker'],
  });
  for (const t of forest) g.setNode(t.node.id, { width: t.width, height: t.height });

  // Edges between outermost boxes, pointing left to right (an edge inside one box, or between two
  // boxes of one column, is drawn straight and left out of the layout).
  const routed = new Map<string, { v: string; w: string; reversed: boolean }>();
  for (const e of topology.edges) {
    const a = rootOf.get(e.from);
    const b = rootOf.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    const ca = colOf.get(a) ?? 0;
    const cb = colOf.get(b) ?? 0;
    if (ca === cb) continue;
    const [v, w] = ca < cb ? [a, b] : [b, a];
    routed.set(e.id, { v, w, reversed: ca > cb });
    // Links weigh more so that each virtual circuit sits level with its circuit, and carry a label
    // so that dagre leaves the gap between the clouds wide enough; links.ts draws them.
    g.setEdge(v, w, e.kind === 'link' ? { weight: 4, ...LINK_GAP, labelpos: 'c' } : { weight: 1 }, e.id);
  }
  layout(g);

  const boxes = new Map<string, NodeBox>();
  for (const t of forest) {
    const p = g.node(t.node.id);
    const x = (p.x ?? 0) - t.width / 2;
    const y = (p.y ?? 0) - t.height / 2;
    for (const n of flatten(t, x, y)) {
      boxes.set(n.node.id, { node: n.node, x: n.x, y: n.y, width: n.width, height: n.height, depth: n.depth, container: n.container });
    }
  }

  const links: LinkInput[] = [];
  for (const e of topology.edges) {
    const from = boxes.get(e.from);
    const to = boxes.get(e.to);
    if (e.kind === 'link' && from && to && routed.has(e.id)) links.push({ edge: e, from, to });
  }
  const linkRoutes = routeLinks(links);

  const edges: EdgePath[] = [];
  for (const e of topology.edges) {
    const from = boxes.get(e.from);
    const to = boxes.get(e.to);
    if (!from || !to) continue;
    const link = linkRoutes.get(e.id);
    if (link) {
      edges.push({ edge: e, points: link.points, pieces: steps(link.points), labelAt: link.labelAt, labelBox: link.labelBox });
      continue;
    }
    const r = routed.get(e.id);
    const label = r ? g.edge(r.v, r.w, e.id) : undefined;
    let points = label?.points?.map((p: Point) => ({ x: p.x, y: p.y })) ?? [];
    if (r?.reversed) points.reverse();
    if (points.length < 2) {
      points = [exitPoint(from, centre(to)), exitPoint(to, centre(from))];
    } else {
      // dagre ends the edge on the outermost box; a nested endpoint gets the last stretch drawn in.
      const first = points[0] as Point;
      const last = points[points.length - 1] as Point;
      if (rootOf.get(e.from) !== e.from) points.unshift(exitPoint(from, first));
      if (rootOf.get(e.to) !== e.to) points.push(exitPoint(to, last));
    }
    edges.push({ edge: e, points, pieces: smooth(points) });
  }

  const clouds: CloudArea[] = [];
  for (const cloud of ['oci', 'azure'] as const) {
    const outer = forest.filter((t) => t.node.cloud === cloud).map((t) => boxes.get(t.node.id)).filter((b): b is NodeBox => b !== undefined);
    if (outer.length === 0) continue;
    const x0 = Math.min(...outer.map((b) => b.x)) - CLOUD_PAD;
    const y0 = Math.min(...outer.map((b) => b.y)) - CLOUD_PAD - CLOUD_TITLE;
    const x1 = Math.max(...outer.map((b) => b.x + b.width)) + CLOUD_PAD;
    const y1 = Math.max(...outer.map((b) => b.y + b.height)) + CLOUD_PAD;
    clouds.push({ cloud, x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  // Both cloud areas span the full height, so the two sides read as two columns.
  if (clouds.length > 0) {
    const top = Math.min(...clouds.map((c) => c.y));
    const bottom = Math.max(...clouds.map((c) => c.y + c.height));
    for (const c of clouds) {
      c.y = top;
      c.height = bottom - top;
    }
  }

  // Shift everything so the drawing starts at (MARGIN, MARGIN).
  const all: Box[] = [...clouds, ...boxes.values()];
  const minX = all.length === 0 ? 0 : Math.min(...all.map((b) => b.x));
  const minY = all.length === 0 ? 0 : Math.min(...all.map((b) => b.y));
  const dx = MARGIN - minX;
  const dy = MARGIN - minY;
  const move = (p: Point) => { p.x += dx; p.y += dy; };
  for (const b of all) move(b);
  const moved = new Set<Point>();
  const moveOnce = (p: Point) => {
    if (moved.has(p)) return;
    moved.add(p);
    move(p);
  };
  for (const e of edges) {
    e.points.forEach(moveOnce);
    e.pieces.forEach((c) => c.forEach(moveOnce));
    if (e.labelAt) move(e.labelAt);
    if (e.labelBox) move(e.labelBox);
  }
  const width = Math.max(0, ...all.map((b) => b.x + b.width)) + MARGIN;
  const height = Math.max(0, ...all.map((b) => b.y + b.height)) + MARGIN;
  const nodes = [...boxes.values()].sort((a, b) => a.depth - b.depth);
  return { width, height, nodes, edges, clouds };
}
