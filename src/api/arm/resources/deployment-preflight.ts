// ARM's preflight, which validate runs (https://learn.microsoft.com/azure/azure-resource-manager/templates/deploy-what-if
// and "Resolve errors: validation errors"): every template resource is sent, in dependency order, to the
// operation that would create it, on a scratch copy of the world (Engine.scratch), so each resource
// provider's own checks run (an invalid address prefix, overlapping subnets, an unknown SKU, a
// reference to something that does not exist) and nothing is created. Refusals come back in ARM's
// validate error: 400 InvalidTemplateDeployment › PreflightValidationCheckFailed › one detail per
// resource (azure-rest-api-specs, Microsoft.Resources deployments, PostDeploymentValidateOnSubscription.json).
// The deployment PUT runs it first too, as ARM does, but refuses up-front only what ARM's preflight
// would find (armPreflightFinds): a reference to something that does not exist, or a conflict with
// another resource's state, is found by ARM only while the deployment runs.
import { randomUUID } from 'node:crypto';
import { CloudError } from '../../../model/errors.ts';
import type { ArmRequest } from '../operation.ts';
import { evaluateBody } from '../protocol/arm-template.ts';
import { dispatch } from './deployment-dispatch.ts';
import type { Prepared } from './deployments.ts';

export interface PreflightError {
  code: string;
  message: string;
  target: string;
  /** The refusal's HTTP status (undefined for a nested deployment's recorded failure). */
  status?: number;
}

/**
 * Refusals that read other resources (one that does not exist, is not provisioned, is in use, or
 * whose own settings or limits clash): ARM's preflight asks each resource provider about the
 * resource's own request (Microsoft Learn "Find error codes": preflight finds e.g. "a parameter value
 * is incorrect"; a missing reference is found only at deployment), so these are deployment errors
 * there, found when the resource is PUT. Codes ending NotFound or InUse are of this kind too.
 */
const FOUND_WHILE_DEPLOYING = new Set([
  'InvalidResourceReference', 'ReferencedResourceNotProvisioned', 'ServiceProviderNotProvisioned', 'ResourceDeploymentFailure',
  'RemoteVnetHasNoGateways', 'RemotePeeringDoesNotAllowGatewayTransit', 'OnlyOnePeeringCanUseRemoteGateways', 'UseRemoteGatewaysNotAllowedWithLocalGateway',
  'VnetAddressSpaceOverlapsWithAlreadyPeeredVnet', 'VnetAlreadyHasGatewayOfType', 'PublicIpWithBasicSkuNotAllowedOnExpressRouteGateways',
  'SubnetIsFull', 'PrivateIPAddressIsAllocated', 'CircuitVnetLinkLimitExceeded', 'MaxCircuitConnectionsExceeded',
]);

/** Whether ARM's own preflight would find this refusal (the PUT then answers it before deploying anything). */
export function armPreflightFinds(e: PreflightError): boolean {
  if (e.status !== undefined && e.status !== 400) return false;
  return !FOUND_WHILE_DEPLOYING.has(e.code) && !/(NotFound|InUse)$/.test(e.code);
}

/** ARM's answer when preflight refused something: 400 InvalidTemplateDeployment, each refusal in its details. */
export class PreflightRefusal extends CloudError {
  constructor(name: string, readonly errors: readonly PreflightError[]) {
    super('azure', 400, 'InvalidTemplateDeployment', `The template deployment '${name}' is not valid according to the validation procedure. The tracking id is '${randomUUID()}'. See inner errors for details.`, undefined, [
      { code: 'PreflightValidationCheckFailed', message: 'Preflight validation failed. Please refer to the details for the specific errors.', details: errors.map(({ code, message, target }) => ({ code, message, target })) },
    ]);
  }
}

export interface Preflight {
  /** Each resource's evaluated location (for the validate result's providers). */
  locations: Map<string, string>;
  errors: PreflightError[];
}

const DEPLOYMENTS = 'microsoft.resources/deployments';

/** A nested deployment that failed on the scratch world: its resources' refusals. */
async function nestedErrors(req: ArmRequest, p: Prepared, id: string, apiVersion: string | undefined): Promise<PreflightError[]> {
  const got = (await dispatch(req, p.table, 'GET', id, apiVersion)).body as { properties?: { provisioningState?: string; error?: { details?: { code: string; message: string; target?: string }[] } } };
  if (got.properties?.provisioningState !== 'Failed') return [];
  return (got.properties.error?.details ?? []).map((d) => ({ code: d.code, message: d.message, target: d.target ?? id }));
}

/**
 * Runs the plan on `req`'s engine, which must be a scratch one; a resource after a refused one it
 * depends on is skipped. Only what ARM's preflight would find is reported.
 */
export async function preflight(req: ArmRequest, p: Prepared): Promise<Preflight> {
  const out: Preflight = { locations: new Map(), errors: [] };
  const refused = new Set<string>();
  for (const r of p.plan) {
    if (r.dependsOn.some((d) => refused.has(d))) {
      refused.add(r.id);
      continue;
    }
    // An expression that does not evaluate is the template's error, answered as InvalidTemplate.
    const body = await evaluateBody(r, p.scope);
    const location = (body as { location?: unknown } | null)?.location;
    if (typeof location === 'string') out.locations.set(r.id, location);
    try {
      await dispatch(req, p.table, 'PUT', r.id, r.apiVersion, body);
      const inner = r.type.toLowerCase() === DEPLOYMENTS ? await nestedErrors(req, p, r.id, r.apiVersion) : [];
      if (inner.length > 0) refused.add(r.id);
      out.errors.push(...inner);
    } catch (err) {
      if (!(err instanceof CloudError)) throw err;
      refused.add(r.id);
      // A nested deployment's own preflight refusal: its resources' errors, as ARM lists them.
      out.errors.push(...(err instanceof PreflightRefusal ? err.errors : [{ code: err.code, message: err.message, target: r.id, status: err.status }]));
    }
  }
  return { ...out, errors: out.errors.filter(armPreflightFinds) };
}
