// ARM's lambda functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-lambda):
// filter, groupBy, map, mapValues, reduce, sort and toObject, each taking lambda('x', ['i',] expression)
// whose variables the body reads with lambdaVariables('x'). As documented, a lambda may only be given
// directly as an argument of those seven functions. Lambdas may nest; an inner lambda sees the outer
// one's variables. Every evaluation of a lambda body counts against the deployment's budget, and what
// map, toObject, groupBy and mapValues build is charged before it is added.
import { invalidTemplate, isExpression, parseExpression, type ExpressionNode, type Json, type TemplateScope } from './template-expressions.ts';
import { arity, arr, fnError, isObject, oneOf, typeName, type Call, type JsonObject } from './template-fn-common.ts';
import { EvaluationBudget } from './template-limits.ts';
import { CloudError } from '../../../model/errors.ts';

export interface LambdaScope {
  /** The variables of the lambdas being evaluated, innermost last (what lambdaVariables() reads). */
  lambdaVariables?: ReadonlyMap<string, Json>;
}

type Evaluate = (node: ExpressionNode, scope: TemplateScope) => Promise<Json>;

export const LAMBDA_FUNCTIONS: ReadonlySet<string> = new Set(['filter', 'groupby', 'map', 'mapvalues', 'reduce', 'sort', 'toobject']);

const USAGE = 'Please see https://aka.ms/arm-template-lambda for usage details';

/** A lambda argument, not yet evaluated: its variable names and body. */
interface Lambda {
  names: string[];
  body: ExpressionNode;
}

/** How many variables each function's lambda may declare (map's lambda may take the index as its second). */
const LAMBDA_ARITY: Record<string, [number, number]> = {
  filter: [1, 2], groupby: [1, 1], map: [1, 2], mapvalues: [1, 1], reduce: [2, 3], sort: [2, 2], toobject: [1, 1],
};

function nodeArity(nodes: readonly ExpressionNode[], call: Call, min: number, max: number = min): void {
  arity(nodes.map(() => null), call, min, max);
}

/** Whether an expression reads a lambda variable (which reference() and list*() may not, as documented). */
export function readsLambdaVariables(node: ExpressionNode): boolean {
  switch (node.kind) {
    case 'literal':
      return false;
    case 'call':
      return node.name.toLowerCase() === 'lambdavariables' || node.args.some(readsLambdaVariables);
    case 'property':
      return readsLambdaVariables(node.target);
    case 'index':
      return readsLambdaVariables(node.target) || readsLambdaVariables(node.index);
  }
}

function isLambdaNode(node: ExpressionNode | undefined): node is ExpressionNode & { kind: 'call' } {
  return node?.kind === 'call' && node.name.toLowerCase() === 'lambda';
}

/** lambda('a', ['b', ...], body): names are string literals, the body the last argument. */
function lambdaOf(node: ExpressionNode | undefined, position: number, call: Call): Lambda {
  if (!isLambdaNode(node)) throw invalidTemplate(`The template language function '${call.name}' expects its parameter ${position + 1} to be of type 'Lambda'. ${USAGE}`);
  const body = node.args.at(-1);
  const names = node.args.slice(0, -1).map((n) => (n.kind === 'literal' && typeof n.value === 'string' && n.value !== '' ? n.value : undefined));
  if (body === undefined || names.length === 0 || names.some((n) => n === undefined)) {
    throw invalidTemplate(`The template language function 'lambda' expects one or more variable names as string literals followed by an expression. ${USAGE}`);
  }
  const [min, max] = LAMBDA_ARITY[call.name.toLowerCase()] ?? [1, 1];
  if (names.length < min || names.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw invalidTemplate(`The lambda given to the template language function '${call.name}' must declare ${expected} variable(s), and ${names.length} were given. ${USAGE}`);
  }
  return { names: names as string[], body };
}

