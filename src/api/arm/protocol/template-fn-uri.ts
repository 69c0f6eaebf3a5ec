// buildUri and parseUri, documented with Bicep's string functions
// (https://learn.microsoft.com/azure/azure-resource-manager/bicep/bicep-functions-string#builduri), which
// compile to ARM functions of the same names: a URI to and from {scheme, host, port, path, query}, where
// a port of null means the scheme's default and the query keeps its leading '?'.
import { arity, charge, fnError, oneOf, str, type Call, type PureFunction } from './template-fn-common.ts';
import type { Json } from './template-expressions.ts';

function buildUri(args: Json[], call: Call): Json {
  arity(args, call, 1);
  const parts = oneOf(args, 0, call, ['Object']);
  const field = (name: string): Json => Object.entries(parts).find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
  const [scheme, host, port, path, query] = ['scheme', 'host', 'port', 'path', 'query'].map(field);
  if (typeof scheme !== 'string' || scheme === '' || typeof host !== 'string' || host === '') throw fnError(call, "the URI components need a 'scheme' and a 'host' string");
  if (port !== null && (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)) throw fnError(call, `the port '${JSON.stringify(port)}' must be null or an integer from 0 to 65535`);
  if ((path !== null && typeof path !== 'string') || (query !== null && typeof query !== 'string')) throw fnError(call, "the URI components 'path' and 'query' must be strings");
  const p = path ?? '';
  const q = query ?? '';
  charge(call, [scheme, host, p, q]);
  return `${scheme}://${host}${port === null ? '' : `:${port}`}${p === '' || p.startsWith('/') ? p : `/${p}`}${q === '' || q.startsWith('?') ? q : `?${q}`}`;
}

function parseUri(args: Json[], call: Call): Json {
  arity(args, call, 1);
  const text = str(args, 0, call);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fnError(call, `the value '${text}' is not a valid absolute URI`);
  }
  if (url.host === '') throw fnError(call, `the value '${text}' is not a valid absolute URI`);
  return { scheme: url.protocol.replace(/:$/, ''), host: url.hostname, port: url.port === '' ? null : Number(url.port), path: url.pathname, query: url.search };
}

export const URI_FUNCTIONS: Record<string, PureFunction> = { builduri: buildUri, parseuri: parseUri };
