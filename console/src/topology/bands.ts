// Two bands, for a drawing much wider than the screen (the tutorial: one VCN, one VNet, seven
// columns in a row, about 5:1): OCI stays above as dagre placed it, Azure is turned half a turn (the
// places of its boxes, not their text) and set below, its right edge under OCI's. The virtual
// circuits' column then sits right above the ExpressRoute circuits' column, and the packet path
// reads as a U: VCN → DRG → virtual circuit, down the interconnect on the right, ExpressRoute
// circuit → gateway → VNets leftwards. A half turn, not a mirror image, because it also reverses the
// circuits' order top to bottom: the links, each a bracket down the right-hand side, then nest (the
// topmost virtual circuit's link takes the outermost lane to the bottommost circuit) and none
// crosses another. Each link's label sits on its own lane, the lanes one label's width apart.
import { type Box, type Cubic, type Point } from './geometry.ts';
import { labelWidth, LABEL_RUN, LINK_LABEL_H, type LinkInput, PORT_OFFSET, type RoutedLink, side } from './links.ts';

/** Room between the two bands' outermost boxes: both clouds' padding and the lower one's title. */
export const BAND_GAP = 72;
/** Room between the clouds' right edge and the first lane, and between two labels on their lanes. */
const LANE_GAP = 14;
/** Radius of a link's turns. */
const TURN = 8;

/** Where a point of the lower band goes: half a turn within its box, then its box below `upper`, right edges aligned. */
export function halfTurnBelow(upper: Box, lower: Box, gap: number): (p: Point) => Point {
  const right = upper.x + upper.width;
  const top = upper.y + upper.height + gap;
  return (p) => ({ x: lower.x + right - p.x, y: lower.y + lower.height + top - p.y });
}

/** The bounding box of some boxes. */
export function extent(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}

/**
 * The links as nested brackets: out of the upper box's right side (Primary above), right to a lane
 * past `channelX`, down, and into the lower box's right side (Primary below: the band is turned).
 */
export function routeBandLinks(links: readonly LinkInput[], channelX: number): Map<string, RoutedLink> {
  const placed = links.map((l) => {
    const reversed = l.from.y > l.to.y;
    const [top, bottom] = reversed ? [l.to, l.from] : [l.from, l.to];
    const off = side(l.edge);
    return {
      l, reversed,
      a: { x: top.x + top.width, y: top.y + top.height / 2 + off * PORT_OFFSET },
      b: { x: bottom.x + bottom.width, y: bottom.y + bottom.height / 2 - off * PORT_OFFSET },
    };
  });
  // Outermost first: highest on the upper band, then lowest on the lower one.
  placed.sort((p, q) => p.a.y - q.a.y || q.b.y - p.b.y || p.l.edge.id.localeCompare(q.l.edge.id));
  const widest = Math.max(0, ...links.map((l) => labelWidth(l.edge)));
  const innermost = placed[placed.length - 1];
  const yMid = innermost ? (innermost.a.y + innermost.b.y) / 2 : 0;
  const out = new Map<string, RoutedLink>();
  placed.forEach((p, i) => {
    const x = channelX + LANE_GAP + widest / 2 + (placed.length - 1 - i) * (widest + LANE_GAP);
    const w = labelWidth(p.l.edge);
    const points: Point[] = [
      p.a, { x, y: p.a.y },
      { x, y: yMid - LINK_LABEL_H / 2 - LABEL_RUN }, { x, y: yMid + LINK_LABEL_H / 2 + LABEL_RUN },
      { x, y: p.b.y }, p.b,
    ];
    if (p.reversed) points.reverse();
    out.set(p.l.edge.id, {
      points,
      labelAt: { x, y: yMid },
      labelBox: { x: x - w / 2, y: yMid - LINK_LABEL_H / 2, width: w, height: LINK_LABEL_H },
    });
  });
  return out;
}

const line = (a: Point, b: Point): Cubic => [a, a, b, b];

/** A path of horizontal and vertical runs through the points, its turns rounded. */
export function elbows(points: readonly Point[], radius = TURN): Cubic[] {
  const out: Cubic[] = [];
  let from = points[0];
  if (from === undefined) return out;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i] as Point;
    const prev = points[i - 1] as Point;
    const next = points[i + 1] as Point;
    const lenIn = Math.hypot(p.x - prev.x, p.y - prev.y);
    const lenOut = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(radius, lenIn / 2, lenOut / 2);
    if (r <= 0) continue;
    const dIn = { x: (p.x - prev.x) / lenIn, y: (p.y - prev.y) / lenIn };
    const dOut = { x: (next.x - p.x) / lenOut, y: (next.y - p.y) / lenOut };
    const enter = { x: p.x - dIn.x * r, y: p.y - dIn.y * r };
    const leave = { x: p.x + dOut.x * r, y: p.y + dOut.y * r };
    out.push(line(from, enter));
    // 0.55 × r: the control distance of a quarter circle drawn as one cubic.
    out.push([enter, { x: enter.x + dIn.x * r * 0.55, y: enter.y + dIn.y * r * 0.55 }, { x: leave.x - dOut.x * r * 0.55, y: leave.y - dOut.y * r * 0.55 }, leave]);
    from = leave;
  }
  out.push(line(from, points[points.length - 1] as Point));
  return out;
}
