// What a round trip through ARM may change and what it may not: every property a request body set
// must come back with the same value. ARM's normal transformations are allowed: resource ids differ
// in case, a location comes back normalised ("Brazil South" → "brazilsouth"), read-only values are
// added, and named list items (subnets, rules, ip configurations) are matched by name.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const normalLocation = (s: string) => s.replace(/\s+/g, '').toLowerCase();
const nameOf = (v: unknown) => (isObject(v) && typeof v.name === 'string' ? v.name.toLowerCase() : undefined);

function sameScalar(key: string, sent: unknown, got: unknown): boolean {
  if (typeof sent === 'string' && typeof got === 'string') {
    if (sent.startsWith('/subscriptions/') || key === 'id') return sent.toLowerCase() === got.toLowerCase();
    if (key === 'location') return normalLocation(sent) === normalLocation(got);
  }
  return sent === got;
}

/** Paths where the answer lacks or changes a value the request set; [] when the round trip holds. */
export function differences(sent: unknown, got: unknown, path = '', key = ''): string[] {
  if (isObject(sent)) {
    if (!isObject(got)) return [`${path || '(body)'}: sent an object, got ${JSON.stringify(got)}`];
    return Object.entries(sent).flatMap(([k, v]) => differences(v, got[k], path === '' ? k : `${path}.${k}`, k));
  }
  if (Array.isArray(sent)) {
    if (!Array.isArray(got)) return [`${path}: sent a list, got ${JSON.stringify(got)}`];
    if (got.length !== sent.length) return [`${path}: sent ${sent.length} items, got ${got.length}`];
    const answer = got as unknown[];
    return (sent as unknown[]).flatMap((item, i) => {
      const name = nameOf(item);
      const match = name === undefined ? answer[i] : answer.find((g) => nameOf(g) === name);
      return differences(item, match, `${path}[${name ?? i}]`, key);
    });
  }
  return sameScalar(key, sent, got) ? [] : [`${path}: sent ${JSON.stringify(sent)}, got ${JSON.stringify(got)}`];
}
