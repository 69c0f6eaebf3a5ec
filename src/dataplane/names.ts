// Names of what the data plane creates. Every namespace is `fr<run id>-<label>`: the `fr` prefix
// marks it as FastRoute's, the run id (random, drawn at `up`) keeps two FastRoutes on one machine
// apart, and the label says what it emulates. Interface names live inside namespaces, so they only
// need to be unique there and fit the kernel's 15 characters (IFNAMSIZ - 1).
import { randomBytes } from 'node:crypto';

export const NAMESPACE_PREFIX = 'fr';
export const IFNAME_MAX = 15;
const RUN_ID_LENGTH = 4;
const LABEL_MAX = 24;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh run id: 4 lowercase letters or digits. */
export function newRunId(): string {
  return [...randomBytes(RUN_ID_LENGTH)].map((b) => ALPHABET[b % ALPHABET.length] ?? 'a').join('');
}

export const namespacePrefix = (runId: string): string => `${NAMESPACE_PREFIX}${runId}-`;

/** A resource name as a label: lowercase letters, digits and dashes, at most LABEL_MAX characters. */
export function slug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, LABEL_MAX).replace(/-+$/, '');
  return s === '' ? 'x' : s;
}

/** Hands out unique labels within one plan: `<kind>-<slug>`, without repeating a kind the name already starts with. */
export class Labels {
  private readonly used = new Set<string>();

  take(kind: string, name: string): string {
    const s = slug(name);
    const base = s === kind || s.startsWith(`${kind}-`) ? s : `${kind}-${s}`;
    let label = base;
    for (let n = 2; this.used.has(label); n++) label = `${base}-${n}`;
    this.used.add(label);
    return label;
  }
}

/** Throws when an interface name would not fit the kernel's limit (a compiler bug, never user input). */
export function ifname(name: string): string {
  if (name.length > IFNAME_MAX || !/^[a-z0-9-]+$/.test(name)) throw new Error(`interface name ${name} is not a valid Linux interface name`);
  return name;
}
