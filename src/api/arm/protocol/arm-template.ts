// The structure of an ARM deployment template, as far as FastRoute deploys it: parameters (given
// values, then defaults), variables (lazy, so they may use each other), resources (nested child
// resources flattened, `condition` honoured) put in dependency order, and outputs. Expressions are
// evaluated by template-expressions.ts; reaching a resource (reference) is the caller's business.
import { z } from 'zod';
import { CloudError } from '../../../model/errors.ts';
import { evaluateValue, expandCopy, type Json, type TemplateScope } from './template-expressions.ts';
import { TEMPLATE_LIMITS } from './template-limits.ts';
import { checkParameter } from './template-parameters.ts';

const templateResource: z.ZodType<TemplateResourceInput> = z.lazy(() => z.looseObject({
  type: z.string(),
  name: z.string(),
  apiVersion: z.string().optional(),
  dependsOn: z.array(z.string()).optional(),
  condition: z.unknown().optional(),
  copy: z.unknown().optional(),
  resources: z.array(templateResource).optional(),
}));

export interface TemplateResourceInput {
  type: string;
  name: string;
  apiVersion?: string | undefined;
  dependsOn?: string[] | undefined;
  condition?: unknown;
  copy?: unknown;
  resources?: TemplateResourceInput[] | undefined;
  [key: string]: unknown;
}

export const templateSchema = z.looseObject({
  parameters: z.record(z.string(), z.looseObject({ type: z.string(), defaultValue: z.unknown().optional() })).optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
  resources: z.array(templateResource),
  outputs: z.record(z.string(), z.looseObject({ type: z.string(), value: z.unknown().optional() })).optional(),
});

export type Template = z.output<typeof templateSchema>;

/** Deployment parameter values as sent: {name: {value}} (Key Vault references are not modelled). */
export type ParameterValues = Record<string, { value?: unknown; reference?: unknown }>;

export function validationFailed(detail: string): CloudError {
  return new CloudError('azure', 400, 'InvalidTemplate', `Deployment template validation failed: '${detail}'.`);
}

/** Keys of a template resource that are the template's own, not part of the resource's body (a nested deployment's target included). */
export const TEMPLATE_KEYS = new Set(['type', 'name', 'apiversion', 'dependson', 'condition', 'copy', 'resources', 'comments', 'metadata', 'scope', 'resourcegroup', 'subscriptionid']);

/** ARM's spelling of a declared type on the deployment (parameters and outputs). */
export function armTypeName(type: string): string {
  const t = type.toLowerCase();
  const names: Record<string, string> = { string: 'String', securestring: 'SecureString', int: 'Int', bool: 'Bool', object: 'Object', secureobject: 'SecureObject', array: 'Array' };
  return names[t] ?? type;
}

export function isSecure(type: string): boolean {
  return type.toLowerCase().startsWith('secure');
}

/** Parameters and variables of one deployment, evaluated on demand and cached. */
export class TemplateValues {
  private readonly params = new Map<string, Promise<Json>>();
  private readonly vars = new Map<string, Promise<Json>>();
  private readonly pending = new Set<string>();

  constructor(private readonly template: Template, private readonly given: ParameterValues) {}

  /** Refuses templates over ARM's count limits, values for undeclared parameters and missing values without a default, as ARM's validation does. */
  check(): void {
    const counts = { parameters: Object.keys(this.template.parameters ?? {}).length, variables: Object.keys(this.template.variables ?? {}).length, outputs: Object.keys(this.template.outputs ?? {}).length };
    for (const [what, count] of Object.entries(counts) as [keyof typeof counts, number][]) {
      if (count > TEMPLATE_LIMITS[what]) throw validationFailed(`The number of template ${what} '${count}' exceeds the limit of '${TEMPLATE_LIMITS[what]}'`);
    }
    const declared = Object.keys(this.template.parameters ?? {});
    const unknown = Object.keys(this.given).filter((g) => !declared.some((d) => d.toLowerCase() === g.toLowerCase()));
    if (unknown.length > 0) {
      throw validationFailed(`The template parameters '${unknown.join(', ')}' in the parameters file are not valid; they are not present in the original template and can therefore not be provided at deployment time. The only supported parameters for this template are '${declared.join(', ')}'`);
    }
    for (const name of declared) {
      const given = this.givenValue(name);
      if (given?.reference !== undefined) throw new CloudError('azure', 501, 'NotImplemented', `FastRoute does not resolve Key Vault references (parameter '${name}'). See docs/differences.md.`);
      if (given?.value === undefined && this.template.parameters?.[name]?.defaultValue === undefined) {
        throw validationFailed(`The value for the template parameter '${name}' is not provided. Please see https://aka.ms/arm-create-parameter-file for usage details`);
      }
    }
  }

