// Puts a trace on the topology. A trace's hops name the resources that decided (security lists,
// route tables, the DRG's route table, the virtual circuit, the link, the gateway…); only some of
// them are drawn nodes. So the hops that do resolve become anchors, and the drawn path between two
// consecutive anchors is the shortest one through the topology's edges and containment
// (VM → subnet → VCN → DRG …). A link hop pins the exact link (primary or secondary).
import type { Hop, PathResult, Topology, TopologyEdge, TraceResult } from '../api/types.ts';

export type TraceDir = 'forward' | 'return' | 'both';

export interface TraceMarks {
  nodes: Map<string, TraceDir>;
  edges: Map<string, TraceDir>;
  /** Where a dropped path stopped (the drawn node nearest the dropping hop). */
  drops: Set<string>;
}

/** Undrawn resources → the drawn node they belong to (a route table → its VCN or DRG…). */
export type Aliases = ReadonlyMap<string, string>;

type Anchor = { node: string } | { edge: TopologyEdge };

interface Step { to: string; edge?: string }

const VM_HOPS = new Set<Hop['kind']>(['vnic-egress', 'vnic-ingress', 'appliance', 'host-firewall', 'destination']);

class Index {
  readonly byId = new Map<string, string>();
  readonly byIp = new Map<string, string>();
  readonly byLabel = new Map<string, string[]>();
  readonly adj = new Map<string, Step[]>();

  constructor(readonly topology: Topology, private readonly aliases: Aliases) {
    for (const n of topology.nodes) {
      this.byId.set(n.id.toLowerCase(), n.id);
      if (n.ip !== undefined) this.byIp.set(n.ip, n.id);
      this.byLabel.set(n.label, [...(this.byLabel.get(n.label) ?? []), n.id]);
      if (n.parent !== undefined) {
        this.link(n.id, { to: n.parent });
        this.link(n.parent, { to: n.id });
      }
    }
    for (const e of topology.edges) {
      this.link(e.from, { to: e.to, edge: e.id });
      this.link(e.to, { to: e.from, edge: e.id });
    }
  }

  private link(from: string, step: Step): void {
    const list = this.adj.get(from) ?? [];
    list.push(step);
    this.adj.set(from, list);
  }

  /** The drawn node a hop's resource names: the id itself, or the longest id it extends ("…/msee/primary"). */
  node(hop: Hop): string | undefined {
    const r = hop.resource.toLowerCase();
    const exact = this.byId.get(r);
    if (exact !== undefined) return exact;
    let best: string | undefined;
    for (const [lower, id] of this.byId) {
      if (r.startsWith(`${lower}/`) && (best === undefined || lower.length > best.length)) best = id;
    }
    if (best !== undefined) return best;
    // A VNIC's security decision names its security list; the hop's name is the VM's.
    if (hop.name !== undefined && VM_HOPS.has(hop.kind)) {
      const named = this.byLabel.get(hop.name);
      if (named?.length === 1) return named[0];
    }
    const alias = this.aliases.get(r);
    return alias === undefined ? undefined : this.byId.get(alias.toLowerCase());
  }

  /** A link hop ("<vc id>/primary") names one of the two links of that virtual circuit. */
  linkEdge(hop: Hop): TopologyEdge | undefined {
    const r = hop.resource.toLowerCase();
    const cut = r.lastIndexOf('/');
    if (cut < 0) return undefined;
    const vc = r.slice(0, cut);
    const path = r.slice(cut + 1);
    return this.topology.edges.find((e) => e.kind === 'link' && e.path?.toLowerCase() === path
      && (e.from.toLowerCase() === vc || e.to.toLowerCase() === vc));
  }

