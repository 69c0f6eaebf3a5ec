// A minimal Microsoft.Resources/deployments, because template-based CLI commands (`az network
// vpn-connection create`) deploy a template instead of PUTting the resource. The PUT validates the
// template (parameters, names, dependsOn, resource types FastRoute serves), runs ARM's preflight
// on a scratch world (what it finds answers the PUT, deployment-preflight.ts), then PUTs each
// resource through the same ARM operations a client would call, in dependency order; the first
// refusal fails the deployment with ARM's DeploymentFailed and the resource's error in details.
// A running deployment can be cancelled.
// The deployment then runs until its resources reach a terminal provisioningState; the first read
// that sees them there (GET or the operation-status poll) freezes the outputs, as ARM evaluates
// them once at the end.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CloudError, arm } from '../../../model/errors.ts';
import type { Deployment, DeploymentError, DeploymentState } from '../../../model/azure/deployment.ts';
import type { ReadView } from '../../../model/world.ts';
import { requireResourceGroup, requireSubscription } from '../../../lifecycle/azure/scope.ts';
import { S, scopeOf } from '../crud.ts';
import type { ArmOperation, ArmReply, ArmRequest } from '../operation.ts';
import { parseArmBody } from '../protocol/body.ts';
import { armApiError } from '../protocol/errors.ts';
import { RETRY_AFTER_SECONDS } from '../protocol/lro.ts';
import { evaluateBody, planResources, templateSchema, TemplateValues, validationFailed, type PlannedResource, type Template } from '../protocol/arm-template.ts';
import { evaluateOutputs } from '../protocol/template-outputs.ts';
import { invalidTemplate, type Json, type TemplateScope } from '../protocol/template-expressions.ts';
import { EvaluationBudget } from '../protocol/template-limits.ts';
import { dispatch, kindOfType, requireModelledType } from './deployment-dispatch.ts';
import { deploymentNotFound, groupOf, placeOf, type Place } from './deployment-place.ts';
import { WHAT_IF_RESULT_OPERATIONS } from './deployment-what-if-results.ts';
import { previewOperations } from './deployment-preview.ts';
import { recordOperations } from './deployment-records.ts';
import { dependenciesOf, providersOf } from './deployment-summary.ts';
import { preflight, PreflightRefusal, type PreflightError } from './deployment-preflight.ts';
import type { PostActionResult } from './operation-status.ts';

/** The route table, passed lazily: index.ts imports this file, so it cannot be imported back statically. */
export type RouteLookup = () => Promise<readonly ArmOperation[]>;

/** The two places a deployment lives: a resource group, or the subscription itself. */
const RG_DEPLOYMENTS = `${S}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments`;
const SUB_DEPLOYMENTS = `${S}/providers/Microsoft.Resources/deployments`;

const deploymentBody = z.looseObject({
  location: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  properties: z.looseObject({
    template: templateSchema.optional(),
    templateLink: z.unknown().optional(),
    parameters: z.record(z.string(), z.looseObject({ value: z.unknown().optional(), reference: z.unknown().optional() })).optional(),
    parametersLink: z.unknown().optional(),
    mode: z.string(),
  }),
});

const FAILED_MESSAGE = 'At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/arm-deployment-operations for usage details.';

function deploymentFailed(details: DeploymentError['details']): DeploymentError {
  return { code: 'DeploymentFailed', message: FAILED_MESSAGE, details };
}

/** ISO 8601 duration, as ARM shows it ("PT1.2345S"). */
function duration(ms: number): string {
  return `PT${(Math.max(0, ms) / 1000).toFixed(4).replace(/\.?0+$/, '')}S`;
}

function present(d: Deployment, state: DeploymentState, nowMs: number): Record<string, unknown> {
  const { fr, tags, ...rest } = d;
  const running = state === 'Accepted' || state === 'Running';
  return {
    ...rest,
    ...(Object.keys(tags).length === 0 ? {} : { tags }),
    properties: { ...d.properties, provisioningState: state, ...(running ? { duration: duration(nowMs - fr.startedAt) } : {}) },
  };
}