/** Evaluates a lambda's body with its variables bound; each evaluation counts against the budget. */
function invoker(call: Call, scope: TemplateScope & { budget: EvaluationBudget }, evaluate: Evaluate): (lambda: Lambda, values: readonly Json[]) => Promise<Json> {
  const budget = scope.budget;
  return (lambda, values) => {
    budget.step(call.name);
    const vars = new Map(scope.lambdaVariables);
    lambda.names.forEach((n, i) => vars.set(n.toLowerCase(), values[i] ?? null));
    return evaluate(lambda.body, { ...scope, budget, lambdaVariables: vars });
  };
}

function expectType<T extends Json>(call: Call, v: Json, type: 'Boolean' | 'String', check: (v: Json) => v is T): T {
  if (!check(v)) throw fnError(call, `the lambda must return a value of type '${type}', and it returned a value of type '${typeName(v)}'`);
  return v;
}
const isBool = (v: Json): v is boolean => typeof v === 'boolean';
const isString = (v: Json): v is string => typeof v === 'string';

/** Stable merge sort: the comparator is a template expression, so it runs O(n log n) times, each counted. */
async function mergeSort(items: Json[], before: (a: Json, b: Json) => Promise<boolean>): Promise<Json[]> {
  if (items.length <= 1) return items;
  const mid = Math.floor(items.length / 2);
  const [left, right] = [await mergeSort(items.slice(0, mid), before), await mergeSort(items.slice(mid), before)];
  const out: Json[] = [];
  let [i, j] = [0, 0];
  while (i < left.length && j < right.length) {
    // Right goes first only when it must come before left: equal elements keep their order.
    if (await before(right[j] ?? null, left[i] ?? null)) out.push(right[j++] ?? null);
    else out.push(left[i++] ?? null);
  }
  return [...out, ...left.slice(i), ...right.slice(j)];
}

async function run(fn: string, call: Call, argNodes: readonly ExpressionNode[], outer: TemplateScope, evaluate: Evaluate): Promise<Json> {
  // Without a deployment's budget (a lone expression), the call and its lambdas share one.
  const budget = outer.budget ?? new EvaluationBudget();
  const scope = { ...outer, budget };
  const apply = invoker(call, scope, evaluate);
  const lambdaAt = (i: number) => lambdaOf(argNodes[i], i, call);
  const input = async (types: ('Array' | 'Object')[]) => oneOf([await evaluate(argNodes[0] as ExpressionNode, scope)], 0, call, types);
  switch (fn) {
    case 'filter': {
      nodeArity(argNodes, call, 2);
      const [items, f] = [arr([await input(['Array'])], 0, call), lambdaAt(1)];
      const out: Json[] = [];
      for (const [i, v] of items.entries()) if (expectType(call, await apply(f, [v, i]), 'Boolean', isBool)) out.push(v);
      return out;
    }
    case 'map': {
      nodeArity(argNodes, call, 2);
      const [items, f] = [arr([await input(['Array'])], 0, call), lambdaAt(1)];
      const out: Json[] = [];
      for (const [i, v] of items.entries()) {
        const mapped = await apply(f, [v, i]);
        budget.charge(call.name, [mapped]);
        out.push(mapped);
      }
      return out;
    }
    case 'reduce': {
      nodeArity(argNodes, call, 3);
      const items = arr([await input(['Array'])], 0, call);
      let acc = await evaluate(argNodes[1] as ExpressionNode, scope);
      const f = lambdaAt(2);
      // Each step's accumulator replaces the last: only the current one counts toward the result's size.
      const mark = budget.mark();
      for (const [i, v] of items.entries()) {
        acc = await apply(f, [acc, v, i]);
        budget.settle(call.name, mark, acc);
      }
      return acc;
    }
    case 'sort': {
      nodeArity(argNodes, call, 2);
      const [items, f] = [arr([await input(['Array'])], 0, call), lambdaAt(1)];
      return mergeSort(items, async (a, b) => expectType(call, await apply(f, [a, b]), 'Boolean', isBool));
    }
    case 'toobject': {
      nodeArity(argNodes, call, 2, 3);
      const items = arr([await input(['Array'])], 0, call);
      const [key, value] = [lambdaAt(1), argNodes.length > 2 ? lambdaAt(2) : undefined];
      const out: JsonObject = {};
      for (const v of items) {
        const k = expectType(call, await apply(key, [v]), 'String', isString);
        const val = value === undefined ? v : await apply(value, [v]);
        budget.charge(call.name, [k, val]);
        out[k] = val;
      }
      return out;
    }
    case 'groupby': {
      nodeArity(argNodes, call, 2);
      const [items, f] = [arr([await input(['Array'])], 0, call), lambdaAt(1)];
      const out: { [key: string]: Json[] } = {};
      for (const v of items) {
        const k = expectType(call, await apply(f, [v]), 'String', isString);
        budget.charge(call.name, [k, v]);
        (out[k] ??= []).push(v);
      }
      return out;
    }
    case 'mapvalues': {
      nodeArity(argNodes, call, 2);
      const [obj, f] = [await input(['Object']), lambdaAt(1)];
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(isObject(obj) ? obj : {})) {
        const mapped = await apply(f, [v]);
        budget.charge(call.name, [k, mapped]);
        out[k] = mapped;
      }
      return out;
    }
    default:
      throw invalidTemplate(`The template function '${call.name}' is not expected at this location. A lambda can only be given directly as a parameter of filter, groupBy, map, mapValues, reduce, sort or toObject. ${USAGE}`);
  }
}

