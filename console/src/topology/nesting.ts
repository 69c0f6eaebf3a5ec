// Containment: a VCN or VNet is drawn as a box holding its subnets, and a subnet as a box holding
// its VMs, the way both portals draw them. This file sizes those boxes bottom-up and places each
// child inside its parent; layout.ts then lets dagre place only the outermost boxes.
import type { TopologyNode } from '../api/types.ts';
import { leafTextWidth, nodeText, SUB_LINE } from './text.ts';

export const LEAF_W = 156;
/** A leaf grows to show its states in full up to this width; longer names are cut with "…". */
export const LEAF_MAX_W = 232;
export const LEAF_H = 52;
export const HEADER_H = 40;
const PAD = 10;
const GAP = 8;
const MIN_CONTAINER_W = 176;

/** Kinds drawn as boxes that hold other nodes. */
const CONTAINER_KINDS = new Set(['oci.Vcn', 'oci.Subnet', 'azure.VirtualNetwork', 'azure.Subnet']);

export interface Nested {
  node: TopologyNode;
  /** Top-left corner relative to the outermost box. */
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
  container: boolean;
  children: Nested[];
}

/** Builds the containment forest: one tree per outermost node (a node whose parent is not drawn). */
export function nest(nodes: readonly TopologyNode[]): Nested[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const kids = new Map<string, TopologyNode[]>();
  const roots: TopologyNode[] = [];
  for (const n of nodes) {
    if (n.parent !== undefined && n.parent !== n.id && byId.has(n.parent)) {
      const list = kids.get(n.parent) ?? [];
      list.push(n);
      kids.set(n.parent, list);
    } else {
      roots.push(n);
    }
  }
  const seen = new Set<string>();
  const build = (node: TopologyNode, depth: number): Nested => {
    seen.add(node.id);
    const children = (kids.get(node.id) ?? [])
      .filter((c) => !seen.has(c.id)) // a parent cycle in bad data must not recurse forever
      .sort((a, b) => a.label.localeCompare(b.label))
      .map((c) => build(c, depth + 1));
    const container = CONTAINER_KINDS.has(node.kind) || children.length > 0;
    if (!container) {
      const text = nodeText(node);
      const width = Math.min(LEAF_MAX_W, Math.max(LEAF_W, Math.ceil(leafTextWidth(text))));
      const height = LEAF_H + SUB_LINE * (text.subs.length - 1);
      return { node, x: 0, y: 0, width, height, depth, container, children };
    }
    const inner = Math.max(0, ...children.map((c) => c.width));
    const width = Math.max(MIN_CONTAINER_W, inner + 2 * PAD);
    let y = HEADER_H;
    for (const c of children) {
      c.x = (width - c.width) / 2;
      c.y = y;
      y += c.height + GAP;
    }
    const height = children.length === 0 ? HEADER_H : y - GAP + PAD;
    return { node, x: 0, y: 0, width, height, depth, container, children };
  };
  return roots.sort((a, b) => a.label.localeCompare(b.label)).map((r) => build(r, 0));
}

/** Every box of a tree with absolute coordinates, parents before children. */
export function flatten(tree: Nested, originX: number, originY: number, out: Nested[] = []): Nested[] {
  const abs = { ...tree, x: originX + tree.x, y: originY + tree.y };
  out.push(abs);
  for (const c of tree.children) flatten(c, abs.x, abs.y, out);
  return out;
}
