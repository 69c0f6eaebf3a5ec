// What the OCI API shows of a stored resource: the entity without FastRoute's `fr` bookkeeping,
// plus the legacy fields OCI still returns (a VCN attachment's vcnId/routeTableId).
import type { Kind } from '../../model/world.ts';
import { etagOf } from './protocol/etag.ts';

export function present(kind: Kind, entity: unknown): Record<string, unknown> {
  const { fr: _fr, ...rest } = entity as Record<string, unknown>;
  if (kind === 'oci.DrgAttachment') {
    const nd = rest.networkDetails as { type?: string; id?: string; routeTableId?: string } | undefined;
    if (nd?.type === 'VCN') return { ...rest, vcnId: nd.id, ...(nd.routeTableId === undefined ? {} : { routeTableId: nd.routeTableId }) };
  }
  return rest;
}

export interface Presented {
  body: Record<string, unknown>;
  /** The body serialised, exactly as sent. */
  text: string;
  etag: string;
}

/**
 * V8's JSON.stringify returns a rope of growing parts, and a rope stays one: every later write or
 * join of it walks the parts again (a list page joining 100 of them cost ten times the copy). A
 * cached text is read many times, so it is made flat once, by decoding its UTF-8 bytes.
 */
function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

// Committed entities are never mutated (copy-on-write), so what the client sees of one object
// never changes: cache it by identity and a repeated GET costs no serialisation or hashing.
const cache = new WeakMap<object, Presented>();

export function presentWithEtag(kind: Kind, entity: unknown): Presented {
  const hit = cache.get(entity as object);
  if (hit !== undefined) return hit;
  const body = present(kind, entity);
  const text = flat(JSON.stringify(body));
  const presented = { body, text, etag: etagOf(text) };
  cache.set(entity as object, presented);
  return presented;
}