  private givenValue(name: string): { value?: unknown; reference?: unknown } | undefined {
    const key = Object.keys(this.given).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : this.given[key];
  }

  private declared<T>(table: Record<string, T> | undefined, name: string): [string, T] | undefined {
    const key = Object.keys(table ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined || table === undefined ? undefined : [key, table[key] as T];
  }

  /** Guards against parameters or variables defined through each other. */
  private once(cache: Map<string, Promise<Json>>, key: string, compute: () => Promise<Json>): Promise<Json> {
    // Evaluation is sequential, so a key still pending here is being asked for by its own definition.
    if (this.pending.has(key)) return Promise.reject(validationFailed(`The template '${key}' refers to itself through its own definition`));
    const hit = cache.get(key);
    if (hit) return hit;
    this.pending.add(key);
    const p = compute().finally(() => this.pending.delete(key));
    cache.set(key, p);
    return p;
  }

  parameter(name: string, scope: TemplateScope): Promise<Json> {
    const decl = this.declared(this.template.parameters, name);
    if (!decl) return Promise.reject(validationFailed(`The template parameter '${name}' is not found. Please see https://aka.ms/arm-syntax-parameters for usage details`));
    return this.once(this.params, `parameter '${decl[0]}'`, async () => {
      const given = this.givenValue(decl[0]);
      // A value given at deployment time is taken as it is; only defaults are expressions.
      const value = given?.value !== undefined ? (given.value as Json) : await evaluateValue(decl[1].defaultValue, { ...scope, parameterDefault: true }, `parameters.${decl[0]}.defaultValue`);
      checkParameter(decl[0], decl[1], value);
      return value;
    });
  }

  variable(name: string, scope: TemplateScope): Promise<Json> {
    const decl = this.declared(this.template.variables, name);
    const looped = decl === undefined ? this.copiedVariable(name) : undefined;
    // "copy": [{name, count, input}] among the variables defines each named variable as an array.
    if (looped !== undefined) return this.once(this.vars, `variable '${name}'`, async () => (await expandCopy(looped, scope, `variables.${name}`)).values);
    if (!decl || decl[0].toLowerCase() === 'copy') return Promise.reject(validationFailed(`The template variable '${name}' is not found. Please see https://aka.ms/arm-syntax-variables for usage details`));
    return this.once(this.vars, `variable '${decl[0]}'`, () => evaluateValue(decl[1], scope));
  }

  private copiedVariable(name: string): unknown {
    const copy = this.declared(this.template.variables, 'copy')?.[1];
    if (!Array.isArray(copy)) return undefined;
    return copy.find((e: unknown) => {
      const n = e !== null && typeof e === 'object' ? (e as { name?: unknown }).name : undefined;
      return typeof n === 'string' && n.toLowerCase() === name.toLowerCase();
    });
  }

  /** Declared parameter values as the deployment shows them (secure ones without their value). */
  async shown(scope: TemplateScope): Promise<Record<string, { type: string; value?: Json }>> {
    const out: Record<string, { type: string; value?: Json }> = {};
    for (const [name, def] of Object.entries(this.template.parameters ?? {})) {
      out[name] = isSecure(def.type) ? { type: armTypeName(def.type) } : { type: armTypeName(def.type), value: await this.parameter(name, scope) };
    }
    return out;
  }
}

export { evaluateBody, planResources, type PlannedResource } from './template-plan.ts';
