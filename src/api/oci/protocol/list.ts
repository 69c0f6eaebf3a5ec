// List protocol (api-shapes §1.3): a bare JSON array, `opc-next-page` while more remain, and the
// common filters. Page tokens are opaque keyset positions (sort key + id), so a page boundary does
// not shift when resources are created or deleted between pages.
import { z } from 'zod';
import { oci } from '../../../model/errors.ts';
import { lowerBound, type SortedEntry } from '../../../model/sorted-index.ts';

/** [U] OCI documents a per-operation maximum page size; FastRoute uses 1,000 for every list. */
export const MAX_PAGE_SIZE = 1000;

export const listQueryFields = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  page: z.string().min(1).optional(),
  sortBy: z.enum(['TIMECREATED', 'DISPLAYNAME']).optional(),
  sortOrder: z.enum(['ASC', 'DESC']).optional(),
  displayName: z.string().optional(),
  lifecycleState: z.string().optional(),
};

export interface ListParams {
  limit?: number | undefined;
  page?: string | undefined;
  sortBy?: 'TIMECREATED' | 'DISPLAYNAME' | undefined;
  sortOrder?: 'ASC' | 'DESC' | undefined;
  displayName?: string | undefined;
  lifecycleState?: string | undefined;
}

export interface Listable {
  id: string;
  displayName?: string;
  timeCreated?: string;
  lifecycleState?: string;
}

export interface Page<T> {
  items: T[];
  nextPage?: string;
}

type Position = [string, string];

function sortKey(item: Listable, by: 'TIMECREATED' | 'DISPLAYNAME'): string {
  return by === 'DISPLAYNAME' ? (item.displayName ?? '') : (item.timeCreated ?? '');
}

function compare(a: Position, b: Position): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

function encode(p: Position): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url');
}

function decode(token: string): Position {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through to the error below
  }
  throw oci.invalidParameter(`The page token ${token} is not valid.`);
}

/** The sort field and direction a query asks for (TIMECREATED newest first, DISPLAYNAME A→Z by default). */
export function listOrder(q: ListParams): { by: 'TIMECREATED' | 'DISPLAYNAME'; field: 'timeCreated' | 'displayName'; desc: boolean } {
  const by = q.sortBy ?? 'TIMECREATED';
  return { by, field: by === 'DISPLAYNAME' ? 'displayName' : 'timeCreated', desc: (q.sortOrder ?? (by === 'TIMECREATED' ? 'DESC' : 'ASC')) === 'DESC' };
}

function matches(x: Listable, q: ListParams): boolean {
  return (q.displayName === undefined || x.displayName === q.displayName) && (q.lifecycleState === undefined || x.lifecycleState === q.lifecycleState);
}

/**
 * The same page as `paginate`, cut from entries already sorted ascending by (sort key, id) (a
 * World sorted index): a binary search for the page token, then a walk that stops one match after
 * the page, so a page costs O(log N + limit) when the filters keep what they walk over.
 */
export function paginateSorted<T extends Listable>(sorted: readonly SortedEntry[], q: ListParams, itemAt: (e: SortedEntry) => T | undefined): Page<T> {
  const { desc } = listOrder(q);
  const limit = q.limit ?? MAX_PAGE_SIZE;
  let i: number;
  if (q.page === undefined) i = desc ? sorted.length - 1 : 0;
  else {
    const [sort, id] = decode(q.page);
    const at = lowerBound(sorted, sort, id);
    // Ascending: the first entry after the token; descending: the last one before it.
    i = desc ? at - 1 : at < sorted.length && sorted[at]?.sort === sort && sorted[at]?.id === id ? at + 1 : at;
  }
  const step = desc ? -1 : 1;
  const items: T[] = [];
  let last: SortedEntry | undefined;
  for (; i >= 0 && i < sorted.length; i += step) {
    const entry = sorted[i] as SortedEntry;
    const item = itemAt(entry);
    if (item === undefined || !matches(item, q)) continue;
    if (items.length === limit) return { items, ...(last ? { nextPage: encode([last.sort, last.id]) } : {}) };
    items.push(item);
    last = entry;
  }
  return { items };
}

/**
 * Filters by displayName/lifecycleState, sorts (TIMECREATED: newest first by default; DISPLAYNAME:
 * A→Z by default, as OCI documents) and cuts one page.
 */
export function paginate<T extends Listable>(all: readonly T[], q: ListParams): Page<T> {
  const { by, desc } = listOrder(q);
  const filtered = all.filter((x) => matches(x, q));
  const keyed = filtered.map((item): [Position, T] => [[sortKey(item, by), item.id], item]);
  keyed.sort((a, b) => (desc ? compare(b[0], a[0]) : compare(a[0], b[0])));
  let start = 0;
  if (q.page !== undefined) {
    const after = decode(q.page);
    start = keyed.findIndex(([p]) => (desc ? compare(p, after) < 0 : compare(p, after) > 0));
    if (start < 0) start = keyed.length;
  }
  const limit = q.limit ?? MAX_PAGE_SIZE;
  const slice = keyed.slice(start, start + limit);
  const last = slice[slice.length - 1];
  const more = start + limit < keyed.length;
  return { items: slice.map(([, item]) => item), ...(more && last ? { nextPage: encode(last[0]) } : {}) };
}
