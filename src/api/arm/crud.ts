// Builders for the usual ARM verbs over one resource type, so each resource file only says what
// is particular to it: PUT (201 create / 200 update, Azure-AsyncOperation), GET, DELETE (202 +
// Location, 204 when absent), PATCH tags, list in a group and in the subscription.
import type { z } from 'zod';
import { arm, ArmOperationFailure } from '../../model/errors.ts';
import { armResourceGroupId } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { Entity, Kind, ReadView } from '../../model/world.ts';
import { requireResourceGroup, requireSubscription, type AzureScope } from '../../lifecycle/azure/scope.ts';
import type { ArmOperation, ArmReply, ArmRequest } from './operation.ts';
import { parseArmBody, requireObjectBody } from './protocol/body.ts';
import { armApiError } from './protocol/errors.ts';
import { operationUrls, type OperationToken } from './protocol/lro.ts';
import { presentArm, presentList } from './present.ts';
import { requireLinkedAccess, type LinkedResource } from './auth/linked-access.ts';
import { refuseNotModelled } from './not-modelled.ts';
import { rememberRequested } from './passthrough.ts';
import { checkReferences } from './references.ts';

export const S = '/subscriptions/{subscriptionId}';
export const RG = `${S}/resourceGroups/{resourceGroupName}`;

type Armish = { id: string; name: string; etag?: string; location?: string; tags?: Record<string, string>; properties?: { provisioningState?: string }; fr?: { subscriptionId?: string; resourceGroup?: string } };

export function scopeOf(req: ArmRequest): AzureScope {
  return { subscriptionId: req.params.subscriptionId ?? '' };
}

export function rgOf(req: ArmRequest): string {
  return req.params.resourceGroupName ?? '';
}

/** If-Match / If-None-Match on a PUT or DELETE, checked in the same unit of work. */
export function checkPreconditions(req: ArmRequest, existing: Armish | undefined): void {
  const ifMatch = req.header('if-match');
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== existing?.etag) throw armApiError.preconditionFailed();
  if (ifMatch === '*' && existing === undefined) throw armApiError.preconditionFailed();
  if (req.header('if-none-match') === '*' && existing !== undefined) throw armApiError.preconditionFailed();
}

function locationOf(view: ReadView, e: Armish, parent?: { kind: Kind; id: string }): string {
  if (e.location !== undefined) return e.location;
  const p = parent ? (view.get(parent.kind, parent.id) as Armish | undefined) : undefined;
  return p?.location ?? 'global';
}

export function lroToken(req: ArmRequest, op: OperationToken['op'], kind: Kind, id: string, ns: string, loc: string, extra: Pick<OperationToken, 'action' | 'args'> = {}): OperationToken {
  return { op, kind, id, ns, loc, sub: req.params.subscriptionId ?? '', ...extra };
}

/** The entity a PUT wrote, once what its body asked for beyond the model is kept with it (passthrough.ts). */
function stored(tx: Tx, kind: Kind, e: Armish, raw: unknown): Armish {
  rememberRequested(tx, kind, e.id, raw);
  return (tx.get(kind, e.id) as Armish | undefined) ?? e;
}

/** 201/200 with the resource and the async-operation URL the poller follows. */
export function putReply(req: ArmRequest, body: unknown, created: boolean, token: OperationToken): ArmReply {
  const urls = operationUrls(req.ctx.baseUrl(), token, req.apiVersion);
  return { status: created ? 201 : 200, body, headers: { 'azure-asyncoperation': urls.asyncOperation } };
}

/** 202 with Location and Azure-AsyncOperation, as NRP answers a DELETE it has started. */
export function acceptedReply(req: ArmRequest, token: OperationToken): ArmReply {
  const urls = operationUrls(req.ctx.baseUrl(), token, req.apiVersion);
  return { status: 202, headers: { location: urls.location, 'azure-asyncoperation': urls.asyncOperation, 'retry-after': '1' } };
}

/**
 * A DELETE (or other LRO) whose unit of work may end in an ArmOperationFailure: that refusal is not the
 * request's but its operation's, so the request is accepted (202) with nothing changed, and the
 * operation reports the failure when polled. `token` is set by `work` once it knows the target.
 */
