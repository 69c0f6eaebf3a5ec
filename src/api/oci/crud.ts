// Builders for the shapes most OCI operations share (create/get/update/delete/list), so each
// resource file states only what is particular to it: its paths, body schema and lifecycle call.
// Preconditions (if-match, retry tokens) are checked inside the same unit of work as the change.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Tx } from '../../model/tx.ts';
import { World, type Entity, type Kind, type ReadView } from '../../model/world.ts';
import { getOwned, isGone, requireCompartment, ociWhat, type OciScope } from '../../lifecycle/oci/scope.ts';
import type { OciClientName, OciOperation, OciReply, OciRequest } from './operation.ts';
import { parseBody, parseQuery } from './protocol/body.ts';
import { ociApiError } from './protocol/errors.ts';
import { listOrder, paginate, paginateSorted, type Listable, type ListParams, type Page } from './protocol/list.ts';
import { presentWithEtag } from './present.ts';

const RETRY_TOKEN_TTL_MS = 24 * 3600 * 1000;

interface OpBase {
  name: string;
  client?: OciClientName;
  path: string;
}

/**
 * What the API shows of a stored entity when it is not the entity itself (state derived at read
 * time, e.g. a virtual circuit's BGP sessions). Used for every reply and every If-Match check.
 */
export type Show<K extends Kind> = (entity: Entity<K>, req: OciRequest) => Entity<K>;

function bound<K extends Kind>(show: Show<K> | undefined, req: OciRequest): ((entity: Entity<K>) => Entity<K>) | undefined {
  return show === undefined ? undefined : (entity) => show(entity, req);
}

function idParam(req: OciRequest, path: string): string {
  const m = /\{(\w+)\}/.exec(path);
  const name = m?.[1] ?? 'id';
  return req.params[name] ?? '';
}

/** 412 NoEtagMatch unless `ifMatch` is absent, "*", or the resource's current etag (as `show` presents it). */
export function checkIfMatch<K extends Kind>(view: ReadView, scope: OciScope, kind: K, id: string, ifMatch: string | undefined, show?: (entity: Entity<K>) => unknown): void {
  if (ifMatch === undefined || ifMatch === '*') return;
  const current = getOwned(view, scope, kind, id);
  if (presentWithEtag(kind, show ? show(current) : current).etag !== ifMatch) throw ociApiError.noEtagMatch(ociWhat(kind), id);
}

export function entityReply(kind: Kind, entity: unknown, headers?: Record<string, string>): OciReply {
  const { body, bytes, etag } = presentWithEtag(kind, entity);
  return { body, bytes, etag, ...(headers ? { headers } : {}) };
}

export interface Created<K extends Kind> {
  entity: Entity<K>;
  /** Extra response headers (e.g. opc-work-request-id). */
  headers?: Record<string, string>;
}

/**
 * Runs a create under the `opc-retry-token` rule: the same token with the same body returns the
 * resource it created; with another body, or once that resource is gone, 409 InvalidatedRetryToken.
 */
export function createIdempotent<K extends Kind>(tx: Tx, req: OciRequest, opName: string, kind: K, create: () => Created<K>): Created<K> {
  const token = req.retryToken;
  if (token === undefined || token === '') return create();
  const key = `${req.scope.tenancyId} ${opName} ${token}`;
  const bodyHash = createHash('sha256').update(req.rawBody).digest('hex');
  const seen = tx.get('fr.RetryToken', key);
  if (seen !== undefined && seen.expiresAt > tx.ctx.now) {
    if (seen.bodyHash !== bodyHash) throw ociApiError.invalidatedRetryToken(`The opc-retry-token ${token} was already used for ${opName} with a different request.`);
    const entity = tx.get<K>(kind, seen.resourceId);
    const state = (entity as { lifecycleState?: string } | undefined)?.lifecycleState;
    if (entity === undefined || (state !== undefined && isGone(state))) {
      throw ociApiError.invalidatedRetryToken(`The opc-retry-token ${token} was used to create ${seen.resourceId}, which has since been deleted.`);
    }
    return { entity, ...(seen.headers ? { headers: seen.headers } : {}) };
  }
  const created = create();
  tx.put('fr.RetryToken', {
    id: key, bodyHash, kind, resourceId: created.entity.id, expiresAt: tx.ctx.now + RETRY_TOKEN_TTL_MS, ...(created.headers ? { headers: created.headers } : {}),
  });
  return created;
}

function isCreated<K extends Kind>(r: Entity<K> | Created<K>): r is Created<K> {
  return typeof (r as Partial<Created<K>>).entity === 'object' && !('id' in r);
}

export function createOp<K extends Kind, S extends z.ZodType>(o: OpBase & { kind: K; body: S; create: (tx: Tx, scope: OciScope, details: z.output<S>, req: OciRequest) => Entity<K> | Created<K>; show?: Show<K> }): OciOperation {
  return {
    name: o.name, client: o.client ?? 'VirtualNetworkClient', method: 'POST', path: o.path,
    async handle(req) {
      const details = parseBody(o.body, req.body);
      const created = await req.engine.mutate(`oci:${o.name}`, (tx) =>
        createIdempotent(tx, req, o.name, o.kind, () => {
          const r = o.create(tx, req.scope, details, req);
          return isCreated(r) ? r : { entity: r };
        }));
      const show = bound(o.show, req);
      return entityReply(o.kind, show ? await req.engine.read(() => show(created.entity)) : created.entity, created.headers);
    },
  };
}

