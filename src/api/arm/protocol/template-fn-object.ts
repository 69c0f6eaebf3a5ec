// ARM's newer object and array accessors (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-object
// and -array): objectKeys, shallowMerge, tryGet; and indexFromEnd / tryIndexFromEnd, what Bicep's
// `items[^1]` and `items[?^1]` compile to (counted from the end, 1 being the last element).
import { arity, arr, charge, fnError, int, isObject, oneOf, type Call, type JsonObject, type PureFunction } from './template-fn-common.ts';
import type { Json } from './template-expressions.ts';

/** A property or element, or undefined when it does not exist (object keys match without regard to case, as in ARM). */
function member(container: Json, key: Json): Json | undefined {
  if (Array.isArray(container) && typeof key === 'number') return Number.isInteger(key) && key >= 0 && key < container.length ? container[key] : undefined;
  if (isObject(container) && typeof key === 'string') {
    if (key in container) return container[key];
    const found = Object.keys(container).find((k) => k.toLowerCase() === key.toLowerCase());
    return found === undefined ? undefined : container[found];
  }
  return undefined;
}

/** tryGet(itemToTest, keyOrIndex, ...): the value at the key or index (each further key reads deeper), or null when any is missing. */
function tryGet(args: Json[], call: Call): Json {
  arity(args, call, 2, Infinity);
  let v: Json = oneOf(args, 0, call, ['Object', 'Array', 'Null']);
  for (const [i, key] of args.slice(1).entries()) {
    oneOf(args, i + 1, call, ['String', 'Integer']);
    const next = member(v, key);
    if (next === undefined) return null;
    v = next;
  }
  return v;
}

/** The element `n` from the end of the array (1 is the last), or undefined outside it. */
function fromEnd(args: Json[], call: Call): { items: Json[]; n: number; at: Json | undefined } {
  arity(args, call, 2);
  const [items, n] = [arr(args, 0, call), int(args, 1, call)];
  return { items, n, at: n >= 1 && n <= items.length ? items[items.length - n] : undefined };
}

/** shallowMerge([objects]): the objects merged, later keys replacing earlier ones without merging nested objects (documented). */
function shallowMerge(args: Json[], call: Call): Json {
  arity(args, call, 1);
  const items = arr(args, 0, call);
  items.forEach((_v, i) => oneOf(items, i, call, ['Object']));
  charge(call, items);
  return Object.assign({}, ...(items as JsonObject[])) as JsonObject;
}

export const OBJECT_FUNCTIONS: Record<string, PureFunction> = {
  objectkeys: (args, call) => {
    arity(args, call, 1);
    const keys = Object.keys(oneOf(args, 0, call, ['Object']));
    charge(call, keys);
    return keys;
  },
  shallowmerge: shallowMerge,
  tryget: tryGet,
  indexfromend: (args, call) => {
    const { items, n, at } = fromEnd(args, call);
    if (at === undefined) throw fnError(call, `the index '${n}' from the end is out of range for an array of length ${items.length}; it must be between 1 and the array's length`);
    return at;
  },
  tryindexfromend: (args, call) => fromEnd(args, call).at ?? null,
};
