// A template's resources as a plan of PUTs: nested child resources flattened, resource copy loops
// expanded (https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources),
// `condition` honoured, dependsOn resolved (a resource name, "type/name", a resource id or a copy
// loop's name) and the result put in dependency order. Bodies stay unevaluated until deploy time;
// each instance keeps its copy iteration so copyIndex() in its body evaluates as ARM's does.
import { TEMPLATE_KEYS, validationFailed, type Template, type TemplateResourceInput } from './arm-template.ts';
import { copyCount, evaluateValue, resourceIdOf, type CopyFrame, type Json, type TemplateScope } from './template-expressions.ts';
import { TEMPLATE_LIMITS } from './template-limits.ts';

/** One resource to PUT: its full type and name, id, api-version, body (still unevaluated) and what it waits for. */
export interface PlannedResource {
  /** The name as the template gives it (what reference('name') and dependsOn use). */
  name: string;
  type: string;
  id: string;
  apiVersion: string | undefined;
  body: Record<string, unknown>;
  /** Ids of the template resources it waits for. */
  dependsOn: string[];
  /** The copy loop iteration this instance is (what copyIndex() in its body reads). */
  copy?: readonly CopyFrame[] | undefined;
}

interface Node extends Omit<PlannedResource, 'dependsOn'> {
  deps: number[];
  input: TemplateResourceInput;
  /** The resource copy loop it belongs to, for dependsOn naming the loop. */
  loop: string | undefined;
}

interface Loop { name: string; count: number; serialBatch: number | undefined }

/** The scope an instance's expressions see: its copy iteration on top of the deployment's. */
function within(scope: TemplateScope, copy: readonly CopyFrame[] | undefined): TemplateScope {
  return copy === undefined || copy.length === 0 ? scope : { ...scope, copy };
}

/** A nested deployment whose template is evaluated in its own scope ("expressionEvaluationOptions": {"scope": "inner"}). */
function innerScoped(p: Pick<PlannedResource, 'body' | 'type'>): Record<string, unknown> | undefined {
  if (p.type.toLowerCase() !== 'microsoft.resources/deployments') return undefined;
  const props = key(p.body, 'properties');
  if (props === null || typeof props !== 'object') return undefined;
  const options = key(props as Record<string, unknown>, 'expressionevaluationoptions');
  const scope = options !== null && typeof options === 'object' ? key(options as Record<string, unknown>, 'scope') : undefined;
  return typeof scope === 'string' && scope.toLowerCase() === 'inner' ? (props as Record<string, unknown>) : undefined;
}

/**
 * A template resource's body evaluated for its instance (deploy time, what-if, validate). A nested
 * deployment with inner scope keeps its template as written: the nested deployment evaluates it with
 * its own parameters; with the default (outer) scope the parent's values are used throughout.
 */
export async function evaluateBody(p: Pick<PlannedResource, 'body' | 'copy' | 'type'>, scope: TemplateScope): Promise<Json> {
  const inner = innerScoped(p);
  const s = within(scope, p.copy);
  if (inner === undefined) return evaluateValue(p.body, s, p.type);
  const templateKey = Object.keys(inner).find((k) => k.toLowerCase() === 'template');
  const rest = Object.fromEntries(Object.entries(inner).filter(([k]) => k !== templateKey));
  const body = (await evaluateValue({ ...p.body, properties: rest }, s, p.type)) as Record<string, Json>;
  const properties = body.properties as Record<string, Json>;
  return { ...body, properties: { ...properties, ...(templateKey === undefined ? {} : { template: inner[templateKey] as Json }) } };
}

function key(o: Record<string, unknown>, k: string): unknown {
  const found = Object.keys(o).find((x) => x.toLowerCase() === k.toLowerCase());
  return found === undefined ? undefined : o[found];
}

