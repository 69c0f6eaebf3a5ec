// ARM's preflight, which validate runs (https://learn.microsoft.com/azure/azure-resource-manager/templates/deploy-what-if
// and "Resolve errors: validation errors"): every template resource is sent, in dependency order, to the
// operation that would create it, on a scratch copy of the world (Engine.scratch), so each resource
// provider's own checks run (an invalid address prefix, overlapping subnets, an unknown SKU, a
// reference to something that does not exist) and nothing is created. Refusals come back in ARM's
// validate error: 400 InvalidTemplateDeployment › PreflightValidationCheckFailed › one detail per
// resource (azure-rest-api-specs, Microsoft.Resources deployments, PostDeploymentValidateOnSubscription.json).
import { randomUUID } from 'node:crypto';
import { CloudError } from '../../../model/errors.ts';
import type { ArmReply, ArmRequest } from '../operation.ts';
import { evaluateBody } from '../protocol/arm-template.ts';
import { dispatch } from './deployment-dispatch.ts';
import type { Prepared } from './deployments.ts';

export interface PreflightError { code: string; message: string; target: string }

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

/** Runs the plan on `req`'s engine, which must be a scratch one; a resource after a refused one it depends on is skipped. */
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
      out.errors.push({ code: err.code, message: err.message, target: r.id });
    }
  }
  return out;
}

/** ARM's validate answer when preflight refused something. */
export function preflightFailed(name: string, errors: readonly PreflightError[]): ArmReply {
  return {
    status: 400,
    body: {
      error: {
        code: 'InvalidTemplateDeployment',
        message: `The template deployment '${name}' is not valid according to the validation procedure. The tracking id is '${randomUUID()}'. See inner errors for details.`,
        details: [{ code: 'PreflightValidationCheckFailed', message: 'Preflight validation failed. Please refer to the details for the specific errors.', details: errors }],
      },
    },
  };
}
