// ARM's array and object functions, and those that take a string or an array alike
// (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-array and
// template-functions-object): contains, empty, first, last, length, skip, take, indexOf, union,
// intersection, createArray, createObject, array, range, flatten, join, items, concat.
import { arity, arr, charge, chargeChars, deepEqual, fnError, int, isObject, oneOf, str, type Call, type JsonObject, type PureFunction } from './template-fn-common.ts';
import { toText } from './template-fn-string.ts';
import type { Json } from './template-expressions.ts';

/** ARM's limit on range()'s count (template-functions-array, range: "up to 10000"). */
const RANGE_MAX = 10_000;

function sequenceOf(args: Json[], call: Call): string | Json[] {
  return oneOf(args, 0, call, ['String', 'Array']);
}

function clampCount(n: number, max: number): number {
  return Math.min(Math.max(n, 0), max);
}

function contains(args: Json[], call: Call): Json {
  arity(args, call, 2);
  const c = oneOf(args, 0, call, ['String', 'Array', 'Object']);
  const v = args[1] ?? null;
  // Case-sensitive, as documented; an object's keys are matched without regard to case, as its properties are.
  if (typeof c === 'string') return c.includes(toText(v));
  if (Array.isArray(c)) return c.some((x) => deepEqual(x, v));
  const key = str(args, 1, call).toLowerCase();
  return Object.keys(c).some((k) => k.toLowerCase() === key);
}

function empty(args: Json[], call: Call): Json {
  arity(args, call, 1);
  const v = oneOf(args, 0, call, ['String', 'Array', 'Object', 'Null']);
  if (v === null) return true;
  return typeof v === 'string' || Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

function length(args: Json[], call: Call): Json {
  arity(args, call, 1);
  const v = oneOf(args, 0, call, ['String', 'Array', 'Object']);
  return typeof v === 'string' || Array.isArray(v) ? v.length : Object.keys(v).length;
}

function end(which: 'first' | 'last'): PureFunction {
  return (args, call) => {
    arity(args, call, 1);
    const s = sequenceOf(args, call);
    if (s.length === 0) return typeof s === 'string' ? '' : null;
    const v = which === 'first' ? s[0] : s[s.length - 1];
    return v ?? null;
  };
}

function skipTake(which: 'skip' | 'take'): PureFunction {
  return (args, call) => {
    arity(args, call, 2);
    const s = sequenceOf(args, call);
    const n = clampCount(int(args, 1, call), s.length);
    return which === 'skip' ? s.slice(n) : s.slice(0, n);
  };
}

function indexOf(which: 'first' | 'last'): PureFunction {
  return (args, call) => {
    arity(args, call, 2);
    const s = sequenceOf(args, call);
    const v = args[1] ?? null;
    if (typeof s === 'string') {
      // String searches ignore case, as documented.
      const [a, b] = [s.toLowerCase(), str(args, 1, call).toLowerCase()];
      return which === 'first' ? a.indexOf(b) : a.lastIndexOf(b);
    }
    const found = s.map((x, i) => (deepEqual(x, v) ? i : -1)).filter((i) => i >= 0);
    return (which === 'first' ? found[0] : found.at(-1)) ?? -1;
  };
}

/** union/intersection/concat take all arrays or all objects (concat: or strings). */
function sameKind(args: Json[], call: Call): 'Array' | 'Object' {
  arity(args, call, 1, Infinity);
  const first = oneOf(args, 0, call, ['Array', 'Object']);
  const kind = Array.isArray(first) ? 'Array' : 'Object';
  args.forEach((_a, i) => oneOf(args, i, call, [kind]));
  return kind;
}

/** union: arrays deduplicated in order; objects merged, later values winning, nested objects merged deeply (documented). */
function mergeObjects(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = cur !== undefined && isObject(cur) && isObject(v) ? mergeObjects(cur, v) : v;
  }
  return out;
}

function union(args: Json[], call: Call): Json {
  const kind = sameKind(args, call);
  charge(call, args);
  if (kind === 'Object') return (args as JsonObject[]).reduce(mergeObjects, {});
  const out: Json[] = [];
  for (const v of (args as Json[][]).flat()) if (!out.some((x) => deepEqual(x, v))) out.push(v);
  return out;
}

function intersection(args: Json[], call: Call): Json {
  const kind = sameKind(args, call);
  if (kind === 'Object') {
    const [first = {}, ...rest] = args as JsonObject[];
    return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((o) => k in o && deepEqual(o[k] ?? null, v))));
  }
  const [first = [], ...rest] = args as Json[][];
  const out: Json[] = [];
  for (const v of first) if (rest.every((a) => a.some((x) => deepEqual(x, v))) && !out.some((x) => deepEqual(x, v))) out.push(v);
  return out;
}

function concat(args: Json[], call: Call): Json {
  // The one function whose result can outgrow its inputs (nested concat doubles): its size is charged first.
  charge(call, args);
  if (args.length > 0 && Array.isArray(args[0])) {
    args.forEach((_a, i) => arr(args, i, call));
    return (args as Json[][]).flat();
  }
  return args.map((a, i) => {
    if (isObject(a) || Array.isArray(a)) oneOf(args, i, call, ['String', 'Integer', 'Boolean']);
    return a === null ? '' : toText(a);
  }).join('');
}

function createObject(args: Json[], call: Call): Json {
  if (args.length % 2 !== 0) throw fnError(call, `the function requires an even number of parameters (key, value pairs), and ${args.length} were given`);
  charge(call, args);
  const out: JsonObject = {};
  for (let i = 0; i < args.length; i += 2) out[str(args, i, call)] = args[i + 1] ?? null;
  return out;
}

function range(args: Json[], call: Call): Json {
  arity(args, call, 2);
  const [start, count] = [int(args, 0, call), int(args, 1, call)];
  if (count < 0 || count > RANGE_MAX) throw fnError(call, `the count '${count}' must be a non-negative integer no greater than ${RANGE_MAX}`);
  if (start + count > 2_147_483_647) throw fnError(call, `the sum of start index '${start}' and count '${count}' must be no greater than 2147483647`);
  chargeChars(call, count);
  return Array.from({ length: count }, (_v, i) => start + i);
}

function join(args: Json[], call: Call): Json {
  arity(args, call, 2);
  const items = arr(args, 0, call);
  const delimiter = str(args, 1, call);
  charge(call, [...items, ...items.map(() => delimiter)]);
  return items.map((v, i) => {
    if (isObject(v) || Array.isArray(v)) oneOf(items, i, call, ['String', 'Integer', 'Boolean']);
    return v === null ? '' : toText(v);
  }).join(delimiter);
}

export const COLLECTION_FUNCTIONS: Record<string, PureFunction> = {
  contains,
  empty,
  length,
  first: end('first'),
  last: end('last'),
  skip: skipTake('skip'),
  take: skipTake('take'),
  indexof: indexOf('first'),
  lastindexof: indexOf('last'),
  union,
  intersection,
  concat,
  createarray: (args, call) => (charge(call, args), [...args]),
  createobject: createObject,
  array: (args, call) => {
    arity(args, call, 1);
    const v = args[0] ?? null;
    return Array.isArray(v) ? v : [v];
  },
  range,
  join,
  flatten: (args, call) => {
    arity(args, call, 1);
    const a = arr(args, 0, call);
    return a.flatMap((v, i) => arr(a, i, call));
  },
  items: (args, call) => {
    arity(args, call, 1);
    const o = oneOf(args, 0, call, ['Object']);
    // Sorted by key, as documented.
    return Object.keys(o).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })).map((key) => ({ key, value: o[key] ?? null }));
  },
};