/** filter, groupBy, map, mapValues, reduce, sort, toObject; and lambda() itself, which is refused anywhere else. */
export function lambdaCall(call: Call, argNodes: readonly ExpressionNode[], scope: TemplateScope, evaluate: Evaluate): Promise<Json> {
  return run(call.name.toLowerCase(), call, argNodes, scope, evaluate);
}

/** lambdaVariables('x'): the value of a variable of an enclosing lambda. */
export function lambdaVariable(args: readonly Json[], call: Call, scope: LambdaScope): Json {
  arity(args, call, 1);
  const name = oneOf(args, 0, call, ['String']);
  const vars = scope.lambdaVariables;
  if (vars === undefined) throw invalidTemplate(`The template function '${call.name}' is not expected at this location. It can only be used in the expression of a lambda. ${USAGE}`);
  if (!vars.has(name.toLowerCase())) throw invalidTemplate(`The template lambda variable '${name}' is not defined. The defined lambda variables are '${[...vars.keys()].join(', ')}'. ${USAGE}`);
  return vars.get(name.toLowerCase()) ?? null;
}

/** A lambda() that is not directly an argument of one of the seven lambda functions, or undefined. */
function strayLambda(node: ExpressionNode, allowed: boolean): string | undefined {
  switch (node.kind) {
    case 'literal':
      return undefined;
    case 'call': {
      if (node.name.toLowerCase() === 'lambda' && !allowed) return node.name;
      const takesLambdas = LAMBDA_FUNCTIONS.has(node.name.toLowerCase());
      for (const a of node.args) {
        const found = strayLambda(a, takesLambdas);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    case 'property':
      return strayLambda(node.target, false);
    case 'index':
      return strayLambda(node.target, false) ?? strayLambda(node.index, false);
  }
}

/**
 * ARM validates where lambdas appear before it deploys: every expression of the template is checked
 * here, so a misplaced lambda is a 400 at PUT, not a failure of the resource that uses it. Expressions
 * that do not parse are left for evaluation, which reports them where they are used.
 */
export function checkLambdaPlacement(value: unknown, path = ''): void {
  if (typeof value === 'string') {
    if (!isExpression(value) || !/lambda\s*\(/i.test(value)) return;
    let node: ExpressionNode;
    try {
      node = parseExpression(value.slice(1, -1));
    } catch {
      return;
    }
    const stray = strayLambda(node, false);
    if (stray !== undefined) throw new CloudError('azure', 400, 'InvalidTemplate', `Deployment template validation failed: 'The template function '${stray}' at '${path}' is not expected at this location. A lambda can only be given directly as a parameter of filter, groupBy, map, mapValues, reduce, sort or toObject. ${USAGE}'.`, path);
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkLambdaPlacement(v, `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) checkLambdaPlacement(v, path === '' ? k : `${path}.${k}`);
}
