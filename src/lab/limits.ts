// Bounds on a lab's YAML, enforced before and while it is parsed, so no lab can exhaust the
// server's memory or block it for long: a 10 MB flow list of 5 million items, deep "- - - -"
// nesting and alias bombs ("billion laughs") are refused in well under a second. The limits are
// generous for real labs (the generated enterprise lab of bench/enterprise-lab.ts, 4,000 subnets,
// is ~650 KB, ~55,000 values, 100 items per list at most); labs/README.md lists them.
import { CST, Lexer, Parser } from 'yaml';
import { LabError } from './types.ts';

export interface LabLimits {
  /** UTF-8 bytes of the lab text. */
  maxBytes: number;
  /** Scalars and aliases in the whole document. */
  maxValues: number;
  /** Entries of any one list or mapping. */
  maxItemsPerCollection: number;
  /** Nesting of collections (the document itself counts as one level). */
  maxDepth: number;
  /** Alias nodes (`*name`) in the document. */
  maxAliases: number;
  /** yaml's `maxAliasCount`: how far aliases may expand (uses of an anchor × aliases inside it). */
  maxAliasExpansion: number;
}

export const LAB_LIMITS: Readonly<LabLimits> = {
  maxBytes: 8 * 1024 * 1024,
  maxValues: 250_000,
  maxItemsPerCollection: 50_000,
  maxDepth: 64,
  maxAliases: 10_000,
  maxAliasExpansion: 1_000,
};

/** A lab refused for its size (413) or its shape (400) before it was fully parsed. */
export class LabLimitError extends LabError {
  constructor(file: string, readonly status: 400 | 413, readonly limit: keyof LabLimits, message: string) {
    super(file, [{ path: '(yaml)', message }]);
    this.name = 'LabLimitError';
  }
}

const VALUE_TOKENS: ReadonlySet<string> = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'block-scalar-header', 'alias']);

function collectionSize(token: CST.Token | undefined): number {
  return token !== undefined && 'items' in token ? token.items.length : 0;
}

/** Refuses a lab of more than maxBytes (callers reading a file check its size before reading it). */
export function enforceLabSize(bytes: number, file: string, limits: Readonly<LabLimits> = LAB_LIMITS): void {
  if (bytes > limits.maxBytes) {
    throw new LabLimitError(file, 413, 'maxBytes', `the lab is ${bytes} bytes; the limit is ${limits.maxBytes} bytes`);
  }
}

/**
 * Streams the text through yaml's lexer and parser (an explicit stack, no recursion) and stops at
 * the first bound exceeded, so the work done is proportional to the limits, not to the input.
 */
export function enforceLabLimits(text: string, file: string, limits: Readonly<LabLimits> = LAB_LIMITS): void {
  enforceLabSize(Buffer.byteLength(text, 'utf8'), file, limits);
  const parser = new Parser();
  let values = 0;
  let aliases = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const _ of parser.next(lexeme)) {
      // Completed top-level tokens are not needed; only the open stack is inspected.
    }
    const type = CST.tokenType(lexeme);
    if (type !== null && VALUE_TOKENS.has(type) && ++values > limits.maxValues) {
      throw new LabLimitError(file, 400, 'maxValues', `the lab has more than ${limits.maxValues} values; the limit is ${limits.maxValues}`);
    }
    if (type === 'alias' && ++aliases > limits.maxAliases) {
      throw new LabLimitError(file, 400, 'maxAliases', `the lab has more than ${limits.maxAliases} aliases; the limit is ${limits.maxAliases}`);
    }
    if (parser.stack.length > limits.maxDepth) {
      throw new LabLimitError(file, 400, 'maxDepth', `the lab nests deeper than ${limits.maxDepth} levels; the limit is ${limits.maxDepth}`);
    }
    if (collectionSize(parser.stack.at(-1)) > limits.maxItemsPerCollection) {
      throw new LabLimitError(file, 400, 'maxItemsPerCollection',
        `a list or mapping of the lab has more than ${limits.maxItemsPerCollection} items; the limit is ${limits.maxItemsPerCollection}`);
    }
  }
}
