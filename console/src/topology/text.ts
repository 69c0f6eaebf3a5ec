// The words inside each drawn box, and how wide they are. SVG text does not wrap, so the layout
// sizes leaf boxes from these estimates (a box grows to show a state in full, up to LEAF_MAX_W) and
// the drawing cuts anything longer with "…" (the full text stays in the node's <title>). The
// estimates are deliberately generous: the browser tests measure the real text against its box.
import type { TopologyNode } from '../api/types.ts';
import { NODE_TAG } from './names.ts';

/** Font sizes of the drawing (styles.css: .tag, .label, .sub). */
export const FONT = { tag: 9.5, label: 13, sub: 11 } as const;
/** Left inset of text in a box (after the state stripe), and room kept on the right for the state dot. */
export const TEXT_LEFT = 12;
export const TEXT_RIGHT = 20;
/** Vertical distance between two lines of small text. */
export const SUB_LINE = 14;

/**
 * Kinds whose detail holds two states ("A / B"): each gets a line of its own, the second one named,
 * so "Succeeded / Provisioned" reads as "Succeeded" and "provider Provisioned".
 */
const TWO_STATES: Partial<Record<TopologyNode['kind'], string>> = {
  'azure.ExpressRouteCircuit': 'provider',
  'oci.VirtualCircuit': 'BGP',
};

/** Width (px) of a text in the console's sans-serif font, rounded up from per-class averages. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (/[A-Z]/.test(ch)) em += ch === 'I' ? 0.32 : ch === 'M' || ch === 'W' ? 0.9 : 0.7;
    else if (/[mw]/.test(ch)) em += 0.86;
    else if (/[iljtf.,:;'|!]/.test(ch)) em += 0.32;
    else if (ch === ' ') em += 0.3;
    else em += 0.6;
  }
  return Math.ceil(em * size * (bold ? 1.08 : 1));
}

/** `text` cut with "…" so that it is at most `width` px wide. */
export function fitWidth(text: string, width: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= width) return text;
  let n = text.length - 1;
  while (n > 1 && textWidth(`${text.slice(0, n)}…`, size, bold) > width) n--;
  return `${text.slice(0, n)}…`;
}

export interface NodeText {
  tag: string;
  label: string;
  /** The small lines under the label: an address, CIDRs, or the states. */
  subs: string[];
}

export function nodeText(node: TopologyNode): NodeText {
  const tag = NODE_TAG[node.kind].toUpperCase();
  const named = TWO_STATES[node.kind];
  const parts = node.detail.split(' / ');
  let subs: string[];
  if (node.ip !== undefined) subs = [node.ip];
  else if (node.cidrs !== undefined) subs = [node.cidrs.join(', ')];
  else if (named !== undefined && parts.length === 2) subs = [parts[0] ?? '', `${named} ${parts[1] ?? ''}`];
  else subs = [node.detail];
  return { tag, label: node.label, subs };
}

/** The width a leaf box needs to show its text uncut. */
export function leafTextWidth(t: NodeText): number {
  return TEXT_LEFT + TEXT_RIGHT + Math.max(
    textWidth(t.tag, FONT.tag, true) * 1.1, // letter-spacing .06em
    textWidth(t.label, FONT.label, true),
    ...t.subs.map((s) => textWidth(s, FONT.sub)),
  );
}