export async function acceptedUnlessOperationFails(req: ArmRequest, work: (accept: (t: OperationToken) => void) => Promise<ArmReply>): Promise<ArmReply> {
  let token: OperationToken | undefined;
  try {
    return await work((t) => { token = t; });
  } catch (e) {
    if (!(e instanceof ArmOperationFailure) || token === undefined) throw e;
    return acceptedReply(req, { ...token, error: { status: e.status, code: e.code, message: e.message } });
  }
}

export interface ResourceSpec<K extends Kind, B extends z.ZodType> {
  /** SDK operation group, e.g. "virtualNetworks". */
  sdk: string;
  kind: K;
  ns: 'Microsoft.Network' | 'Microsoft.Compute';
  /** Path collection, e.g. "virtualNetworks". */
  collection: string;
  /** Path parameter name of the resource, e.g. "virtualNetworkName". */
  param: string;
  body: B;
  put(tx: Tx, scope: AzureScope, rg: string, name: string, body: z.output<B>): Entity<K>;
  remove(tx: Tx, scope: AzureScope, rg: string, name: string): void;
  /** The SDK polls this type's tags PATCH as a long-running operation (gateways, connections). */
  asyncTags?: boolean;
  /** Resources the body links to, which the caller must be allowed to use (LinkedAuthorizationFailed). */
  linked?: (body: z.output<B>) => LinkedResource[];
}

function idOf(scope: AzureScope, rg: string, ns: string, collection: string, name: string): string {
  return `${armResourceGroupId(scope.subscriptionId, rg)}/providers/${ns}/${collection}/${name}`;
}

function inGroup(e: Armish, scope: AzureScope, rg?: string): boolean {
  const prefix = `${rg === undefined ? `/subscriptions/${scope.subscriptionId}` : armResourceGroupId(scope.subscriptionId, rg)}/`.toLowerCase();
  return e.id.toLowerCase().startsWith(prefix);
}

export function getTracked<K extends Kind>(view: ReadView, scope: AzureScope, kind: K, rg: string, ns: string, collection: string, name: string): Entity<K> {
  requireResourceGroup(view, scope, rg);
  const e = view.get(kind, idOf(scope, rg, ns, collection, name));
  if (e === undefined) throw arm.notFound(`${ns}/${collection}`, name, rg);
  return e;
}