/** The resource's copy element: {name, count, mode?, batchSize?}, checked as ARM checks it. */
async function loopOf(r: TemplateResourceInput, scope: TemplateScope): Promise<Loop | undefined> {
  if (r.copy === undefined) return undefined;
  const c = r.copy;
  if (c === null || typeof c !== 'object' || Array.isArray(c)) throw validationFailed(`The template resource '${r.name}' has an invalid copy: it must be an object with 'name' and 'count'. Please see https://aka.ms/arm-copy for usage details`);
  const copy = c as Record<string, unknown>;
  const name = key(copy, 'name');
  if (typeof name !== 'string' || name === '') throw validationFailed(`The template resource '${r.name}' has a copy without a 'name'. Please see https://aka.ms/arm-copy for usage details`);
  if (key(copy, 'count') === undefined) throw validationFailed(`The copy '${name}' of template resource '${r.name}' has no 'count'. Please see https://aka.ms/arm-copy for usage details`);
  const count = await copyCount(key(copy, 'count'), name, scope);
  const mode = key(copy, 'mode') ?? 'Parallel';
  if (typeof mode !== 'string' || !['serial', 'parallel'].includes(mode.toLowerCase())) throw validationFailed(`The copy '${name}' has an invalid mode '${JSON.stringify(mode)}': the mode must be 'Serial' or 'Parallel'. Please see https://aka.ms/arm-copy for usage details`);
  const batch = await evaluateValue(key(copy, 'batchsize') ?? 1, scope);
  if (typeof batch !== 'number' || !Number.isInteger(batch) || batch < 1) throw validationFailed(`The copy '${name}' has an invalid batchSize '${JSON.stringify(batch)}': it must be a positive integer. Please see https://aka.ms/arm-copy for usage details`);
  return { name, count, serialBatch: mode.toLowerCase() === 'serial' ? batch : undefined };
}

/**
 * A top-level resource's id. A nested deployment may name another resource group or subscription
 * ("resourceGroup", "subscriptionId"): its id is there, and it deploys there
 * (https://learn.microsoft.com/azure/azure-resource-manager/templates/deploy-to-resource-group#deploy-to-multiple-resource-groups).
 */
function bodyOf(r: TemplateResourceInput): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r).filter(([k]) => !TEMPLATE_KEYS.has(k.toLowerCase())));
}

/**
 * Where a resource is deployed: the deployment's group, except for a nested deployment naming its
 * own `subscriptionId` and/or `resourceGroup` (ARM's cross-scope deployments; only they may).
 */
async function targetOf(r: TemplateResourceInput, type: string, scope: TemplateScope): Promise<TemplateScope> {
  if (type.toLowerCase() !== 'microsoft.resources/deployments') {
    // Ignoring it would deploy into another group than the template says.
    const named = ['resourceGroup', 'subscriptionId'].find((k) => key(r, k) !== undefined);
    if (named !== undefined) throw validationFailed(`The template resource '${r.name}' of type '${type}' cannot name a '${named}': only a nested deployment (Microsoft.Resources/deployments) deploys to another resource group or subscription. Please see https://aka.ms/arm-syntax-resources for usage details`);
    return scope;
  }
  const at = async (k: string): Promise<string | undefined> => {
    const raw = key(r, k);
    if (raw === undefined) return undefined;
    const v = await evaluateValue(raw, scope, `${type}.${k}`);
    if (typeof v !== 'string' || v === '') throw validationFailed(`The template resource '${r.name}' of type '${type}' has an invalid '${k}': it must be a non-empty string`);
    return v;
  };
  const [subscriptionId, group] = [await at('subscriptionId'), await at('resourceGroup')];
  // Only a subscription named: the nested deployment runs at that subscription's scope, as ARM documents.
  const resourceGroupName = group ?? (subscriptionId === undefined ? scope.resourceGroupName : undefined);
  return { ...scope, ...(subscriptionId === undefined ? {} : { subscriptionId }), resourceGroupName };
}

interface Expansion { all: Node[]; skipped: Set<number>; scope: TemplateScope; loops: Set<string> }