  /** Shortest path (breadth first) from one node to any of `targets`: the steps taken. */
  route(from: string, targets: ReadonlySet<string>): { end: string; steps: Step[] } | undefined {
    if (targets.has(from)) return { end: from, steps: [] };
    const prev = new Map<string, { from: string; step: Step }>();
    const queue = [from];
    const seen = new Set([from]);
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i] as string;
      for (const step of this.adj.get(v) ?? []) {
        if (seen.has(step.to)) continue;
        seen.add(step.to);
        prev.set(step.to, { from: v, step });
        if (targets.has(step.to)) {
          const steps: Step[] = [];
          for (let w = step.to; w !== from;) {
            const p = prev.get(w);
            if (!p) break;
            steps.unshift(p.step);
            w = p.from;
          }
          return { end: step.to, steps };
        }
        queue.push(step.to);
      }
    }
    return undefined;
  }
}

function anchors(index: Index, path: PathResult, src: string, dst: string): Anchor[] {
  const out: Anchor[] = [];
  const start = index.byIp.get(src);
  if (start !== undefined) out.push({ node: start });
  for (const hop of path.hops) {
    if (hop.kind === 'link') {
      const edge = index.linkEdge(hop);
      if (edge) out.push({ edge });
      continue;
    }
    const node = index.node(hop);
    if (node !== undefined) out.push({ node });
  }
  const end = index.byIp.get(dst);
  if (path.verdict === 'delivered' && end !== undefined) out.push({ node: end });
  return out;
}

/** Node and edge ids one path crosses, in order (the last node is where a dropped path stopped). */
function walk(index: Index, path: PathResult, src: string, dst: string): { nodes: string[]; edges: string[] } {
  const nodes: string[] = [];
  const edges: string[] = [];
  let cur: string | undefined;
  const visit = (id: string) => { nodes.push(id); cur = id; };
  const travel = (targets: Set<string>): string | undefined => {
    if (cur === undefined) return undefined;
    const r = index.route(cur, targets);
    if (!r) return undefined;
    for (const s of r.steps) {
      if (s.edge !== undefined) edges.push(s.edge);
      nodes.push(s.to);
    }
    return r.end;
  };
  for (const a of anchors(index, path, src, dst)) {
    if ('node' in a) {
      if (cur === undefined) visit(a.node);
      else if (travel(new Set([a.node])) !== undefined) cur = a.node;
      else visit(a.node); // not connected in the drawing: mark it and go on from there
      continue;
    }
    const { edge } = a;
    const reached = cur === undefined ? edge.from : travel(new Set([edge.from, edge.to])) ?? edge.from;
    edges.push(edge.id);
    nodes.push(reached);
    visit(reached === edge.from ? edge.to : edge.from);
  }
  return { nodes, edges };
}

export function traceMarks(topology: Topology, result: TraceResult, aliases: Aliases = new Map()): TraceMarks {
  const index = new Index(topology, new Map([...aliases].map(([k, v]) => [k.toLowerCase(), v])));
  const marks: TraceMarks = { nodes: new Map(), edges: new Map(), drops: new Set() };
  const add = (map: Map<string, TraceDir>, id: string, dir: 'forward' | 'return') => {
    const had = map.get(id);
    map.set(id, had === undefined || had === dir ? dir : 'both');
  };
  const fwd = walk(index, result, result.flow.src, result.flow.dst);
  fwd.nodes.forEach((id) => add(marks.nodes, id, 'forward'));
  fwd.edges.forEach((id) => add(marks.edges, id, 'forward'));
  const stop = fwd.nodes[fwd.nodes.length - 1];
  if (result.verdict === 'dropped' && stop !== undefined) marks.drops.add(stop);
  if (result.returnPath) {
    const back = walk(index, result.returnPath, result.flow.dst, result.flow.src);
    back.nodes.forEach((id) => add(marks.nodes, id, 'return'));
    back.edges.forEach((id) => add(marks.edges, id, 'return'));
    const backStop = back.nodes[back.nodes.length - 1];
    if (result.returnPath.verdict === 'dropped' && backStop !== undefined) marks.drops.add(backStop);
  }
  return marks;
}