/** PUT, GET, DELETE, PATCH (tags), list in group, list in subscription. */
export function trackedResource<K extends Kind, B extends z.ZodType>(spec: ResourceSpec<K, B>): ArmOperation[] {
  const item = `${RG}/providers/${spec.ns}/${spec.collection}/{${spec.param}}`;
  const name = (req: ArmRequest) => req.params[spec.param] ?? '';
  return [
    {
      name: `${spec.sdk}.createOrUpdate`, method: 'PUT', path: item,
      async handle(req) {
        const body = parseArmBody(spec.body, req.body);
        const scope = scopeOf(req);
        const target = idOf(scope, rgOf(req), spec.ns, spec.collection, name(req));
        requireLinkedAccess(req, `${spec.ns}/${spec.collection}/write`, target, spec.linked?.(body) ?? []);
        refuseNotModelled(spec.kind, req.body);
        return req.engine.mutate(`arm:${spec.sdk}.createOrUpdate`, (tx) => {
          requireResourceGroup(tx, scope, rgOf(req));
          const existing = tx.get(spec.kind, target) as Armish | undefined;
          checkPreconditions(req, existing);
          checkReferences(tx, spec.kind, req.body, target, scope.subscriptionId);
          const e = stored(tx, spec.kind, spec.put(tx, scope, rgOf(req), name(req), body) as Armish, req.body);
          return putReply(req, presentArm(tx, spec.kind, e as Entity<K>), existing === undefined, lroToken(req, 'put', spec.kind, e.id, spec.ns, locationOf(tx, e)));
        });
      },
    },
    {
      name: `${spec.sdk}.get`, method: 'GET', path: item,
      async handle(req) {
        return req.engine.read((view) => ({ body: presentArm(view, spec.kind, getTracked(view, scopeOf(req), spec.kind, rgOf(req), spec.ns, spec.collection, name(req))) }));
      },
    },
    {
      name: `${spec.sdk}.delete`, method: 'DELETE', path: item,
      async handle(req) {
        const scope = scopeOf(req);
        return acceptedUnlessOperationFails(req, (accept) => req.engine.mutate(`arm:${spec.sdk}.delete`, (tx) => {
          requireResourceGroup(tx, scope, rgOf(req));
          const existing = tx.get(spec.kind, idOf(scope, rgOf(req), spec.ns, spec.collection, name(req))) as Armish | undefined;
          checkPreconditions(req, existing);
          if (existing === undefined) return { status: 204 };
          const token = lroToken(req, 'delete', spec.kind, existing.id, spec.ns, locationOf(tx, existing));
          accept(token);
          spec.remove(tx, scope, rgOf(req), name(req));
          return acceptedReply(req, token);
        }));
      },
    },
    tagsPatch(spec, item, (req, view) => getTracked(view, scopeOf(req), spec.kind, rgOf(req), spec.ns, spec.collection, name(req))),
    {
      name: `${spec.sdk}.list`, method: 'GET', path: `${RG}/providers/${spec.ns}/${spec.collection}`,
      async handle(req) {
        return req.engine.read((view) => {
          const scope = scopeOf(req);
          requireResourceGroup(view, scope, rgOf(req));
          return { body: presentList(view, spec.kind, byName(view.list(spec.kind).filter((e) => inGroup(e as Armish, scope, rgOf(req))))) };
        });
      },
    },
    {
      name: `${spec.sdk}.listAll`, method: 'GET', path: `${S}/providers/${spec.ns}/${spec.collection}`,
      async handle(req) {
        return req.engine.read((view) => {
          const scope = scopeOf(req);
          requireSubscription(view, scope);
          return { body: presentList(view, spec.kind, byName(view.list(spec.kind).filter((e) => inGroup(e as Armish, scope)))) };
        });
      },
    },
  ];
}

export function byName<T>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a as Armish).name.localeCompare((b as Armish).name));
}

function tagsPatch<K extends Kind>(spec: Pick<ResourceSpec<K, z.ZodType>, 'sdk' | 'kind' | 'ns' | 'asyncTags'>, path: string, find: (req: ArmRequest, view: ReadView) => Entity<K>): ArmOperation {
  const { sdk, kind } = spec;
  return {
    name: `${sdk}.updateTags`, method: 'PATCH', path,
    async handle(req) {
      const tags = requireObjectBody(req.body).tags;
      if (tags !== undefined && (typeof tags !== 'object' || tags === null || Array.isArray(tags) || Object.values(tags).some((v) => typeof v !== 'string'))) {
        throw armApiError.invalidRequestFormat("Property 'tags' must be an object of strings.", 'tags');
      }
      return req.engine.mutate(`arm:${sdk}.updateTags`, (tx) => {
        const e = find(req, tx) as Armish;
        checkPreconditions(req, e);
        const updated = tx.update(kind, e.id, (d) => {
          const draft = d as unknown as Armish;
          if (tags !== undefined) draft.tags = { ...(tags as Record<string, string>) };
          draft.etag = `W/"${tx.ctx.ids.guid()}"`;
        });
        const body = presentArm(tx, kind, updated);
        const u = updated as unknown as Armish;
        return spec.asyncTags === true ? putReply(req, body, false, lroToken(req, 'put', kind, u.id, spec.ns, locationOf(tx, u))) : { body };
      });
    },
  };
}

export interface ChildSpec<K extends Kind, PK extends Kind, B extends z.ZodType> {
  sdk: string;
  kind: K;
  parentKind: PK;
  ns: 'Microsoft.Network';
  parentCollection: string;
  parentParam: string;
  collection: string;
  param: string;
  body: B;
  put(tx: Tx, scope: AzureScope, rg: string, parentName: string, name: string, body: z.output<B>): Entity<K>;
  remove?: (tx: Tx, scope: AzureScope, rg: string, parentName: string, name: string) => void;
  /** Resources the body links to, which the caller must be allowed to use (LinkedAuthorizationFailed). */
  linked?: (body: z.output<B>) => LinkedResource[];
}