export function getOp<K extends Kind>(o: OpBase & { kind: K; show?: Show<K> }): OciOperation {
  return {
    name: o.name, client: o.client ?? 'VirtualNetworkClient', method: 'GET', path: o.path,
    async handle(req) {
      const id = idParam(req, o.path);
      const entity = await req.engine.read((view) => {
        const e = getOwned(view, req.scope, o.kind, id);
        return o.show ? o.show(e, req) : e;
      });
      return entityReply(o.kind, entity);
    },
  };
}

export function updateOp<K extends Kind, S extends z.ZodType>(o: OpBase & { kind: K; body: S; method?: 'PUT' | 'PATCH'; update: (tx: Tx, scope: OciScope, id: string, details: z.output<S>) => Entity<K>; show?: Show<K> }): OciOperation {
  return {
    name: o.name, client: o.client ?? 'VirtualNetworkClient', method: o.method ?? 'PUT', path: o.path,
    async handle(req) {
      const id = idParam(req, o.path);
      const details = parseBody(o.body, req.body);
      const show = bound(o.show, req);
      const entity = await req.engine.mutate(`oci:${o.name}`, (tx) => {
        checkIfMatch(tx, req.scope, o.kind, id, req.ifMatch, show);
        return o.update(tx, req.scope, id, details);
      });
      return entityReply(o.kind, show ? await req.engine.read(() => show(entity)) : entity);
    },
  };
}

export function deleteOp<K extends Kind>(o: OpBase & { kind: K; remove: (tx: Tx, scope: OciScope, id: string) => void; show?: Show<K> }): OciOperation {
  return {
    name: o.name, client: o.client ?? 'VirtualNetworkClient', method: 'DELETE', path: o.path,
    async handle(req) {
      const id = idParam(req, o.path);
      const show = bound(o.show, req);
      await req.engine.mutate(`oci:${o.name}`, (tx) => {
        checkIfMatch(tx, req.scope, o.kind, id, req.ifMatch, show);
        o.remove(tx, req.scope, id);
      });
      return { status: 204 };
    },
  };
}

/** A list reply: one page of the items, and opc-next-page when more remain. */
export function pageReply<T extends Listable>(items: readonly T[], q: ListParams, show: (item: T) => unknown): OciReply {
  const page = paginate(items, q);
  return { body: page.items.map(show), ...nextPageHeader(page) };
}

function nextPageHeader(page: Page<unknown>): Pick<OciReply, 'headers'> {
  return page.nextPage === undefined ? {} : { headers: { 'opc-next-page': page.nextPage } };
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/** A page of stored resources: each one's cached UTF-8 presentation, concatenated (nothing re-serialised). */
function entityPageReply<K extends Kind>(kind: K, page: Page<unknown>, show?: (entity: Entity<K>) => unknown): OciReply {
  const parts: Buffer[] = [OPEN];
  page.items.forEach((e, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(presentWithEtag(kind, show ? show(e as Entity<K>) : e).bytes);
  });
  parts.push(CLOSE);
  return { bytes: Buffer.concat(parts), ...nextPageHeader(page) };
}

export function listOp<K extends Kind, S extends z.ZodType<ListParams & { compartmentId?: string | undefined }>>(o: OpBase & {
  kind: K;
  query: S;
  /** Whether the operation requires compartmentId (most OCI lists do). */
  compartment: 'required' | 'optional' | 'none';
  /** Narrows the tenancy's resources by the operation's own filters (vcnId, drgId, …). */
  filter?: (item: Entity<K>, q: z.output<S>, view: ReadView) => boolean;
  /** Defaults to every entity of the kind; lists scoped to a parent may narrow it cheaply. */
  source?: (view: ReadView, q: z.output<S>, scope: OciScope) => readonly Entity<K>[];
  show?: Show<K>;
}): OciOperation {
  return {
    name: o.name, client: o.client ?? 'VirtualNetworkClient', method: 'GET', path: o.path,
    async handle(req) {
      const q = parseQuery(o.query, req.query);
      const show = bound(o.show, req);
      return req.engine.read((view) => {
        if (o.compartment === 'required' || (o.compartment === 'optional' && q.compartmentId !== undefined)) requireCompartment(view, req.scope, q.compartmentId);
        const mine = (e: Entity<K>): boolean => {
          const x = e as unknown as { fr: { tenancyId?: string }; compartmentId?: string };
          if (x.fr.tenancyId !== req.scope.tenancyId) return false;
          if (q.compartmentId !== undefined && x.compartmentId !== q.compartmentId) return false;
          return o.filter ? o.filter(e, q, view) : true;
        };
        // A compartment's resources come from the World's sorted index: no sort per page.
        if (o.source === undefined && q.compartmentId !== undefined && view instanceof World) {
          const sorted = view.sortedIndex(o.kind, listOrder(q).field).inCompartment(q.compartmentId);
          const table = view.table(o.kind);
          const page = paginateSorted(sorted, q, (entry) => {
            const e = table.get(entry.key) as Entity<K> | undefined;
            return e !== undefined && mine(e) ? e : undefined;
          });
          return entityPageReply(o.kind, page, show);
        }
        const all = o.source ? o.source(view, q, req.scope) : view.list(o.kind);
        return entityPageReply(o.kind, paginate(all.filter(mine) as unknown as Listable[], q), show);
      });
    },
  };
}
