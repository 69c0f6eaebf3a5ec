// Plane geometry of the drawing: boxes, where an edge leaves a box, and the cubic Bézier pieces an
// edge is drawn with. The layout computes the pieces, the drawing prints them, and the unit tests
// sample them, so what is tested is what is drawn.
export interface Point { x: number; y: number }
export interface Box { x: number; y: number; width: number; height: number }

/** One cubic Bézier: from `a` to `d` with control points `b` and `c`. */
export type Cubic = readonly [Point, Point, Point, Point];

export const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Where the segment from a box's centre towards `toward` leaves the box. */
export function exitPoint(box: Box, toward: Point): Point {
  const { x: cx, y: cy } = centre(box);
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const sx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

/** A smooth curve through dagre's points (Catmull-Rom turned into cubic Béziers). */
export function smooth(points: readonly Point[]): Cubic[] {
  const out: Cubic[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const b = points[i] as Point;
    const c = points[i + 1] as Point;
    if (points.length === 2) {
      out.push([b, b, c, c]);
      break;
    }
    const a = points[i - 1] ?? b;
    const e = points[i + 2] ?? c;
    out.push([b, { x: b.x + (c.x - a.x) / 6, y: b.y + (c.y - a.y) / 6 }, { x: c.x - (e.x - b.x) / 6, y: c.y - (e.y - b.y) / 6 }, c]);
  }
  return out;
}

/**
 * Point to point with horizontal tangents at every point ("S" bends). Between two points y moves
 * monotonically, so two such curves over the same x breakpoints cross only if their points do:
 * the links are drawn this way so that ordered points give uncrossed lines.
 */
export function steps(points: readonly Point[]): Cubic[] {
  const out: Cubic[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const b = points[i] as Point;
    const c = points[i + 1] as Point;
    const mx = (b.x + c.x) / 2;
    out.push([b, { x: mx, y: b.y }, { x: mx, y: c.y }, c]);
  }
  return out;
}

/** The SVG path data of a chain of pieces. */
export function pathData(pieces: readonly Cubic[]): string {
  const [first] = pieces;
  if (first === undefined) return '';
  const f = (p: Point) => `${+p.x.toFixed(2)},${+p.y.toFixed(2)}`;
  return `M${f(first[0])}${pieces.map(([, b, c, d]) => `C${f(b)} ${f(c)} ${f(d)}`).join('')}`;
}

/** The point at parameter t ∈ [0, 1] of one piece. */
export function at([a, b, c, d]: Cubic, t: number): Point {
  const u = 1 - t;
  const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t] as const;
  return { x: w[0] * a.x + w[1] * b.x + w[2] * c.x + w[3] * d.x, y: w[0] * a.y + w[1] * b.y + w[2] * c.y + w[3] * d.y };
}
