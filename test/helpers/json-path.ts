// Setting a field deep in a request body by the dotted path the isolation matrices derive from the
// SDKs ("properties.ipConfigurations[].properties.subnet.id").

/** Sets `value` at `path`: on every array element that already has the next key, else on the first. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head = '', ...rest] = path.split('.');
  const key = head.replace('[]', '');
  if (rest.length === 0) {
    target[key] = value;
    return;
  }
  const next = rest.join('.');
  if (head.endsWith('[]')) {
    const list = (Array.isArray(target[key]) ? target[key] : (target[key] = [{}])) as Record<string, unknown>[];
    const nextKey = (rest[0] ?? '').replace('[]', '');
    const holders = list.filter((e) => nextKey in e);
    for (const e of holders.length > 0 ? holders : list.slice(0, 1)) setPath(e, next, value);
    return;
  }
  const child = (typeof target[key] === 'object' && target[key] !== null ? target[key] : (target[key] = {})) as Record<string, unknown>;
  setPath(child, next, value);
}