interface Derived { state: DeploymentState; error?: DeploymentError }

/** A deployed resource's provisioningState: a nested deployment's is derived from its own resources. */
function resourceState(view: ReadView, r: { type: string; id: string }): { found: boolean; state: string | undefined } {
  if (r.type.toLowerCase() === 'microsoft.resources/deployments') {
    const nested = view.get('azure.Deployment', r.id);
    return { found: nested !== undefined, state: nested === undefined ? undefined : derive(view, nested).state };
  }
  const kind = kindOfType(r.type);
  if (kind === undefined) return { found: true, state: undefined };
  const e = view.get(kind, r.id) as { properties?: { provisioningState?: string } } | undefined;
  return { found: e !== undefined, state: e?.properties?.provisioningState };
}

/** The deployment's state from its resources' provisioningState (ARM waits for each resource's LRO, and for nested deployments). */
function derive(view: ReadView, d: Deployment): Derived {
  if (d.properties.provisioningState !== 'Running') return { state: d.properties.provisioningState, ...(d.properties.error ? { error: d.properties.error } : {}) };
  const failures: DeploymentError['details'] = [];
  let running = false;
  for (const r of d.fr.resources) {
    const { found, state } = resourceState(view, r);
    if (!found || state === 'Failed' || state === 'Canceled') {
      failures.push({ code: 'ResourceDeploymentFailure', message: `The resource write operation failed to complete successfully, because it reached terminal provisioning state '${found ? state ?? '' : 'Deleted'}'.`, target: r.id });
    } else if (state !== undefined && state !== 'Succeeded') {
      running = true;
    }
  }
  if (failures.length > 0) return { state: 'Failed', error: deploymentFailed(failures) };
  return { state: running ? 'Running' : 'Succeeded' };
}

/** The evaluation scope of one deployment: its values, its resources by name, reference() through GET. */
function scopeFor(req: ArmRequest, routes: readonly ArmOperation[], place: Place, location: string | undefined, values: TemplateValues, resources: () => readonly { name: string; id: string; apiVersion?: string | undefined }[]): TemplateScope {
  const scope: TemplateScope = {
    subscriptionId: place.subscriptionId,
    resourceGroupName: place.resourceGroupName,
    parameter: (name) => values.parameter(name, scope),
    variable: (name) => values.variable(name, scope),
    resourceGroup: () => {
      if (place.resourceGroup === undefined) throw validationFailed("The template function 'RESOURCEGROUP' is not expected at this location. Please see https://aka.ms/arm-template-expressions for usage details");
      return place.resourceGroup;
    },
    subscription: () => place.subscription,
    functions: values.functions,
    budget: new EvaluationBudget(),
    now: () => req.engine.now(),
    deployment: () => ({ name: req.params.deploymentName ?? '', ...(location === undefined ? {} : { location }), properties: { mode: 'Incremental', provisioningState: 'Accepted' } }),
    async reference(target, apiVersion, full) {
      const own = resources().find((r) => r.name.toLowerCase() === target.toLowerCase() || r.id.toLowerCase() === target.toLowerCase());
      if (own === undefined && !target.startsWith('/')) throw invalidTemplate(`The template reference '${target}' is not valid: could not find template resource or resource copy with this name`);
      const reply = await dispatch(req, routes, 'GET', own?.id ?? target, apiVersion ?? own?.apiVersion);
      const body = JSON.parse(JSON.stringify(reply.body ?? {})) as { [key: string]: Json };
      return full ? body : (body.properties ?? {});
    },
  };
  return scope;
}

function templateHash(template: unknown): string {
  return BigInt(`0x${createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 15)}`).toString();
}

