// ARM's comparison, logical, numeric and conversion functions
// (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-comparison,
// -logical, -numeric): integers are 64-bit and divide toward zero; strings compare by ordinal.
import { arity, arr, bool, deepEqual, fnError, int, oneOf, type Call, type PureFunction } from './template-fn-common.ts';
import type { Json } from './template-expressions.ts';

function compare(test: (order: number) => boolean): PureFunction {
  return (args, call) => {
    arity(args, call, 2);
    const a = oneOf(args, 0, call, ['Integer', 'String']);
    const b = oneOf(args, 1, call, [typeof a === 'string' ? 'String' : 'Integer']);
    return test(a < b ? -1 : a > b ? 1 : 0);
  };
}

function arithmetic(op: (a: number, b: number, call: Call) => number): PureFunction {
  return (args, call) => {
    arity(args, call, 2);
    const result = op(int(args, 0, call), int(args, 1, call), call);
    if (!Number.isSafeInteger(result)) throw fnError(call, `the result '${result}' is outside the range of a 64-bit integer FastRoute evaluates exactly`);
    return result;
  };
}

function divisor(b: number, call: Call): number {
  if (b === 0) throw fnError(call, 'Attempted to divide by zero');
  return b;
}

function extreme(which: 'min' | 'max'): PureFunction {
  return (args, call) => {
    arity(args, call, 1, Infinity);
    const values = args.length === 1 && Array.isArray(args[0]) ? arr(args, 0, call) : args;
    if (values.length === 0) throw fnError(call, 'the array must not be empty');
    const ints = values.map((_v, i) => int(values, i, call));
    return which === 'min' ? Math.min(...ints) : Math.max(...ints);
  };
}

function toBool(args: Json[], call: Call): Json {
  arity(args, call, 1);
  const v = oneOf(args, 0, call, ['String', 'Integer', 'Boolean']);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const t = v.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  throw fnError(call, `the value '${v}' cannot be converted to a boolean`);
}

function toInt(args: Json[], call: Call): Json {
  arity(args, call, 1);
  const v = oneOf(args, 0, call, ['String', 'Integer']);
  if (typeof v === 'number') return v;
  if (!/^\s*[-+]?\d+\s*$/.test(v) || !Number.isSafeInteger(Number(v))) throw fnError(call, `the value '${v}' cannot be converted to an integer`);
  return Number(v);
}

/** float(value): a string or integer as a floating point number (template-functions-numeric). */
function toFloat(args: Json[], call: Call): Json {
  arity(args, call, 1);
  const v = oneOf(args, 0, call, ['String', 'Integer', 'Float']);
  if (typeof v === 'number') return v;
  const n = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw fnError(call, `the value '${v}' cannot be converted to a floating point number`);
  return n;
}

export const LOGIC_FUNCTIONS: Record<string, PureFunction> = {
  equals: (args, call) => (arity(args, call, 2), deepEqual(args[0] ?? null, args[1] ?? null)),
  less: compare((o) => o < 0),
  lessorequals: compare((o) => o <= 0),
  greater: compare((o) => o > 0),
  greaterorequals: compare((o) => o >= 0),
  and: (args, call) => (arity(args, call, 2, Infinity), args.map((_a, i) => bool(args, i, call)).every(Boolean)),
  or: (args, call) => (arity(args, call, 2, Infinity), args.map((_a, i) => bool(args, i, call)).some(Boolean)),
  not: (args, call) => (arity(args, call, 1), !bool(args, 0, call)),
  true: (args, call) => (arity(args, call, 0), true),
  false: (args, call) => (arity(args, call, 0), false),
  null: (args, call) => (arity(args, call, 0), null),
  coalesce: (args, call) => (arity(args, call, 1, Infinity), args.find((a) => a !== null) ?? null),
  bool: toBool,
  int: toInt,
  float: toFloat,
  add: arithmetic((a, b) => a + b),
  sub: arithmetic((a, b) => a - b),
  mul: arithmetic((a, b) => a * b),
  div: arithmetic((a, b, call) => Math.trunc(a / divisor(b, call))),
  mod: arithmetic((a, b, call) => a % divisor(b, call)),
  min: extreme('min'),
  max: extreme('max'),
};

