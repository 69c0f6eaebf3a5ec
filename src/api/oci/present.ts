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
  /** The body serialised as UTF-8, exactly as sent: what is written to the socket, so a reply encodes nothing. */
  bytes: Buffer;
  etag: string;
}

// Committed entities are never mutated (copy-on-write), so what the client sees of one object
// never changes: cache it by identity and a repeated GET costs no serialisation or hashing.
const cache = new WeakMap<object, Presented>();

export function presentWithEtag(kind: Kind, entity: unknown): Presented {
  const hit = cache.get(entity as object);
  if (hit !== undefined) return hit;
  const body = present(kind, entity);
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  // The etag hashes the bytes: the digest of the text's UTF-8, without decoding it back to a string.
  const presented = { body, bytes, etag: etagOf(bytes) };
  cache.set(entity as object, presented);
  return presented;
}