function statusUrl(req: ArmRequest, d: Deployment): string {
  const path = d.id.split('/').map(encodeURIComponent).join('/');
  return `${req.ctx.baseUrl()}${path}/operationStatuses/${d.fr.runId}?api-version=${encodeURIComponent(req.apiVersion)}`;
}

/** Reads a deployment; if its resources have just finished, records the end (outputs, error, duration) once. */
async function settle(req: ArmRequest, routes: RouteLookup): Promise<{ d: Deployment; state: DeploymentState }> {
  const place = await placeOf(req);
  const d = place.existing;
  if (!d) throw deploymentNotFound(req.params.deploymentName ?? '');
  const derived = await req.engine.read((view) => derive(view, d));
  if (d.properties.provisioningState !== 'Running' || derived.state === 'Running') return { d, state: derived.state };
  let { state, error } = derived;
  let outputs: Deployment['properties']['outputs'];
  if (state === 'Succeeded') {
    const template = templateSchema.parse(d.fr.template);
    const scope = scopeFor(req, await routes(), place, d.location, new TemplateValues(template, d.fr.parameterValues), () => d.fr.resources);
    try {
      outputs = await evaluateOutputs(template, scope);
    } catch (err) {
      if (!(err instanceof CloudError)) throw err;
      state = 'Failed';
      outputs = undefined;
      error = { code: 'DeploymentOutputEvaluationFailed', message: 'Unable to evaluate template outputs. Please see error details for more information about the deployment failure.', details: [{ code: err.code, message: err.message }] };
    }
  }
  const done = await req.engine.mutate('arm:deployments.complete', (tx) => {
    const cur = tx.get('azure.Deployment', d.id);
    if (!cur || cur.fr.runId !== d.fr.runId || cur.properties.provisioningState !== 'Running') return cur ?? d;
    return tx.update('azure.Deployment', d.id, (draft) => {
      draft.properties.provisioningState = state;
      draft.properties.duration = duration(tx.ctx.now - draft.fr.startedAt);
      if (outputs) draft.properties.outputs = outputs;
      if (error) draft.properties.error = error;
    });
  });
  return { d: done, state: done.properties.provisioningState };
}

interface Run { deployed: PlannedResource[]; locations: Map<string, string>; error?: DeploymentError; refused?: { p: PlannedResource; status: number } }

/** PUTs the planned resources in order; the first refusal stops the run (ARM would still deploy unrelated ones). */
async function run(req: ArmRequest, routes: readonly ArmOperation[], plan: readonly PlannedResource[], scope: TemplateScope): Promise<Run> {
  const out: Run = { deployed: [], locations: new Map() };
  for (const p of plan) {
    try {
      const body = await evaluateBody(p, scope);
      const location = (body as { location?: unknown } | null)?.location;
      if (typeof location === 'string') out.locations.set(p.id, location);
      await dispatch(req, routes, 'PUT', p.id, p.apiVersion, body);
      out.deployed.push(p);
    } catch (err) {
      if (!(err instanceof CloudError)) throw err;
      out.error = deploymentFailed([{ code: err.code, message: err.message, target: p.id }]);
      out.refused = { p, status: err.status };
      break;
    }
  }
  return out;
}

/** ARM's answer when a linked template cannot be downloaded: FastRoute never fetches external URIs. */
function contentLinkRefused(link: unknown): CloudError {
  const uri = (link as { uri?: unknown } | null)?.uri;
  const shown = typeof uri === 'string' ? uri : JSON.stringify(link);
  return new CloudError('azure', 400, 'InvalidContentLink', `Unable to download deployment content from '${shown}'. FastRoute never fetches external URIs (templateLink, parametersLink): send the template and parameters inline. Please see https://aka.ms/arm-deploy for usage details.`);
}

