// Entities are plain JSON data (they are stored as JSON text), so copying and comparing them needs
// none of structuredClone's or JSON.stringify's generality: these walk the value once, allocate
// only the copy, and compare with JSON's semantics (a property holding undefined is absent).

/** A deep copy of a JSON value (objects, arrays, strings, numbers, booleans, null). */
export function jsonClone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(jsonClone) as T;
  const out: Record<string, unknown> = {};
  for (const k in value) out[k] = jsonClone((value as Record<string, unknown>)[k]);
  return out as T;
}

/** Whether two JSON values would serialise to the same JSON, ignoring the order of object keys. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    if (a.length !== bs.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], bs[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let seen = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    seen += 1;
    if (!jsonEqual(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) seen -= 1;
  return seen === 0;
}
