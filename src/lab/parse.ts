// Lab text → validated Lab. Pure: no I/O (the caller reads the file). Every problem, whether a YAML
// syntax error or a schema issue, is reported with the 1-based line and column of the offending
// node, all at once, as one LabError.
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { LabSchema, type Lab } from './schema.ts';
import { LabError, type LabIssue } from './types.ts';

type Segment = string | number;

/** "oci.vcns[0].subnets[1].cidr"; the document root is "(root)". */
export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '(root)' : out;
}

interface Position { line: number; column: number }

class Locator {
  constructor(private readonly doc: Document, private readonly lines: LineCounter) {}

  private at(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** The node at `path`, when the document has one. */
  private node(path: readonly Segment[]): unknown {
    return path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
  }

  exists(path: readonly Segment[]): boolean {
    return isNode(this.node(path));
  }

  /** Start of the node at `path`, or of its nearest existing ancestor. */
  value(path: readonly Segment[]): Position {
    for (let n = path.length; n >= 0; n--) {
      const node = this.node(path.slice(0, n));
      if (isNode(node) && node.range) return this.at(node.range[0]);
    }
    return { line: 1, column: 1 };
  }

  /** Start of the key `key` in the mapping at `path` (for unknown keys), else of the mapping. */
  key(path: readonly Segment[], key: string): Position {
    const map = this.node(path);
    if (isMap(map)) {
      for (const pair of map.items) {
        const k: unknown = pair.key;
        if (isNode(k) && k.range && 'value' in k && k.value === key) return this.at(k.range[0]);
      }
    }
    return this.value(path);
  }
}

function segments(path: readonly PropertyKey[]): Segment[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

function toIssues(issue: z.core.$ZodIssue, base: readonly Segment[], where: Locator): LabIssue[] {
  const path = [...base, ...segments(issue.path)];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ ...where.key(path, key), path: formatPath([...path, key]), message: `unknown field "${key}"` }));
  }
  if (issue.code === 'invalid_type' && !where.exists(path) && path.length > 0) {
    const field = path[path.length - 1];
    return [{ ...where.value(path), path: formatPath(path), message: `missing required field "${String(field)}"` }];
  }
  return [{ ...where.value(path), path: formatPath(path), message: issue.message }];
}

/** Parses and validates a lab. Throws LabError (with every issue, in file order) when it is not valid. */
export function parseLab(text: string, file: string): Lab {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });

  if (doc.errors.length > 0) {
    throw new LabError(file, doc.errors.map((e) => {
      const { line, col } = lines.linePos(e.pos[0]);
      return { line, column: col, path: '(yaml)', message: e.message };
    }));
  }

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    throw new LabError(file, [{ line: 1, column: 1, path: '(yaml)', message: e instanceof Error ? e.message : String(e) }]);
  }

  const result = LabSchema.safeParse(data);
  if (result.success) return result.data;

  const where = new Locator(doc, lines);
  const issues = result.error.issues.flatMap((i) => toIssues(i, [], where));
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw new LabError(file, issues);
}