function checkRequest(req: ArmRequest, body: z.output<typeof deploymentBody>, opts: { complete?: boolean }): Template {
  const name = req.params.deploymentName ?? '';
  if (name.length > 64) throw arm.badRequest('DeploymentNameLengthLimitExceeded', `The provided deployment name '${name}' has a length of '${name.length}' which exceeds the maximum length of '64'. Please see https://aka.ms/arm-deploy for usage details.`);
  const p = body.properties;
  // ARM keeps a subscription-scope deployment's data in the location it is given, and requires one.
  if (groupOf(req) === undefined && body.location === undefined) throw arm.badRequest('InvalidDeployment', `The 'location' property must be specified for '${name}'. Please see https://aka.ms/arm-deployment-subscription for usage details.`);
  if (p.templateLink !== undefined || p.parametersLink !== undefined) throw contentLinkRefused(p.templateLink ?? p.parametersLink);
  // ARM has Complete mode for resource-group deployments only (Azure/azure-rest-api-specs #43400 quotes its refusal).
  if (p.mode.toLowerCase() === 'complete' && groupOf(req) === undefined) throw arm.badRequest('InvalidDeployment', "Specified deployment mode 'Complete' is not supported for deployment at the current scope. Please see https://aka.ms/deployment-modes for usage details.");
  if (p.mode.toLowerCase() === 'complete' && opts.complete !== true) throw armApiError.notImplemented('Complete-mode deployments (they would delete what the template does not list)');
  if (p.mode.toLowerCase() !== 'incremental' && p.mode.toLowerCase() !== 'complete') throw armApiError.invalidRequestFormat(`The deployment mode '${p.mode}' is not valid: use 'Incremental'.`, 'properties.mode');
  if (!p.template) throw armApiError.invalidRequestFormat("The deployment has no 'template' (FastRoute does not fetch 'templateLink').", 'properties.template');
  return p.template;
}

export interface Prepared {
  body: z.output<typeof deploymentBody>;
  template: Template;
  place: Place;
  table: readonly ArmOperation[];
  scope: TemplateScope;
  plan: PlannedResource[];
  parameters: Record<string, { type: string; value?: Json }>;
  templateHash: string;
  dependencies: Deployment['properties']['dependencies'];
}

/** What create, validate and what-if share: the request checked, the template's values and resources evaluated. */
async function prepare(req: ArmRequest, routes: RouteLookup, opts: { complete?: boolean } = {}): Promise<Prepared> {
  const body = parseArmBody(deploymentBody, req.body);
  const template = checkRequest(req, body, opts);
  const place = await placeOf(req);
  const table = await routes();
  const values = new TemplateValues(template, body.properties.parameters ?? {});
  values.check();
  let plan: PlannedResource[] = [];
  const scope = scopeFor(req, table, place, body.location, values, () => plan);
  plan = await planResources(template, scope);
  for (const p of plan) requireModelledType(table, p);
  return { body, template, place, table, scope, plan, parameters: await values.shown(scope), templateHash: templateHash(template), dependencies: dependenciesOf(plan) };
}

/**
 * ARM's preflight before the deployment starts: what it finds answers the PUT (400
 * InvalidTemplateDeployment), nothing is created and no deployment record is written ("Validation and
 * preflight errors are shown in the activity log but don't appear in your deployment history",
 * Microsoft Learn "Find error codes"). A nested deployment PUT on a scratch world is already inside
 * its parent's preflight. A template expression that fails only on evaluation is left to the run.
 */
async function refuseWhatPreflightFinds(req: ArmRequest, routes: RouteLookup): Promise<void> {
  if (req.engine.isScratch()) return;
  const scratch: ArmRequest = { ...req, engine: req.engine.scratch('arm:deployments.preflight') };
  let errors: readonly PreflightError[];
  try {
    errors = (await preflight(scratch, await prepare(scratch, routes))).errors;
  } catch (err) {
    if (err instanceof CloudError && !(err instanceof PreflightRefusal)) return;
    throw err;
  }
  if (errors.length > 0) throw new PreflightRefusal(req.params.deploymentName ?? '', errors);
}

