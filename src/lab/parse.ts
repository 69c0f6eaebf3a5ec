// Lab text → validated Lab. Pure: no I/O (the caller reads the file). Every problem, whether a YAML
// syntax error or a schema issue, is reported with the 1-based line and column of the offending
// node, all at once and in file order, as one LabError.
import { isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
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
  /** Key positions per mapping, built on the first question about it: 40,000 unknown keys in one mapping cost one pass, not 40,000. */
  private readonly keys = new WeakMap<object, Map<string, number>>();

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
      let offsets = this.keys.get(map);
      if (!offsets) {
        offsets = new Map<string, number>();
        for (const item of map.items) {
          const k: unknown = typeof item === 'object' && item !== null && 'key' in item ? item.key : undefined;
          if (isScalar(k) && k.range && !offsets.has(String(k.value))) offsets.set(String(k.value), k.range[0]);
        }
        this.keys.set(map, offsets);
      }
      const offset = offsets.get(key);
      if (offset !== undefined) return this.at(offset);
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

/** The fields allowed at a path, remembered per path (a mapping may hold thousands of unknown keys). */
const allowedFields = new Map<string, string[]>();

function fieldsAt(path: readonly Segment[]): string[] {
  const id = JSON.stringify(path);
  let allowed = allowedFields.get(id);
  if (allowed === undefined) {
    allowed = [...new Set(objectsAt(LabSchema, path).flatMap((o) => Object.keys(o.shape)))];
    if (allowedFields.size < 1000) allowedFields.set(id, allowed);
  }
  return allowed;
}

function unknownFieldMessage(key: string, path: readonly Segment[]): string {
  const allowed = fieldsAt(path);
  if (allowed.length === 0) return `unknown field "${key}"`;
  const ranked = allowed.map((name) => ({ name, d: editDistance(key, name) })).sort((x, y) => x.d - y.d);
  const best = ranked[0];
  const guess = best !== undefined && best.d <= Math.max(1, Math.floor(key.length / 3)) ? `; did you mean "${best.name}"?` : '';
  return `unknown field "${key}"${guess} (allowed here: ${allowed.join(', ')})`;
}

/** Messages worth computing only for the issues shown (a "did you mean" costs an edit distance per field). */
const lateMessages = new WeakMap<LabIssue, () => string>();

function toIssues(issue: z.core.$ZodIssue, where: Locator): LabIssue[] {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const unknown = { ...where.key(path, key), path: formatPath([...path, key]), message: `unknown field "${key}"` };
      lateMessages.set(unknown, () => unknownFieldMessage(key, path));
      return unknown;
    });
  }
  if (issue.code === 'invalid_type' && path.length === 0) {
    return [{ line: 1, column: 1, path: formatPath(path), message: 'a lab is a YAML mapping with name, oci, azure, interconnects and expectations' }];
  }
  if (issue.code === 'invalid_type' && !where.exists(path)) {
    return [{ ...where.value(path), path: formatPath(path), message: `missing required field "${String(path[path.length - 1])}"` }];
  }
  return [{ ...where.value(path), path: formatPath(path), message: issue.message }];
}

/** Every repeated scalar key of every mapping, at its repetition, as yaml's uniqueKeys reports it. */
function duplicateKeys(doc: Document): { offset: number; message: string }[] {
  const found: { offset: number; message: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) found.push({ offset: pair.key.range?.[0] ?? 0, message: 'Map keys must be unique' });
        seen.add(pair.key.value);
      }
    },
  });
  return found;
}

/** Issues reported at most; a lab with thousands of mistakes gets the first ones and a count. */
export const MAX_LAB_ISSUES = 100;

function firstIssues(issues: LabIssue[]): LabIssue[] {
  if (issues.length <= MAX_LAB_ISSUES) return issues;
  const more = issues.length - MAX_LAB_ISSUES;
  return [...issues.slice(0, MAX_LAB_ISSUES), { path: '(lab)', message: `and ${more} more issue${more === 1 ? '' : 's'} not shown` }];
}

/**
 * Parses and validates a lab. Throws LabLimitError when it exceeds the limits (checked first, while
 * streaming), LabError (with every issue, in file order) when it is not valid.
 */
export function parseLab(text: string, file: string, limits: Readonly<LabLimits> = LAB_LIMITS): Lab {
  enforceLabLimits(text, file, limits);
  const lines = new LineCounter();
  // yaml's own uniqueKeys check compares every key with every earlier one (40,000 keys: minutes);
  // duplicateKeys does the same check with a set per mapping.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const errors = [...doc.errors.map((e) => ({ offset: e.pos[0], message: e.message })), ...duplicateKeys(doc)].sort((a, b) => a.offset - b.offset);
  if (errors.length > 0) {
    throw new LabError(file, firstIssues(errors.map((e) => {
      const { line, col } = lines.linePos(e.offset);
      return { line, column: col, path: '(yaml)', message: e.message };
    })));
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
  const shown = firstIssues(issues);
  for (const issue of shown) issue.message = lateMessages.get(issue)?.() ?? issue.message;
  throw new LabError(file, shown);
}
