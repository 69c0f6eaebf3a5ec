// User-defined functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/user-defined-functions):
// the template's `functions` section, [{namespace, members: {name: {parameters: [{name, type}], output:
// {type, value}}}}], called as namespace.name(...). The documented limitations are enforced: a function
// cannot read variables, reads only its own parameters, cannot call reference() (list* is not modelled
// anyway) or another user-defined function, and its parameters have no default values.
// Also tenant(), the deployment's tenant (template-functions-scope).
import { CloudError } from '../../../model/errors.ts';
import { evaluateValue, invalidTemplate, type ExpressionNode, type Json, type TemplateScope } from './template-expressions.ts';
import { arity, typeName, type Call } from './template-fn-common.ts';
import { DEFAULT_TENANT_ID } from '../../../lifecycle/defaults.ts';

export interface UserFunction {
  name: string;
  parameters: { name: string; type: string }[];
  output: { type: string; value: unknown };
}

export interface UserFunctionScope {
  /** The template's user-defined functions by lower-case 'namespace.member'. */
  functions?: ReadonlyMap<string, UserFunction>;
  /** Set while a user-defined function's output is evaluated: the function's name. */
  userFunction?: string;
}

type Evaluate = (node: ExpressionNode, scope: TemplateScope) => Promise<Json>;

function invalidFunctions(detail: string): CloudError {
  return new CloudError('azure', 400, 'InvalidTemplate', `Deployment template validation failed: '${detail}. Please see https://aka.ms/arm-syntax-functions for usage details'.`);
}

const record = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** ARM's declared types and the JSON type each accepts. */
const DECLARED: Record<string, string> = { string: 'String', securestring: 'String', int: 'Integer', bool: 'Boolean', object: 'Object', secureobject: 'Object', array: 'Array' };

function declaredType(where: string, type: unknown): string {
  const t = typeof type === 'string' ? DECLARED[type.toLowerCase()] : undefined;
  if (t === undefined) throw invalidFunctions(`The template ${where} has an invalid type '${String(type)}'. The supported types are '${Object.keys(DECLARED).join(', ')}'`);
  return type as string;
}

/** The `functions` section checked as ARM validates it, indexed by 'namespace.member'. */
export function userFunctionsOf(section: unknown): ReadonlyMap<string, UserFunction> {
  const out = new Map<string, UserFunction>();
  if (section === undefined) return out;
  if (!Array.isArray(section)) throw invalidFunctions("The template 'functions' section must be an array of namespaces");
  for (const ns of section) {
    const namespace = record(ns)?.namespace;
    const members = record(record(ns)?.members);
    if (typeof namespace !== 'string' || namespace === '' || members === undefined) throw invalidFunctions("Each namespace in the template 'functions' section needs a 'namespace' and 'members'");
    for (const [member, def] of Object.entries(members)) {
      const name = `${namespace}.${member}`;
      const d = record(def);
      const output = record(d?.output);
      if (output === undefined || !('value' in output)) throw invalidFunctions(`The template function '${name}' must have an 'output' with a 'type' and a 'value'`);
      const params = d?.parameters ?? [];
      if (!Array.isArray(params)) throw invalidFunctions(`The parameters of the template function '${name}' must be an array`);
      const parameters = params.map((p: unknown) => {
        const r = record(p);
        if (typeof r?.name !== 'string') throw invalidFunctions(`Each parameter of the template function '${name}' needs a 'name' and a 'type'`);
        if ('defaultValue' in r) throw invalidFunctions(`The parameter '${r.name}' of the template function '${name}' has a default value. Parameters of user-defined functions can't have default values`);
        return { name: r.name, type: declaredType(`function '${name}' parameter '${r.name}'`, r.type) };
      });
      if (out.has(name.toLowerCase())) throw invalidFunctions(`The template function '${name}' is defined more than once`);
      out.set(name.toLowerCase(), { name, parameters, output: { type: declaredType(`function '${name}' output`, output.type), value: output.value } });
    }
  }
  return out;
}

function checkType(fn: string, what: string, type: string, v: Json): void {
  const expected = DECLARED[type.toLowerCase()];
  if (typeName(v) !== expected) {
    throw invalidTemplate(`The template function '${fn}' expects ${what} to be of type '${expected ?? type}'. The provided value is of type '${typeName(v)}'. Please see https://aka.ms/arm-syntax-functions for usage details`);
  }
}

const refuse = (fn: string, detail: string) => Promise.reject(invalidTemplate(`The template function '${fn}' is not valid: ${detail}. Please see https://aka.ms/arm-syntax-functions for usage details`));

/** namespace.member(args): the function's output evaluated with only its own parameters. */
export async function userFunctionCall(call: Call, argNodes: readonly ExpressionNode[], scope: TemplateScope, evaluate: Evaluate): Promise<Json> {
  if (scope.userFunction !== undefined) return refuse(scope.userFunction, `a user-defined function can't call other user-defined functions, and it calls '${call.name}'`);
  const fn = scope.functions?.get(call.name.toLowerCase());
  if (fn === undefined) throw invalidTemplate(`The template function '${call.name}' is not valid. Please see https://aka.ms/arm-functions for usage details`);
  const args: Json[] = [];
  for (const a of argNodes) args.push(await evaluate(a, scope));
  arity(args, { name: fn.name }, fn.parameters.length);
  const values = new Map<string, Json>();
  fn.parameters.forEach((p, i) => {
    checkType(fn.name, `its parameter ${i + 1}`, p.type, args[i] ?? null);
    values.set(p.name.toLowerCase(), args[i] ?? null);
  });
  const inner: TemplateScope = {
    ...scope,
    parameter: (n) => (values.has(n.toLowerCase()) ? Promise.resolve(values.get(n.toLowerCase()) ?? null) : refuse(fn.name, `it can only use its own parameters ('${fn.parameters.map((p) => p.name).join(', ')}'), and it reads '${n}'`)),
    variable: (n) => refuse(fn.name, `a user-defined function can't access variables, and it reads '${n}'`),
    reference: (target) => refuse(fn.name, `a user-defined function can't use the reference function, and it references '${target}'`),
    userFunction: fn.name,
    copy: [],
  };
  delete inner.lambdaVariables;
  const result = await evaluateValue(fn.output.value, inner, `functions.${fn.name}.output.value`);
  checkType(fn.name, 'its output', fn.output.type, result);
  return result;
}

/** tenant(): the deployment's tenant. Its id is the subscription's tenant; the name and country are FastRoute's. */
export function tenantOf(scope: TemplateScope): Json {
  const sub = scope.subscription();
  const given = sub !== null && typeof sub === 'object' && !Array.isArray(sub) ? sub.tenantId : undefined;
  const tenantId = typeof given === 'string' ? given : DEFAULT_TENANT_ID;
  return { countryCode: 'US', displayName: 'FastRoute', id: `/tenants/${tenantId}`, tenantId };
}