async function createOrUpdate(req: ArmRequest, routes: RouteLookup): Promise<ArmReply> {
  const { body, template, place, table, scope, plan, parameters, templateHash: hash, dependencies } = await prepare(req, routes);
  if (place.existing) {
    const { state } = await settle(req, routes);
    if (state === 'Running') throw arm.conflict('DeploymentActive', `Unable to edit or replace deployment '${place.existing.name}': previous deployment from '${place.existing.properties.timestamp}' is still active. Please see https://aka.ms/arm-deploy for usage details.`);
  }
  await refuseWhatPreflightFinds(req, routes);
  const given = body.properties.parameters ?? {};
  const startedAt = req.engine.now();
  const result = await run(req, table, plan, scope);
  const d = await req.engine.mutate('arm:deployments.createOrUpdate', (tx) => {
    if (place.resourceGroupName === undefined) requireSubscription(tx, scopeOf(req));
    else requireResourceGroup(tx, scopeOf(req), place.resourceGroupName);
    const existing = tx.get('azure.Deployment', place.id);
    const deployment: Deployment = {
      id: existing?.id ?? place.id, name: existing?.name ?? req.params.deploymentName ?? '', type: 'Microsoft.Resources/deployments',
      ...(body.location === undefined || place.resourceGroupName !== undefined ? {} : { location: body.location }), tags: body.tags ?? {},
      properties: {
        provisioningState: result.error ? 'Failed' : 'Running', mode: 'Incremental', timestamp: tx.nowIso, duration: duration(tx.ctx.now - startedAt),
        correlationId: req.header('x-ms-correlation-request-id') ?? tx.ctx.ids.guid(), templateHash: hash, parameters,
        outputResources: result.deployed.map((p) => ({ id: p.id })), providers: providersOf(result), dependencies,
        ...(result.error ? { error: result.error } : {}),
      },
      fr: {
        subscriptionId: place.subscriptionId, ...(place.resourceGroupName === undefined ? {} : { resourceGroup: place.resourceGroupName }), runId: tx.ctx.ids.guid(), startedAt,
        template: JSON.parse(JSON.stringify(template)) as Record<string, unknown>, parameterValues: JSON.parse(JSON.stringify(given)) as Deployment['fr']['parameterValues'],
        resources: result.deployed.map((p) => ({ name: p.name, type: p.type, id: p.id, ...(p.apiVersion === undefined ? {} : { apiVersion: p.apiVersion }) })),
        ...(result.refused ? { refused: { name: result.refused.p.name, type: result.refused.p.type, id: result.refused.p.id, status: result.refused.status } } : {}),
      },
    };
    return { created: existing === undefined, d: tx.put('azure.Deployment', deployment) };
  });
  return { status: d.created ? 201 : 200, body: present(d.d, 'Accepted', req.engine.now()), headers: { 'azure-asyncoperation': statusUrl(req, d.d), 'retry-after': RETRY_AFTER_SECONDS } };
}

