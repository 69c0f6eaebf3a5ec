// Places the topology left to right along the packet path: OCI on the left (VCN boxes → DRG →
// virtual circuit), the interconnect's links in the middle, Azure on the right (ExpressRoute
// circuit → gateway → hub VNet → spoke VNets). Each outermost box gets a fixed column from its kind
// (dagre's ranker is replaced, so a lab without an interconnect still keeps OCI left and Azure
// right); dagre orders the boxes within each column to minimise crossings, spaces them, and routes
// the edges between them. A row far wider than the screen is drawn in two bands instead, Azure
// below OCI (bands.ts).
import { Graph, layout, type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { Topology, TopologyEdge, TopologyNode } from '../api/types.ts';
import { type Box, centre, type Cubic, exitPoint, type Point, smooth, steps } from './geometry.ts';
import { routeLinks, type LinkInput } from './links.ts';
import { BAND_GAP, elbows, extent, halfTurnBelow, routeBandLinks } from './bands.ts';
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

/** One row of columns, OCI left and Azure right; or two bands, OCI above and Azure below (bands.ts). */
export type Arrangement = 'row' | 'bands';

export interface TopologyLayout {
  arrangement: Arrangement;
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

/** dagre's placement of the outermost boxes, before it is drawn in one arrangement or the other. */
interface Placed {
  topology: Topology;
  forest: Nested[];
  rootOf: Map<string, string>;
  g: Graph<GraphLabel, NodeLabel, EdgeLabel>;
  routed: Map<string, { v: string; w: string; reversed: boolean }>;
}

/** The canvas that 'auto' arranges for: the topology view's on a 1600×1000 screen. */
const REFERENCE = { width: 1560, height: 860 };
/** Bands are chosen only when they let the drawing be shown this much larger than a row. */
const BANDS_GAIN = 1.15;

/** Room between columns: bands are half as wide as a row, so they can space their columns twice as far apart. */
const RANKSEP: Record<Arrangement, number> = { row: 40, bands: 80 };

const fitsAt = (l: TopologyLayout) => Math.min(REFERENCE.width / l.width, REFERENCE.height / l.height);

/**
 * Node boxes, edge curves and cloud areas for a topology. The same resources and connections give
 * the same drawing whatever their states and whatever order the API lists them in, so a live update
 * moves nothing on screen. 'row' puts everything in one row of columns; 'bands' puts Azure below
 * OCI (bands.ts); 'auto' takes bands when the row is so wide that they show it clearly larger on a
 * 1600×1000 screen. The choice depends on the topology alone, not on the window, so that opening
 * the details panel or resizing never rearranges the drawing.
 */
export function layoutTopology(input: Topology, arrangement: Arrangement | 'auto' = 'row'): TopologyLayout {
  const row = draw(placeColumns(input, RANKSEP.row), 'row');
  if (arrangement === 'row') return row;
  const bands = draw(placeColumns(input, RANKSEP.bands), 'bands');
  if (arrangement === 'bands') return bands;
  return fitsAt(bands) > fitsAt(row) * BANDS_GAIN ? bands : row;
}

function placeColumns(input: Topology, ranksep: number): Placed {
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
    rankdir: 'LR', nodesep: 22, edgesep: 14, ranksep, marginx: 0, marginy: 0,
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
  return { topology, forest, rootOf, g, routed };
}

function draw({ topology, forest, rootOf, g, routed }: Placed, wanted: Arrangement): TopologyLayout {
  const centres = new Map<string, Point>(forest.map((t) => {
    const p = g.node(t.node.id);
    return [t.node.id, { x: p.x ?? 0, y: p.y ?? 0 }];
  }));
  const outerBox = (t: Nested): Box => {
    const c = centres.get(t.node.id) ?? { x: 0, y: 0 };
    return { x: c.x - t.width / 2, y: c.y - t.height / 2, width: t.width, height: t.height };
  };
  const oci = forest.filter((t) => t.node.cloud === 'oci');
  const azure = forest.filter((t) => t.node.cloud !== 'oci');
  const arrangement: Arrangement = wanted === 'bands' && oci.length > 0 && azure.length > 0 ? 'bands' : 'row';
  let turn: ((p: Point) => Point) | undefined;
  if (arrangement === 'bands') {
    turn = halfTurnBelow(extent(oci.map(outerBox)), extent(azure.map(outerBox)), BAND_GAP);
    for (const t of azure) centres.set(t.node.id, turn(centres.get(t.node.id) ?? { x: 0, y: 0 }));
  }
  const cloudOfRoot = new Map(forest.map((t) => [t.node.id, t.node.cloud]));

  const boxes = new Map<string, NodeBox>();
  for (const t of forest) {
    const { x, y } = outerBox(t);
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
  const channelX = Math.max(0, ...forest.map((t) => { const b = outerBox(t); return b.x + b.width; })) + CLOUD_PAD;
  const linkRoutes = arrangement === 'bands' ? routeBandLinks(links, channelX) : routeLinks(links);

  const edges: EdgePath[] = [];
  for (const e of topology.edges) {
    const from = boxes.get(e.from);
    const to = boxes.get(e.to);
    if (!from || !to) continue;
    const link = linkRoutes.get(e.id);
    if (link) {
      const pieces = arrangement === 'bands' ? elbows(link.points) : steps(link.points);
      edges.push({ edge: e, points: link.points, pieces, labelAt: link.labelAt, labelBox: link.labelBox });
      continue;
    }
    const r = routed.get(e.id);
    const label = r ? g.edge(r.v, r.w, e.id) : undefined;
    let points = label?.points?.map((p: Point) => ({ x: p.x, y: p.y })) ?? [];
    if (r && turn) {
      // In bands, dagre's route stands for an edge inside the turned band; one between the bands is drawn straight.
      const [cv, cw] = [cloudOfRoot.get(r.v), cloudOfRoot.get(r.w)];
      if (cv !== cw) points = [];
      else if (cv !== 'oci') points = points.map(turn);
    }
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
  // Both cloud areas span the full height (a row) or width (bands), so the two read as two columns or two bands.
  if (clouds.length > 0) {
    const span = extent(clouds);
    for (const c of clouds) {
      if (arrangement === 'row') Object.assign(c, { y: span.y, height: span.height });
      else Object.assign(c, { x: span.x, width: span.width });
    }
  }

  // Shift everything so the drawing starts at (MARGIN, MARGIN).
  const all: Box[] = [...clouds, ...boxes.values(), ...edges.flatMap((e) => (e.labelBox ? [e.labelBox] : []))];
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
  }
  const width = Math.max(0, ...all.map((b) => b.x + b.width)) + MARGIN;
  const height = Math.max(0, ...all.map((b) => b.y + b.height)) + MARGIN;
  const nodes = [...boxes.values()].sort((a, b) => a.depth - b.depth);
  return { arrangement, width, height, nodes, edges, clouds };
}