/** PUT, GET, DELETE and list of a child resource (subnet, rule, route, peering, authorization). */
export function childResource<K extends Kind, PK extends Kind, B extends z.ZodType>(spec: ChildSpec<K, PK, B>): ArmOperation[] {
  const parentPath = `${RG}/providers/${spec.ns}/${spec.parentCollection}/{${spec.parentParam}}`;
  const item = `${parentPath}/${spec.collection}/{${spec.param}}`;
  const parentOf = (req: ArmRequest, view: ReadView) => getTracked(view, scopeOf(req), spec.parentKind, rgOf(req), spec.ns, spec.parentCollection, req.params[spec.parentParam] ?? '') as Armish;
  const childId = (parent: Armish, req: ArmRequest) => `${parent.id}/${spec.collection}/${req.params[spec.param] ?? ''}`;
  const getChild = (req: ArmRequest, view: ReadView): Entity<K> => {
    const parent = parentOf(req, view);
    const e = view.get(spec.kind, childId(parent, req));
    if (e === undefined) throw arm.notFound(`${spec.ns}/${spec.parentCollection}/${spec.collection}`, `${parent.name}/${req.params[spec.param] ?? ''}`, rgOf(req));
    return e;
  };
  const ops: ArmOperation[] = [
    {
      name: `${spec.sdk}.createOrUpdate`, method: 'PUT', path: item,
      async handle(req) {
        const body = parseArmBody(spec.body, req.body);
        const target = `${idOf(scopeOf(req), rgOf(req), spec.ns, spec.parentCollection, req.params[spec.parentParam] ?? '')}/${spec.collection}/${req.params[spec.param] ?? ''}`;
        requireLinkedAccess(req, `${spec.ns}/${spec.parentCollection}/${spec.collection}/write`, target, spec.linked?.(body) ?? []);
        refuseNotModelled(spec.kind, req.body);
        return req.engine.mutate(`arm:${spec.sdk}.createOrUpdate`, (tx) => {
          const parent = parentOf(req, tx);
          const existing = tx.get(spec.kind, childId(parent, req)) as Armish | undefined;
          checkPreconditions(req, existing);
          checkReferences(tx, spec.kind, req.body, target, scopeOf(req).subscriptionId);
          const e = stored(tx, spec.kind, spec.put(tx, scopeOf(req), rgOf(req), req.params[spec.parentParam] ?? '', req.params[spec.param] ?? '', body) as Armish, req.body);
          return putReply(req, presentArm(tx, spec.kind, e as Entity<K>), existing === undefined, lroToken(req, 'put', spec.kind, e.id, spec.ns, parent.location ?? 'global'));
        });
      },
    },
    {
      name: `${spec.sdk}.get`, method: 'GET', path: item,
      async handle(req) {
        return req.engine.read((view) => ({ body: presentArm(view, spec.kind, getChild(req, view)) }));
      },
    },
    {
      name: `${spec.sdk}.list`, method: 'GET', path: `${parentPath}/${spec.collection}`,
      async handle(req) {
        return req.engine.read((view) => ({ body: presentList(view, spec.kind, byName(view.children(spec.kind, parentOf(req, view).id))) }));
      },
    },
  ];
  const remove = spec.remove;
  if (remove) {
    ops.push({
      name: `${spec.sdk}.delete`, method: 'DELETE', path: item,
      async handle(req) {
        return req.engine.mutate(`arm:${spec.sdk}.delete`, (tx) => {
          const parent = parentOf(req, tx);
          const existing = tx.get(spec.kind, childId(parent, req)) as Armish | undefined;
          checkPreconditions(req, existing);
          if (existing === undefined) return { status: 204 };
          remove(tx, scopeOf(req), rgOf(req), req.params[spec.parentParam] ?? '', req.params[spec.param] ?? '');
          return acceptedReply(req, lroToken(req, 'delete', spec.kind, existing.id, spec.ns, parent.location ?? 'global'));
        });
      },
    });
  }
  return ops;
}
