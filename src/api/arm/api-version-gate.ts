// Where a request meets ARM's api-version allowlist (protocol/api-versions.ts): the front door for
// every bearer request, and a deployment for each template resource (with the template's version).
import { armResourceGroupId } from '../../model/ids.ts';
import { DEFAULT_REGION_PAIRS } from '../../model/interconnect/region-pairs.ts';
import type { ArmApiContext } from './context.ts';
import { apiVersionRefusal, isSupportedApiVersion, resourceTypeOf } from './protocol/api-versions.ts';

/** The regions a refusal names as supported: those the interconnect offers (FastRoute's choice). */
const AZURE_LOCATIONS = DEFAULT_REGION_PAIRS.pairs.map((p) => p.azureRegion);

/** ARM's refusal of an api-version the addressed type does not have (protocol/api-versions.ts). */
export async function requireApiVersion(ctx: ArmApiContext, pattern: string, params: Readonly<Record<string, string>>, version: string, body: unknown): Promise<void> {
  const type = resourceTypeOf(pattern, params);
  if (type === undefined || isSupportedApiVersion(type, version)) return;
  const location = await routingLocation(ctx, params, body);
  throw apiVersionRefusal({ type, apiVersion: version, location, locations: AZURE_LOCATIONS });
}

/** The location ARM routes a request by: the body's, the URL's, else the resource group's ([U]; 'global' otherwise). */
async function routingLocation(ctx: ArmApiContext, params: Readonly<Record<string, string>>, body: unknown): Promise<string> {
  const sent = (body as { location?: unknown } | undefined)?.location;
  if (typeof sent === 'string' && sent !== '') return sent.replace(/\s+/g, '').toLowerCase();
  if (params.location !== undefined) return params.location;
  const { subscriptionId, resourceGroupName } = params;
  if (subscriptionId === undefined || resourceGroupName === undefined) return 'global';
  const group = await ctx.engine.read((view) => view.get('azure.ResourceGroup', armResourceGroupId(subscriptionId, resourceGroupName)));
  return group?.location ?? 'global';
}

