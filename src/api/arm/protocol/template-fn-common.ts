// What ARM's template functions share: argument checks and ARM's wording for a wrong argument
// ("expects its parameter to be of type 'String'. The provided value is of type 'Integer'"), and
// the deployment's size budget that every function producing a string, array or object charges.
import { invalidTemplate, type Json } from './template-expressions.ts';
import { EvaluationBudget } from './template-limits.ts';

export type JsonObject = { [key: string]: Json };

/** The call being evaluated: the function's name as written and the deployment's budget. */
export interface Call {
  name: string;
  budget?: EvaluationBudget | undefined;
}

export type PureFunction = (args: Json[], call: Call) => Json;

export function isObject(v: Json): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** ARM's names for JSON types in its messages. */
export function typeName(v: Json): string {
  if (v === null) return 'Null';
  if (Array.isArray(v)) return 'Array';
  if (typeof v === 'object') return 'Object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  return typeof v === 'string' ? 'String' : 'Boolean';
}

export function fnError(call: Call, detail: string): Error {
  return invalidTemplate(`Unable to evaluate template language function '${call.name}': ${detail}`);
}

export function arity(args: readonly Json[], call: Call, min: number, max: number = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw invalidTemplate(`The template language function '${call.name}' must have ${expected} parameter(s), and ${args.length} were given. Please see https://aka.ms/arm-functions for usage details`);
  }
}

function wrongType(call: Call, expected: string, v: Json, position: number): Error {
  return invalidTemplate(`The template language function '${call.name}' expects its parameter ${position + 1} to be of type '${expected}'. The provided value is of type '${typeName(v)}'. Please see https://aka.ms/arm-functions for usage details`);
}

export function str(args: readonly Json[], i: number, call: Call): string {
  const v = args[i] ?? null;
  if (typeof v !== 'string') throw wrongType(call, 'String', v, i);
  return v;
}

export function int(args: readonly Json[], i: number, call: Call): number {
  const v = args[i] ?? null;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw wrongType(call, 'Integer', v, i);
  return v;
}

export function bool(args: readonly Json[], i: number, call: Call): boolean {
  const v = args[i] ?? null;
  if (typeof v !== 'boolean') throw wrongType(call, 'Boolean', v, i);
  return v;
}

export function arr(args: readonly Json[], i: number, call: Call): Json[] {
  const v = args[i] ?? null;
  if (!Array.isArray(v)) throw wrongType(call, 'Array', v, i);
  return v;
}

/** A value the function accepts in one of several types (e.g. a string or an array). */
interface Types { String: string; Array: Json[]; Object: JsonObject; Integer: number; Float: number; Boolean: boolean; Null: null }

export function oneOf<K extends keyof Types>(args: readonly Json[], i: number, call: Call, accepted: readonly K[]): Types[K] {
  const v = args[i] ?? null;
  if (!accepted.includes(typeName(v) as K)) throw wrongType(call, accepted.join("' or '"), v, i);
  return v as Types[K];
}

/** Charges the size a result will have before it is built (template-limits.ts). */
export function charge(call: Call, parts: readonly Json[]): void {
  budgetOf(call).charge(call.name, parts);
}

/** Charges a result whose size follows from a number (padLeft's total length, range's count). */
export function chargeChars(call: Call, size: number): void {
  budgetOf(call).chargeChars(call.name, size);
}

/** Without a deployment's budget (a lone expression), one result is still bounded by the limit. */
function budgetOf(call: Call): EvaluationBudget {
  return call.budget ?? new EvaluationBudget();
}

/** JSON equality as ARM's equals compares (deep; object keys in any order; strings by ordinal). */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i] ?? null));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k] ?? null, b[k] ?? null));
  }
  return false;
}
