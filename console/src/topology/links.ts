// The interconnect's links (Primary and Secondary, per virtual circuit), routed by hand across the
// gap between the clouds: dagre would route each link on its own, and with two interconnects it
// crossed them in the middle and stacked their labels on one another. Here every link leaves its
// virtual circuit and enters its ExpressRoute circuit a little above (Primary) or below (Secondary)
// the box's middle, and runs through its label in the middle of the gap. The labels are ordered top
// to bottom as their links are and pushed apart until none overlaps; drawn with `steps`, links
// whose points are so ordered cannot cross.
import type { TopologyEdge } from '../api/types.ts';
import { type Box, type Point } from './geometry.ts';
import { FONT, textWidth } from './text.ts';

/** How far above (Primary) or below (Secondary) the box's middle a link leaves and enters it. */
export const PORT_OFFSET = 8;
/** Label height, and the least distance between two label centres. */
export const LINK_LABEL_H = 14;
const LABEL_SEP = LINK_LABEL_H + 6;
/** Straight run either side of a label. */
export const LABEL_RUN = 6;

export interface RoutedLink {
  points: Point[];
  labelAt: Point;
  /** Where the label's text is (its halo included): the tests check that no two overlap. */
  labelBox: Box;
}

export interface LinkInput {
  edge: TopologyEdge;
  from: Box;
  to: Box;
}

export const side = (e: TopologyEdge): number => (e.path === 'Primary' ? -1 : e.path === 'Secondary' ? 1 : 0);
const labelText = (e: TopologyEdge): string => e.label ?? e.path ?? '';
export const labelWidth = (e: TopologyEdge): number => textWidth(labelText(e), FONT.sub, true) + 8;

export function routeLinks(links: readonly LinkInput[]): Map<string, RoutedLink> {
  const spans = links.map((l) => {
    const [left, right] = l.from.x <= l.to.x ? [l.from, l.to] : [l.to, l.from];
    return { l, left, right, reversed: l.from.x > l.to.x };
  });
  // One x for every link's label, in the middle of the gap, when the links share the gap.
  const x0 = Math.max(...spans.map((s) => s.left.x + s.left.width));
  const x1 = Math.min(...spans.map((s) => s.right.x));
  const widest = Math.max(0, ...links.map((l) => labelWidth(l.edge)));
  const shared = x1 - x0 >= widest + 4 * LABEL_RUN;

  const placed = spans.map((s) => {
    const off = side(s.l.edge);
    const a = { x: s.left.x + s.left.width, y: s.left.y + s.left.height / 2 + off * PORT_OFFSET };
    const b = { x: s.right.x, y: s.right.y + s.right.height / 2 + off * PORT_OFFSET };
    const gx0 = shared ? x0 : a.x;
    const gx1 = shared ? x1 : b.x;
    return { ...s, a, b, gx0, gx1, y: (a.y + b.y) / 2 + (off * LABEL_SEP) / 2 - off * PORT_OFFSET };
  });
  // Top to bottom; a tie puts Primary first. Then push each label below the one above it.
  placed.sort((p, q) => p.y - q.y || side(p.l.edge) - side(q.l.edge) || p.l.edge.id.localeCompare(q.l.edge.id));
  for (let i = 1; i < placed.length; i++) {
    const prev = placed[i - 1];
    const cur = placed[i];
    if (prev && cur && cur.y < prev.y + LABEL_SEP) cur.y = prev.y + LABEL_SEP;
  }

  const out = new Map<string, RoutedLink>();
  for (const p of placed) {
    const w = labelWidth(p.l.edge);
    const xm = (p.gx0 + p.gx1) / 2;
    const raw: Point[] = [
      p.a, { x: p.gx0, y: p.a.y },
      { x: xm - w / 2 - LABEL_RUN, y: p.y }, { x: xm + w / 2 + LABEL_RUN, y: p.y },
      { x: p.gx1, y: p.b.y }, p.b,
    ];
    const points = raw.filter((pt, i) => i === 0 || pt.x > (raw[i - 1] as Point).x + 0.5);
    if (p.reversed) points.reverse();
    out.set(p.l.edge.id, {
      points,
      labelAt: { x: xm, y: p.y },
      labelBox: { x: xm - w / 2, y: p.y - LINK_LABEL_H / 2, width: w, height: LINK_LABEL_H },
    });
  }
  return out;
}
