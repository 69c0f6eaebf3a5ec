// The deployment routes that look without touching anything: validate (ARM's preflight: the
// template evaluated and every resource tried on a scratch world, deployment-preflight.ts; answers
// DeploymentValidateResult, or 400 with what each resource's provider refused) and
// what-if (each template resource compared with what exists; answers WhatIfOperationResult).
// Both read the body as JSONC, like the PUT, because azure-cli sends the template that way.
import { CloudError } from '../../../model/errors.ts';
import { ARM_TYPES } from '../../../lifecycle/azure/scope.ts';
import type { Kind } from '../../../model/world.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';
import { evaluateBody } from '../protocol/arm-template.ts';
import { storable } from '../passthrough.ts';
import { dispatch, routeFor } from './deployment-dispatch.ts';
import { resourceChange, untouchedChange, type WhatIfChange } from './deployment-what-if.ts';
import { providersOf } from './deployment-summary.ts';
import { acceptedWhatIf } from './deployment-what-if-results.ts';
import { preflight, PreflightRefusal } from './deployment-preflight.ts';
import type { Prepared } from './deployments.ts';

export type Prepare = (req: ArmRequest, opts?: { complete?: boolean }) => Promise<Prepared>;

/** ARM's top-level resource types FastRoute models (what a resource group lists). */
const TOP_LEVEL = (Object.entries(ARM_TYPES) as [Kind, string][]).filter(([, type]) => type.split('/').length === 2);

async function existing(req: ArmRequest, p: Prepared, id: string, apiVersion: string | undefined): Promise<unknown> {
  try {
    return (await dispatch(req, p.table, 'GET', id, apiVersion)).body;
  } catch (err) {
    if (err instanceof CloudError && err.status === 404) return undefined;
    throw err;
  }
}

const DEPLOYMENTS = 'microsoft.resources/deployments';
const RESOURCE_GROUPS = 'microsoft.resources/resourcegroups';

/**
 * A nested deployment's what-if, as ARM expands it into its resources' changes: its own template
 * prepared at its target (on `scratch`, which holds the groups the outer template creates first).
 */
async function nestedWhatIf(scratch: ArmRequest, p: Prepared, r: Prepared['plan'][number], body: unknown, prepare: Prepare): Promise<WhatIfChange[]> {
  const path = `${r.id}/whatIf`;
  const { params } = routeFor(p.table, 'POST', path, r.type);
  const apiVersion = r.apiVersion ?? scratch.apiVersion;
  const nested: ArmRequest = { ...scratch, method: 'POST', params, body, apiVersion, query: { 'api-version': apiVersion }, url: `${path}?api-version=${encodeURIComponent(apiVersion)}` };
  return whatIf(nested, await prepare(nested, { complete: true }), prepare);
}

const untouched = (c: WhatIfChange): boolean => c.changeType === 'Ignore' || c.changeType === 'Delete';

/**
 * One change per resource (a resource a nested deployment also lists keeps its answer that is not
 * Ignore), the template's resources first and what it leaves alone (Ignore, Delete) after them.
 */
function deduplicated(changes: readonly WhatIfChange[]): WhatIfChange[] {
  const byId = new Map<string, WhatIfChange>();
  for (const c of changes) {
    const key = c.resourceId.toLowerCase();
    const seen = byId.get(key);
    if (seen === undefined || (untouched(seen) && !untouched(c))) byId.set(key, c);
  }
  const all = [...byId.values()];
  return [...all.filter((c) => !untouched(c)), ...all.filter(untouched)];
}

