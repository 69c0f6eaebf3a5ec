// Ids become display names when the CLI prints: answers carry an id → name map (`names`) beside
// their ids, and this substitutes it into any text. `--ids` (or no map) leaves the ids as they are.
import type { DisplayNames } from '../../api/admin/contract.ts';

/** Rewrites the ids in a text; applied to every line that may mention a resource. */
export type Namer = (text: string) => string;

export const keepIds: Namer = (text) => text;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function namer(names: DisplayNames | undefined, ids = false): Namer {
  if (ids || names === undefined) return keepIds;
  // Longest first: a child's ARM id starts with its parent's, and the child must win.
  const known = Object.keys(names).sort((a, b) => b.length - a.length);
  if (known.length === 0) return keepIds;
  const pattern = new RegExp(known.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, (id) => names[id] ?? id);
}
