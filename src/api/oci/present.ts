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

export function presentWithEtag(kind: Kind, entity: unknown): { body: Record<string, unknown>; etag: string } {
  const body = present(kind, entity);
  return { body, etag: etagOf(body) };
}