async function whatIf(req: ArmRequest, p: Prepared, prepare: Prepare): Promise<WhatIfChange[]> {
  const changes: WhatIfChange[] = [];
  const named = new Set<string>();
  let scratch: ArmRequest | undefined;
  const planned = (): ArmRequest => (scratch ??= { ...req, engine: req.engine.scratch('arm:deployments.whatIf') });
  for (const r of p.plan) {
    named.add(r.id.toLowerCase());
    const body = await evaluateBody(r, p.scope);
    if (r.type.toLowerCase() === DEPLOYMENTS) {
      const inner = await nestedWhatIf(planned(), p, r, body, prepare);
      for (const c of inner) named.add(c.resourceId.toLowerCase());
      changes.push(...inner);
      continue;
    }
    // before and after carry the api-version they are read with, as ARM's do.
    const version: Record<string, string> = r.apiVersion === undefined ? {} : { apiVersion: r.apiVersion };
    const identity = { ...version, id: r.id, type: r.type, name: r.name.split('/').at(-1) ?? r.name };
    const current = await existing(req, p, r.id, r.apiVersion);
    // Compared as the resource would store it: a secret (a VM's adminPassword) is never read back,
    // so it is no change, and it is not shown in `after` either.
    changes.push(resourceChange(r.id, identity, storable(body), current === undefined ? undefined : { ...version, ...(current as object) }));
    // A group the template creates is there for the nested deployments into it.
    if (r.type.toLowerCase() === RESOURCE_GROUPS) await dispatch(planned(), p.table, 'PUT', r.id, r.apiVersion, body);
  }
  // At subscription scope what-if answers for the template's resources only: there is no group to compare with.
  if (p.place.resourceGroupName === undefined) return deduplicated(changes);
  const complete = p.body.properties.mode.toLowerCase() === 'complete';
  const prefix = `/subscriptions/${p.place.subscriptionId}/resourceGroups/${p.place.resourceGroupName}/providers/`.toLowerCase();
  const others = await req.engine.read((view) => TOP_LEVEL.flatMap(([kind]) => view.list(kind).map((e) => (e as { id: string }).id)).filter((id) => id.toLowerCase().startsWith(prefix) && !named.has(id.toLowerCase())));
  for (const id of others.sort()) changes.push(untouchedChange(id, complete ? await existing(req, p, id, undefined) : undefined, complete));
  return deduplicated(changes);
}

function validated(req: ArmRequest, p: Prepared, locations: ReadonlyMap<string, string>): Record<string, unknown> {
  return {
    id: p.place.id, name: req.params.deploymentName, type: 'Microsoft.Resources/deployments',
    properties: {
      templateHash: p.templateHash, parameters: p.parameters, mode: p.body.properties.mode, provisioningState: 'Succeeded',
      timestamp: new Date(req.engine.now()).toISOString(), duration: 'PT0S', correlationId: req.header('x-ms-correlation-request-id') ?? p.place.id,
      providers: providersOf({ deployed: p.plan, locations }), dependencies: p.dependencies, validatedResources: p.plan.map((r) => ({ id: r.id })),
    },
  };
}

/** validate and whatIf on one deployment path (ITEM). */
export function previewOperations(item: string, suffix: string, prepare: Prepare): ArmOperation[] {
  return [
    {
      name: `deployments.validate${suffix}`, method: 'POST', path: `${item}/validate`, bodySyntax: 'jsonc',
      async handle(req) {
        // The template is evaluated and its resources tried on a scratch world: nothing is created.
        const scratch: ArmRequest = { ...req, engine: req.engine.scratch(`arm:deployments.validate${suffix}`) };
        const p = await prepare(scratch);
        const checked = await preflight(scratch, p);
        if (checked.errors.length > 0) throw new PreflightRefusal(req.params.deploymentName ?? '', checked.errors);
        return { body: validated(req, p, checked.locations) };
      },
    },
    {
      // As ARM: 202 and a Location, whose GET answers the result (deployment-what-if-results.ts).
      name: `deployments.whatIf${suffix}`, method: 'POST', path: `${item}/whatIf`, bodySyntax: 'jsonc',
      async handle(req) {
        const p = await prepare(req, { complete: true });
        return acceptedWhatIf(req, { status: 'Succeeded', properties: { changes: await whatIf(req, p, prepare) } });
      },
    },
  ];
}
