// ARM's string functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string).
// Comparisons follow the documentation: startsWith, endsWith, indexOf and lastIndexOf ignore case;
// contains, replace and split do not.
import { arity, charge, chargeChars, fnError, int, oneOf, str, type Call, type PureFunction } from './template-fn-common.ts';
import { formatString } from './template-fn-format.ts';
import { armGuid, uniqueString } from './unique-string.ts';
import type { Json } from './template-expressions.ts';

/** string(): strings as they are, everything else as compact JSON (ARM's documented examples). */
export function toText(v: Json): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return JSON.stringify(v);
}

function textArgs(args: readonly Json[], call: Call): string[] {
  arity(args, call, 1, Infinity);
  return args.map((_a, i) => str(args, i, call));
}

function decodeBase64(text: string, call: Call): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) throw fnError(call, `the value '${text.slice(0, 64)}' is not a valid base64 string`);
  return Buffer.from(text, 'base64').toString('utf8');
}

function parseJson(text: string, call: Call): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw fnError(call, `the value '${text.slice(0, 64)}' is not valid JSON`);
  }
}

function padLeft(args: Json[], call: Call): Json {
  arity(args, call, 2, 3);
  const value = oneOf(args, 0, call, ['String', 'Integer']);
  const text = String(value);
  const total = int(args, 1, call);
  const pad = args.length > 2 ? str(args, 2, call) : ' ';
  if (pad.length !== 1) throw fnError(call, `the padding character must be a single character, and '${pad}' was given`);
  if (total < 0) throw fnError(call, `the total length must be a non-negative integer, and '${total}' was given`);
  if (total <= text.length) return text;
  chargeChars(call, total);
  return text.padStart(total, pad);
}

function substring(args: Json[], call: Call): Json {
  arity(args, call, 1, 3);
  const s = str(args, 0, call);
  const start = args.length > 1 ? int(args, 1, call) : 0;
  const length = args.length > 2 ? int(args, 2, call) : s.length - start;
  if (start < 0 || length < 0 || start + length > s.length) {
    throw fnError(call, `The index and length parameters must refer to a location within the string. The index parameter: '${start}', the length parameter: '${length}', the length of the string parameter: '${s.length}'`);
  }
  return s.substring(start, start + length);
}

function replace(args: Json[], call: Call): Json {
  arity(args, call, 3);
  const [s, old, now] = [str(args, 0, call), str(args, 1, call), str(args, 2, call)];
  if (old === '') throw fnError(call, 'the string to replace must not be empty');
  const parts = s.split(old);
  // The result's size is known before it is built: what stays plus each replacement.
  charge(call, [...parts, ...Array.from({ length: parts.length - 1 }, () => now)]);
  return parts.join(now);
}

function split(args: Json[], call: Call): Json {
  arity(args, call, 2);
  const s = str(args, 0, call);
  const d = oneOf(args, 1, call, ['String', 'Array']);
  const delimiters = typeof d === 'string' ? [d] : d.map((x, i) => str(d, i, call));
  let parts = [s];
  for (const delim of delimiters) parts = parts.flatMap((p) => (delim === '' ? [p] : p.split(delim)));
  return parts;
}

/** uri(base, relative): RFC 3986 resolution, as .NET's Uri(baseUri, relative) documents it. */
function uri(args: Json[], call: Call): Json {
  arity(args, call, 2);
  const [base, relative] = [str(args, 0, call), str(args, 1, call)];
  try {
    return new URL(relative, base).toString();
  } catch {
    throw fnError(call, `the base URI '${base}' is not an absolute URI`);
  }
}

function dataUriToString(args: Json[], call: Call): Json {
  arity(args, call, 1);
  const s = str(args, 0, call);
  const m = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(s);
  if (!m) throw fnError(call, `the value '${s.slice(0, 64)}' is not a valid data URI`);
  return m[2] ? decodeBase64(m[3] ?? '', call) : decodeURIComponent(m[3] ?? '');
}

function insensitive(fn: (s: string, v: string) => Json): PureFunction {
  return (args, call) => {
    arity(args, call, 2);
    return fn(str(args, 0, call).toLowerCase(), str(args, 1, call).toLowerCase());
  };
}

export const STRING_FUNCTIONS: Record<string, PureFunction> = {
  tolower: (args, call) => (arity(args, call, 1), str(args, 0, call).toLowerCase()),
  toupper: (args, call) => (arity(args, call, 1), str(args, 0, call).toUpperCase()),
  trim: (args, call) => (arity(args, call, 1), str(args, 0, call).trim()),
  startswith: insensitive((s, v) => s.startsWith(v)),
  endswith: insensitive((s, v) => s.endsWith(v)),
  substring,
  replace,
  split,
  padleft: padLeft,
  format: (args, call) => {
    arity(args, call, 1, Infinity);
    charge(call, args);
    return formatString(str(args, 0, call), args.slice(1), call);
  },
  string: (args, call) => {
    arity(args, call, 1);
    return toText(args[0] ?? null);
  },
  base64: (args, call) => (arity(args, call, 1), Buffer.from(str(args, 0, call), 'utf8').toString('base64')),
  base64tostring: (args, call) => (arity(args, call, 1), decodeBase64(str(args, 0, call), call)),
  base64tojson: (args, call) => (arity(args, call, 1), parseJson(decodeBase64(str(args, 0, call), call), call)),
  datauri: (args, call) => {
    arity(args, call, 1);
    const v = args[0] ?? null;
    return `data:text/plain;charset=utf8;base64,${Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64')}`;
  },
  datauritostring: dataUriToString,
  uri,
  uricomponent: (args, call) => (arity(args, call, 1), encodeURIComponent(str(args, 0, call))),
  uricomponenttostring: (args, call) => {
    arity(args, call, 1);
    try {
      return decodeURIComponent(str(args, 0, call));
    } catch {
      throw fnError(call, 'the value is not a valid URI-encoded string');
    }
  },
  uniquestring: (args, call) => uniqueString(textArgs(args, call)),
  guid: (args, call) => armGuid(textArgs(args, call)),
  json: (args, call) => (arity(args, call, 1), parseJson(str(args, 0, call), call)),
};
