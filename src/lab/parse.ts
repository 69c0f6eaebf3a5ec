// Lab text → validated Lab. Pure: no I/O (the caller reads the file). Every problem, whether a YAML
// syntax error or a schema issue, is reported with the 1-based line and column of the offending
// node, all at once and in file order, as one LabError.
import { isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { enforceLabLimits, LAB_LIMITS, LabLimitError, type LabLimits } from './limits.ts';
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

/** Finds where a path of the lab lives in the YAML source. */
class Locator {
  constructor(private readonly doc: Document, private readonly lines: LineCounter) {}

  private at(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

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

  /** Start of the key `key` of the mapping at `path` (where an unknown field is written). */
  key(path: readonly Segment[], key: string): Position {
    const map = this.node(path);
    if (isNode(map) && 'items' in map) {
      for (const item of map.items) {
        const k: unknown = typeof item === 'object' && item !== null && 'key' in item ? item.key : undefined;
        if (isScalar(k) && k.range && String(k.value) === key) return this.at(k.range[0]);
      }
    }
    return this.value(path);
  }
}

/** The object schemas a path can lead to (several under a union), for naming the allowed fields. */
function objectsAt(schema: z.ZodType, path: readonly Segment[]): z.ZodObject[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) {
    return objectsAt(schema.unwrap() as z.ZodType, path);
  }
  if (schema instanceof z.ZodPipe) return objectsAt(schema.in as z.ZodType, path);
  if (schema instanceof z.ZodUnion) return schema.options.flatMap((o) => objectsAt(o as z.ZodType, path));
  const [head, ...rest] = path;
  if (head === undefined) return schema instanceof z.ZodObject ? [schema] : [];
  if (schema instanceof z.ZodArray && typeof head === 'number') return objectsAt(schema.element as z.ZodType, rest);
  if (schema instanceof z.ZodObject && typeof head === 'string') {
    const field: unknown = Object.hasOwn(schema.shape, head) ? schema.shape[head] : undefined;
    return field instanceof z.ZodType ? objectsAt(field, rest) : [];
  }
  return [];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function unknownFieldMessage(key: string, path: readonly Segment[]): string {
  const allowed = [...new Set(objectsAt(LabSchema, path).flatMap((o) => Object.keys(o.shape)))];
  if (allowed.length === 0) return `unknown field "${key}"`;
  const ranked = allowed.map((name) => ({ name, d: editDistance(key, name) })).sort((x, y) => x.d - y.d);
  const best = ranked[0];
  const guess = best !== undefined && best.d <= Math.max(1, Math.floor(key.length / 3)) ? `; did you mean "${best.name}"?` : '';
  return `unknown field "${key}"${guess} (allowed here: ${allowed.join(', ')})`;
}

function toIssues(issue: z.core.$ZodIssue, where: Locator): LabIssue[] {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ ...where.key(path, key), path: formatPath([...path, key]), message: unknownFieldMessage(key, path) }));
  }
  if (issue.code === 'invalid_type' && path.length === 0) {
    return [{ line: 1, column: 1, path: formatPath(path), message: 'a lab is a YAML mapping with name, oci, azure, interconnects and expectations' }];
  }
  if (issue.code === 'invalid_type' && !where.exists(path)) {
    return [{ ...where.value(path), path: formatPath(path), message: `missing required field "${String(path[path.length - 1])}"` }];
  }
  return [{ ...where.value(path), path: formatPath(path), message: issue.message }];
}

/**
 * Parses and validates a lab. Throws LabLimitError when it exceeds the limits (checked first, while
 * streaming), LabError (with every issue, in file order) when it is not valid.
 */
export function parseLab(text: string, file: string, limits: Readonly<LabLimits> = LAB_LIMITS): Lab {
  enforceLabLimits(text, file, limits);
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
    data = doc.toJS({ maxAliasCount: limits.maxAliasExpansion });
  } catch (e) {
    // yaml's guard against alias expansion ("billion laughs") throws a ReferenceError.
    if (e instanceof ReferenceError) {
      throw new LabLimitError(file, 400, 'maxAliasExpansion', `the lab's aliases expand beyond the limit of ${limits.maxAliasExpansion} (yaml maxAliasCount): ${e.message}`);
    }
    throw new LabError(file, [{ line: 1, column: 1, path: '(yaml)', message: e instanceof Error ? e.message : String(e) }]);
  }

  const result = LabSchema.safeParse(data);
  if (result.success) return result.data;

  const where = new Locator(doc, lines);
  const issues = result.error.issues.flatMap((i) => toIssues(i, where));
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw new LabError(file, issues);
}