/** The routes of one place deployments live (`collection`), the SDK's names for them ending in `suffix`. */
function scopedOperations(routes: RouteLookup, collection: string, suffix: string, operationsAlias?: string): ArmOperation[] {
  const item = `${collection}/{deploymentName}`;
  const read = async (req: ArmRequest) => (await settle(req, routes)).d;
  return [
    { name: `deployments.createOrUpdate${suffix}`, method: 'PUT', path: item, bodySyntax: 'jsonc', handle: (req) => createOrUpdate(req, routes) },
    ...previewOperations(item, suffix, (req, opts) => prepare(req, routes, opts)),
    {
      name: `deployments.get${suffix}`, method: 'GET', path: item,
      async handle(req) {
        const { d, state } = await settle(req, routes);
        return { body: present(d, state, req.engine.now()) };
      },
    },
    {
      // checkExistence: 204 when the deployment exists, 404 (no body on a HEAD) when not.
      name: `deployments.checkExistence${suffix}`, method: 'HEAD', path: item,
      async handle(req) {
        await read(req);
        return { status: 204 };
      },
    },
    {
      // ARM cancels only a deployment still Accepted or Running (204); what it already PUT stays as it is.
      name: `deployments.cancel${suffix}`, method: 'POST', path: `${item}/cancel`,
      async handle(req) {
        const { d, state } = await settle(req, routes);
        const refused = (now: string) => arm.conflict('DeploymentCannotBeCancelled', `The deployment '${d.name}' cannot be cancelled: its provisioning state is '${now}'; only an Accepted or Running deployment can be.`);
        if (state !== 'Accepted' && state !== 'Running') throw refused(state);
        const blocked = await req.engine.mutate('arm:deployments.cancel', (tx) => {
          const cur = tx.get('azure.Deployment', d.id);
          if (!cur || cur.fr.runId !== d.fr.runId || cur.properties.provisioningState !== 'Running') return cur?.properties.provisioningState ?? 'Deleted';
          tx.update('azure.Deployment', d.id, (draft) => {
            draft.properties.provisioningState = 'Canceled';
            draft.properties.duration = duration(tx.ctx.now - draft.fr.startedAt);
          });
          return undefined;
        });
        if (blocked !== undefined) throw refused(blocked);
        return { status: 204 };
      },
    },
    {
      name: `deployments.exportTemplate${suffix}`, method: 'POST', path: `${item}/exportTemplate`,
      async handle(req) {
        return { body: { template: (await read(req)).fr.template } };
      },
    },
    {
      name: `deployments.operationStatus${suffix}`, method: 'GET', path: `${item}/operationStatuses/{operationId}`,
      async handle(req) {
        const { d, state } = await settle(req, routes);
        if (d.fr.runId !== req.params.operationId) throw armApiError.operationNotFound(req.params.operationId ?? '');
        const status = state === 'Accepted' ? 'Running' : state;
        const error = d.properties.error;
        return { body: { status, ...(status === 'Failed' && error ? { error } : {}) }, ...(status === 'Running' ? { headers: { 'retry-after': RETRY_AFTER_SECONDS } } : {}) };
      },
    },
    ...recordOperations(item, suffix, read, resourceState, operationsAlias),
    {
      name: suffix === '' ? 'deployments.listByResourceGroup' : `deployments.list${suffix}`, method: 'GET', path: collection,
      async handle(req) {
        const rg = groupOf(req);
        return req.engine.read((view) => {
          const parent = rg === undefined ? `/subscriptions/${scopeOf(req).subscriptionId}` : requireResourceGroup(view, scopeOf(req), rg).id;
          if (rg === undefined) requireSubscription(view, scopeOf(req));
          const list = view.children('azure.Deployment', parent).sort((a, b) => a.name.localeCompare(b.name));
          return { body: { value: list.map((d) => present(d, derive(view, d).state, req.engine.now())) } };
        });
      },
    },
  ];
}

/** The deployment operations over a route table (for dispatching the template's resources), at both scopes. */
export function deploymentOperations(routes: RouteLookup): ArmOperation[] {
  return [
    // The SDKs list a resource group deployment's operations without the provider segment (azure-rest-api-specs routes.tsp).
    ...scopedOperations(routes, RG_DEPLOYMENTS, '', `${S}/resourcegroups/{resourceGroupName}/deployments/{deploymentName}/operations`),
    ...scopedOperations(routes, SUB_DEPLOYMENTS, 'AtSubscriptionScope'),
    ...WHAT_IF_RESULT_OPERATIONS,
  ];
}

export const DEPLOYMENT_OPERATIONS: ArmOperation[] = deploymentOperations(async () => (await import('./index.ts')).ARM_OPERATIONS);

/** Deployments answer no diagnostics POSTs. */
export const DEPLOYMENT_POST_RESULTS: Record<string, PostActionResult> = {};
