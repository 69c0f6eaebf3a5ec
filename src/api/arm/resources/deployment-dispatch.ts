// How a deployment reaches the resources of its template: through the ARM route table, as a
// client's own PUT or GET would (same validation, same lifecycle, same LRO states), with the
// deploying caller's identity and the api-version the template names for the resource.
import { requireApiVersion } from '../api-version-gate.ts';
import { requireSubscriptionAccess } from '../auth/tokens.ts';
import { ARM_TYPES } from '../../../lifecycle/azure/scope.ts';
import type { Kind } from '../../../model/world.ts';
import type { ArmMethod, ArmOperation, ArmReply, ArmRequest } from '../operation.ts';
import { validationFailed } from '../protocol/arm-template.ts';
import { armApiError } from '../protocol/errors.ts';
import { featureOfType } from '../not-modelled.ts';
import { compilePattern, matchPattern, pathSegments, type CompiledPattern } from '../protocol/route-match.ts';

const compiled = new WeakMap<readonly ArmOperation[], { op: ArmOperation; pattern: CompiledPattern }[]>();

function find(routes: readonly ArmOperation[], method: ArmMethod, id: string): { op: ArmOperation; params: Record<string, string> } | undefined {
  let table = compiled.get(routes);
  if (!table) compiled.set(routes, (table = routes.map((op) => ({ op, pattern: compilePattern(op.path) }))));
  const segments = pathSegments(id);
  if (segments === undefined) return undefined;
  for (const r of table) {
    if (r.op.method !== method || r.op.auth === 'none') continue;
    const params = matchPattern(r.pattern, segments);
    if (params) return { op: r.op, params };
  }
  return undefined;
}

/** The operation serving `method` on a resource id, or ARM's InvalidResourceType for a type FastRoute does not serve. */
export function routeFor(routes: readonly ArmOperation[], method: ArmMethod, id: string, type: string): { op: ArmOperation; params: Record<string, string> } {
  const found = find(routes, method, id);
  if (!found) throw armApiError.invalidResourceType(type);
  return found;
}

/**
 * Validation's check of a template resource: a type FastRoute does not serve is refused as not
 * modelled, naming the resource and the feature (ARM itself would deploy it, so ARM's
 * InvalidResourceType would mislead), before anything is deployed.
 */
export function requireModelledType(routes: readonly ArmOperation[], resource: { id: string; type: string; name: string }): void {
  if (find(routes, 'PUT', resource.id)) return;
  const feature = featureOfType(resource.type);
  const named = feature === resource.type ? '' : ` (${feature})`;
  throw validationFailed(`The template resource '${resource.name}' of type '${resource.type}'${named} is not modelled by FastRoute: nothing was deployed. See docs/differences.md`);
}

/** Runs one ARM operation for the deployment, as if its caller had sent it. */
export async function dispatch(req: ArmRequest, routes: readonly ArmOperation[], method: ArmMethod, id: string, apiVersion: string | undefined, body?: unknown): Promise<ArmReply> {
  const type = id.split('/providers/')[1]?.split('/').filter((_s, i) => i === 0 || i % 2 === 1).join('/') ?? id;
  const { op, params } = routeFor(routes, method, id, type);
  // A template may name any subscription (resourceId(sub, …), reference('/subscriptions/…')): the
  // deploying caller must be allowed there, as the front door requires of a direct request.
  if (req.principal !== undefined && params.subscriptionId !== undefined) requireSubscriptionAccess(req.principal, params.subscriptionId, `${method} ${op.name}`);
  // The template's version for the resource is checked as the front door checks a client's.
  if (apiVersion !== undefined) await requireApiVersion(req.ctx, op.path, params, apiVersion, body);
  const version = apiVersion ?? req.apiVersion;
  return op.handle({
    method, params, query: { 'api-version': version }, body, header: () => undefined, url: `${id}?api-version=${encodeURIComponent(version)}`,
    apiVersion: version, principal: req.principal, engine: req.engine, ctx: req.ctx,
  });
}

const KIND_BY_TYPE = new Map(Object.entries(ARM_TYPES).map(([kind, type]) => [type.toLowerCase(), kind as Kind]));

/** The entity kind of an ARM resource type, for reading a deployed resource's provisioningState. */
export function kindOfType(type: string): Kind | undefined {
  return KIND_BY_TYPE.get(type.toLowerCase());
}
