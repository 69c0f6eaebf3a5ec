// A layer is one source of configuration (file, environment, flags) as a nested object plus the
// source label of every leaf it sets. Layers are merged in precedence order before validation;
// the labels survive the merge so a validation error can say where the bad value came from.
import { CONFIG_FIELDS, coerce } from './fields.ts';

export type Raw = Record<string, unknown>;

export interface Layer {
  values: Raw;
  /** Dotted path → source label, for every leaf this layer sets. */
  sources: Map<string, string>;
}

export function emptyLayer(): Layer {
  return { values: {}, sources: new Map() };
}

export function isPlainObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function setPath(target: Raw, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (isPlainObject(next)) node = next;
    else node = node[part] = {};
  }
  const last = parts[parts.length - 1];
  if (last !== undefined) node[last] = value;
}

export function getPath(source: unknown, path: readonly PropertyKey[]): unknown {
  let node = source;
  for (const key of path) {
    if (!isPlainObject(node) || typeof key === 'symbol') return undefined;
    node = node[key];
  }
  return node;
}

/** A layer made of a whole document (a config file): every leaf gets the same label. */
export function documentLayer(doc: Raw, label: string): Layer {
  const layer = emptyLayer();
  const walk = (node: Raw, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (isPlainObject(value) && Object.keys(value).length > 0) walk(value, path);
      else {
        setPath(layer.values, path, value);
        layer.sources.set(path, label);
      }
    }
  };
  walk(doc, '');
  return layer;
}

/** FASTROUTE_* variables that map to config fields; other variables (FASTROUTE_URL) are ignored. */
export function envLayer(env: Readonly<Record<string, string | undefined>>): Layer {
  const layer = emptyLayer();
  for (const f of CONFIG_FIELDS) {
    const raw = env[f.env];
    if (raw === undefined) continue;
    setPath(layer.values, f.path, coerce(f.type, raw));
    layer.sources.set(f.path, f.env);
  }
  return layer;
}

/** Commander's camelCase option key for a long flag: "--admin-port" → "adminPort". */
export function flagKey(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Flags as commander parses them (camelCase keys, string arguments, booleans for switches;
 * `lab: false` from --no-lab). Strings are converted like environment values.
 */
export function flagLayer(opts: Readonly<Record<string, unknown>>): Layer {
  const layer = emptyLayer();
  for (const f of CONFIG_FIELDS) {
    const raw = opts[flagKey(f.flag)];
    if (raw === undefined) continue;
    const value = typeof raw === 'string' ? coerce(f.type, raw) : raw;
    setPath(layer.values, f.path, value);
    layer.sources.set(f.path, f.type === 'lab' && raw === false ? '--no-lab' : f.flag);
  }
  return layer;
}

/** Merges layers, later ones winning leaf by leaf. */
export function mergeLayers(layers: readonly Layer[]): Layer {
  const out = emptyLayer();
  for (const layer of layers) {
    deepAssign(out.values, layer.values);
    for (const [path, label] of layer.sources) out.sources.set(path, label);
  }
  return out;
}

function deepAssign(target: Raw, source: Raw): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(value) && isPlainObject(existing)) deepAssign(existing, value);
    else target[key] = isPlainObject(value) ? structuredClone(value) : value;
  }
}

/** The label of the value at `path`, or of its nearest labelled ancestor; "default" otherwise. */
export function sourceOf(sources: ReadonlyMap<string, string>, path: string): string {
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const label = sources.get(p);
    if (label !== undefined) return label;
  }
  return 'default';
}