/** Adds one template resource (each of its copy instances) and, under each, its nested children. */
async function expand(r: TemplateResourceInput, parent: number | undefined, parentType: string, frames: readonly CopyFrame[], x: Expansion): Promise<void> {
  // A nested child's type and name are relative to its parent's.
  const type = parent === undefined ? r.type : `${parentType}/${r.type}`;
  if (parent !== undefined && r.copy !== undefined) throw validationFailed(`The nested template resource '${r.name}' of type '${type}' cannot have a copy loop: define it as a top-level resource instead. Please see https://aka.ms/arm-copy for usage details`);
  const loop = await loopOf(r, within(x.scope, frames));
  if (loop !== undefined) x.loops.add(loop.name.toLowerCase());
  const instances = loop === undefined ? [frames] : Array.from({ length: loop.count }, (_v, index) => [...frames, { name: loop.name, index, resource: true }]);
  const first = x.all.length;
  for (const [n, copy] of instances.entries()) {
    const s = within(x.scope, copy);
    const i = x.all.length;
    if (i >= TEMPLATE_LIMITS.resources) throw validationFailed(`The number of template resources '${i + 1}' exceeds the limit of '${TEMPLATE_LIMITS.resources}' (copies included)`);
    const condition = r.condition === undefined ? true : await evaluateValue(r.condition, s, `${type}.condition`);
    if (typeof condition !== 'boolean') throw validationFailed(`The template resource '${r.name}' of type '${type}' has a 'condition' that is not a boolean`);
    if (!condition || (parent !== undefined && x.skipped.has(parent))) x.skipped.add(i);
    const own = await evaluateValue(r.name, s, `${type}.name`);
    if (typeof own !== 'string' || own === '') throw validationFailed(`The template resource name of type '${type}' must be a non-empty string`);
    const name = parent === undefined ? own : `${x.all[parent]?.name ?? ''}/${own}`;
    if (name.split('/').length !== type.split('/').length - 1) {
      throw validationFailed(`The template resource '${name}' for type '${type}' has an incorrect segment length. A nested resource type must have identical number of segments as its resource name`);
    }
    if (x.all.some((p) => p.type.toLowerCase() === type.toLowerCase() && p.name.toLowerCase() === name.toLowerCase())) {
      throw validationFailed(`The resource '${type}/${name}' is defined multiple times in a template. Please see https://aka.ms/arm-syntax-resources for usage details`);
    }
    const id = resourceIdOf([type, ...name.split('/')], await targetOf(r, type, s));
    // Serial copies wait for the batch before theirs, which is how ARM orders them.
    const batch = loop?.serialBatch;
    const previous = batch === undefined || n < batch ? [] : Array.from({ length: batch }, (_v, k) => first + (Math.floor(n / batch) - 1) * batch + k);
    x.all.push({ name, type, id, apiVersion: r.apiVersion, body: bodyOf(r), deps: [...(parent === undefined ? [] : [parent]), ...previous], input: r, loop: loop?.name, copy: copy.length === 0 ? undefined : copy });
    for (const child of r.resources ?? []) await expand(child, i, type, copy, x);
  }
}

/** Resolves a dependsOn entry (a resource name, "type/name", a resource id or a copy loop) to resources. */
function dependency(entry: string, x: Expansion): number[] {
  const e = entry.toLowerCase();
  const found = x.all.flatMap((p, i) => (p.id.toLowerCase() === e || p.name.toLowerCase() === e || `${p.type}/${p.name}`.toLowerCase() === e || p.loop?.toLowerCase() === e ? [i] : []));
  // A copy loop of count 0 has no instances, and depending on it is allowed.
  if (found.length === 0 && !x.loops.has(e)) throw validationFailed(`The resource '${entry}' is not defined in the template. Please see https://aka.ms/arm-syntax for usage details`);
  return found;
}

/** Stable topological order: template order, except that a resource comes after what it depends on. */
function ordered(all: readonly Node[], skipped: ReadonlySet<number>): PlannedResource[] {
  const out: PlannedResource[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number): void => {
    if (state.get(i) === 'done') return;
    if (state.get(i) === 'visiting') throw validationFailed(`Circular dependency detected on resource: '${all[i]?.id ?? ''}'. Please see https://aka.ms/arm-syntax-resources for usage details`);
    state.set(i, 'visiting');
    for (const d of all[i]?.deps ?? []) visit(d);
    state.set(i, 'done');
    const node = all[i];
    if (node && !skipped.has(i)) {
      const { deps, input: _input, loop: _loop, copy, ...p } = node;
      out.push({ ...p, dependsOn: deps.filter((d) => !skipped.has(d)).map((d) => all[d]?.id ?? ''), ...(copy === undefined ? {} : { copy }) });
    }
  };
  all.forEach((_p, i) => {
    visit(i);
  });
  return out;
}

/** The resources to deploy, in order: copies expanded, names, conditions and dependsOn evaluated; bodies left for deploy time. */
export async function planResources(template: Template, scope: TemplateScope): Promise<PlannedResource[]> {
  const x: Expansion = { all: [], skipped: new Set(), scope, loops: new Set() };
  // A resource whose condition is false is not deployed, nor are its nested children; depending on it is allowed.
  for (const r of template.resources) await expand(r, undefined, '', [], x);
  // dependsOn may name any resource of the template, so it is resolved once all are known.
  for (const [i, p] of x.all.entries()) {
    for (const entry of p.input.dependsOn ?? []) {
      const v = await evaluateValue(entry, within(scope, p.copy), `${p.type}.dependsOn`);
      if (typeof v !== 'string') throw validationFailed(`The dependsOn entries of resource '${p.name}' must be strings`);
      for (const d of dependency(v, x)) if (d !== i && !p.deps.includes(d)) p.deps.push(d);
    }
  }
  return ordered(x.all, x.skipped);
}
