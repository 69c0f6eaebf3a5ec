// ARM template language expressions ("[reference('conn1')]", "[format('{0}-x', parameters('p'))]"),
// hand-parsed: function calls, string and integer literals, property (`.location`) and index
// (`[0]`) access; property copy loops inside objects. The function library is in template-fn-*.ts
// (docs/template-functions.md lists what is evaluated). Evaluation is async because reference()
// reads a resource through the ARM route table.
import { CloudError } from '../../../model/errors.ts';
import { EvaluationBudget, TEMPLATE_LIMITS } from './template-limits.ts';
import { arity, int, isObject, str, typeName, type Call, type PureFunction } from './template-fn-common.ts';
import { COLLECTION_FUNCTIONS } from './template-fn-collection.ts';
import { LOGIC_FUNCTIONS } from './template-fn-logic.ts';
import { AZURE_CLOUD_ENVIRONMENT, extensionResourceIdOf, resourceIdOf, subscriptionResourceIdOf, tenantResourceIdOf } from './template-fn-resource.ts';
import { STRING_FUNCTIONS } from './template-fn-string.ts';
import { newGuid, utcNow } from './template-fn-time.ts';
import { DATE_FUNCTIONS } from './template-fn-date.ts';
import { CIDR_FUNCTIONS } from './template-fn-cidr.ts';
import { OBJECT_FUNCTIONS } from './template-fn-object.ts';
import { URI_FUNCTIONS } from './template-fn-uri.ts';
import { lambdaCall, lambdaVariable, LAMBDA_FUNCTIONS, readsLambdaVariables, type LambdaScope } from './template-fn-lambda.ts';
import { tenantOf, userFunctionCall, type UserFunctionScope } from './template-fn-user.ts';

export { resourceIdOf };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type ExpressionNode =
  | { kind: 'literal'; value: Json }
  | { kind: 'call'; name: string; args: ExpressionNode[] }
  | { kind: 'property'; target: ExpressionNode; name: string }
  | { kind: 'index'; target: ExpressionNode; index: ExpressionNode };

/** What the functions read: the deployment's parameters, variables, resources and scope. */
export interface TemplateScope extends LambdaScope, UserFunctionScope {
  subscriptionId: string;
  /** Absent in a subscription-scope deployment. */
  resourceGroupName?: string | undefined;
  parameter(name: string): Promise<Json>;
  variable(name: string): Promise<Json>;
  /** reference(nameOrId, apiVersion?, 'Full'?): the resource's properties, or all of it when full. */
  reference(target: string, apiVersion: string | undefined, full: boolean): Promise<Json>;
  resourceGroup(): Json;
  subscription(): Json;
  /** Bounds what the deployment's expressions produce in all (ARM's expanded-template limit). */
  budget?: EvaluationBudget;
  /** The copy loops being expanded, outermost first (what copyIndex() reads). */
  copy?: readonly CopyFrame[];
  /** deployment(): the deployment's name and properties. */
  deployment?(): Json;
  /** Set while a parameter's defaultValue is evaluated (where utcNow and newGuid are allowed). */
  parameterDefault?: boolean;
  /** The clock utcNow() reads (the engine's, in a deployment). */
  now?(): number;
}

const MORE = 'Please see https://aka.ms/arm-template-expressions for usage details.';

/** ARM's code for a template that cannot be evaluated (a 400 at validation, a failure at deployment). */
export function invalidTemplate(detail: string): CloudError {
  return new CloudError('azure', 400, 'InvalidTemplate', `Deployment template language expression evaluation failed: '${detail}'. ${MORE}`);
}

/** A string is an expression when bracketed; "[[" escapes a literal leading bracket. */
export function isExpression(value: string): boolean {
  return value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

type Token = { t: 'punct'; v: string } | { t: 'string'; v: string } | { t: 'number'; v: number } | { t: 'ident'; v: string } | { t: 'end' };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (why: string) => invalidTemplate(`Unable to parse language expression '${text}': ${why} at position ${i}`);
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if ('(),.[]'.includes(c)) {
      out.push({ t: 'punct', v: c });
      i++;
    } else if (c === "'") {
      // 'it''s' — a doubled quote is a quote.
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) throw fail('unterminated string literal');
        const d = text[i] ?? '';
        if (d === "'" && text[i + 1] === "'") {
          s += "'";
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          s += d;
          i++;
        }
      }
      out.push({ t: 'string', v: s });
    } else if (/[-\d]/.test(c)) {
      const m = /^-?\d+/.exec(text.slice(i));
      if (!m) throw fail(`unexpected '${c}'`);
      out.push({ t: 'number', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w]*/.exec(text.slice(i));
      const word = m?.[0] ?? c;
      out.push({ t: 'ident', v: word });
      i += word.length;
    } else {
      throw fail(`unexpected '${c}'`);
    }
  }
  out.push({ t: 'end' });
  return out;
}

function isPunct(t: Token | undefined, v: string): boolean {
  return t?.t === 'punct' && t.v === v;
}

function describeToken(t: Token): string {
  return t.t === 'end' ? 'end of expression' : t.t === 'string' ? `'${t.v}'` : String(t.v);
}

/** Levels of nesting (calls, properties, indexes) an expression may have; ARM documents none [U]. */
export const MAX_EXPRESSION_DEPTH = 128;

/** Parses the text between the brackets of "[...]". */
export function parseExpression(text: string): ExpressionNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token => tokens[pos] ?? { t: 'end' };
  const expect = (v: string): void => {
    const t = peek();
    if (t.t !== 'punct' || t.v !== v) throw invalidTemplate(`Unable to parse language expression '${text}': expected token '${v}' and actual '${describeToken(t)}'`);
    pos++;
  };
  // The parser and the evaluator recurse once per level of the tree: bound it, so an expression
  // within ARM's 24,576 characters cannot exhaust the stack (a(a(a(… 8,000 deep did).
  const tooDeep = (depth: number): void => {
    if (depth > MAX_EXPRESSION_DEPTH) throw invalidTemplate(`Unable to parse language expression '${text.slice(0, 200)}…': the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep`);
  };
  const primary = (depth: number): ExpressionNode => {
    const t = peek();
    pos++;
    if (t.t === 'string' || t.t === 'number') return { kind: 'literal', value: t.v };
    if (t.t !== 'ident') throw invalidTemplate(`Unable to parse language expression '${text}': expected a function call, a string or a number and actual '${describeToken(t)}'`);
    // A user-defined function is called by namespace and member: contoso.uniqueName(...).
    const member = tokens[pos + 1];
    const qualified = isPunct(peek(), '.') && member?.t === 'ident' && isPunct(tokens[pos + 2], '(') ? `${t.v}.${member.v}` : t.v;
    if (qualified !== t.v) pos += 2;
    expect('(');
    const args: ExpressionNode[] = [];
    if (!(peek().t === 'punct' && (peek() as { v: string }).v === ')')) {
      args.push(expression(depth + 1));
      while (peek().t === 'punct' && (peek() as { v: string }).v === ',') {
        pos++;
        args.push(expression(depth + 1));
      }
    }
    expect(')');
    return { kind: 'call', name: qualified, args };
  };
  const expression = (depth: number): ExpressionNode => {
    tooDeep(depth);
    let node = primary(depth);
    for (;;) {
      const t = peek();
      if (t.t === 'punct' && (t.v === '.' || t.v === '[')) tooDeep(++depth);
      if (t.t === 'punct' && t.v === '.') {
        pos++;
        const name = peek();
        if (name.t !== 'ident') throw invalidTemplate(`Unable to parse language expression '${text}': expected a property name and actual '${describeToken(name)}'`);
        pos++;
        node = { kind: 'property', target: node, name: name.v };
      } else if (t.t === 'punct' && t.v === '[') {
        pos++;
        const index = expression(depth + 1);
        expect(']');
        node = { kind: 'index', target: node, index };
      } else {
        return node;
      }
    }
  };
  const node = expression(0);
  if (peek().t !== 'end') throw invalidTemplate(`Unable to parse language expression '${text}': unexpected '${describeToken(peek())}' after the expression`);
  return node;
}

/** One level of a copy loop being expanded: its name and the iteration's index. */
export interface CopyFrame {
  name: string;
  index: number;
  /** A resource (or output) loop, which copyIndex() without a loop name refers to. */
  resource: boolean;
}

function scopeArgs(args: readonly Json[], call: Call): string[] {
  return args.map((_a, i) => str(args, i, call));
}

/** copyIndex([loopName], [offset]): the iteration of the named loop, or of the resource loop without a name. */
function copyIndex(args: readonly Json[], call: Call, scope: TemplateScope): Json {
  arity(args, call, 0, 2);
  const named = typeof args[0] === 'string' ? args[0] : undefined;
  const offsetAt = named === undefined ? 0 : 1;
  const offset = args.length > offsetAt ? int(args, offsetAt, call) : 0;
  const frames = scope.copy ?? [];
  const frame = named === undefined ? frames.findLast((f) => f.resource) : frames.findLast((f) => f.name.toLowerCase() === named.toLowerCase());
  if (!frame) {
    throw invalidTemplate(named === undefined
      ? "The template function 'copyIndex' is not expected at this location. The function can only be used in a resource with copy specified. Please see https://aka.ms/arm-copy for usage details"
      : `The template function 'copyIndex' has an invalid copy loop name '${named}'. The copy loop must be defined at this location. Please see https://aka.ms/arm-copy for usage details`);
  }
  return frame.index + offset;
}

/** Functions that read the deployment (parameters, resources, scope) rather than only their arguments. */
async function scopeCall(fn: string, args: Json[], call: Call, scope: TemplateScope): Promise<Json | typeof NOT_SCOPED> {
  switch (fn) {
    case 'parameters':
      arity(args, call, 1);
      return scope.parameter(str(args, 0, call));
    case 'variables':
      arity(args, call, 1);
      return scope.variable(str(args, 0, call));
    case 'reference': {
      arity(args, call, 1, 3);
      const full = typeof args[2] === 'string' && args[2].toLowerCase() === 'full';
      return scope.reference(str(args, 0, call), typeof args[1] === 'string' ? args[1] : undefined, full);
    }
    case 'resourceid':
      return resourceIdOf(scopeArgs(args, call), scope);
    case 'subscriptionresourceid':
      return subscriptionResourceIdOf(scopeArgs(args, call), scope);
    case 'tenantresourceid':
      return tenantResourceIdOf(scopeArgs(args, call));
    case 'extensionresourceid':
      return extensionResourceIdOf(scopeArgs(args, call));
    case 'resourcegroup':
      arity(args, call, 0);
      return scope.resourceGroup();
    case 'subscription':
      arity(args, call, 0);
      return scope.subscription();
    case 'deployment':
      arity(args, call, 0);
      return scope.deployment?.() ?? { name: 'deployment', properties: {} };
    case 'environment':
      arity(args, call, 0);
      return AZURE_CLOUD_ENVIRONMENT;
    case 'tenant':
      arity(args, call, 0);
      return tenantOf(scope);
    case 'copyindex':
      return copyIndex(args, call, scope);
    case 'utcnow':
      return utcNow(args, call, scope);
    case 'newguid':
      return newGuid(args, call, scope);
    default:
      return NOT_SCOPED;
  }
}

const NOT_SCOPED = Symbol('not a scope function');

const PURE: Record<string, PureFunction> = { ...STRING_FUNCTIONS, ...COLLECTION_FUNCTIONS, ...LOGIC_FUNCTIONS, ...OBJECT_FUNCTIONS, ...DATE_FUNCTIONS, ...CIDR_FUNCTIONS, ...URI_FUNCTIONS };

/** ARM functions FastRoute does not evaluate, named so the refusal says what is missing. */
const NOT_MODELLED = /^(list\w*|pickzones|providers|managementgroup|managementgroupresourceid|loadtextcontent|loadjsoncontent|loadfileasbase64|externalinput|getsecret)$/;

async function call(name: string, argNodes: readonly ExpressionNode[], scope: TemplateScope): Promise<Json> {
  const fn = name.toLowerCase();
  const c: Call = { name, budget: scope.budget };
  if (fn === 'if') {
    // Only the branch the condition selects is evaluated, as ARM documents.
    if (argNodes.length !== 3) arity(argNodes, c, 3);
    const condition = await evaluateNode(argNodes[0] as ExpressionNode, scope);
    if (typeof condition !== 'boolean') throw invalidTemplate(`The template language function 'if' expects its first parameter to be of type 'Boolean'. The provided value is of type '${typeName(condition)}'. Please see https://aka.ms/arm-functions for usage details`);
    return evaluateNode(argNodes[condition ? 1 : 2] as ExpressionNode, scope);
  }
  // Lambdas are evaluated per element by their function, so their arguments are not evaluated here.
  if (LAMBDA_FUNCTIONS.has(fn) || fn === 'lambda') return lambdaCall(c, argNodes, scope, evaluateNode);
  if (fn.includes('.')) return userFunctionCall(c, argNodes, scope, evaluateNode);
  if ((fn === 'reference' || fn.startsWith('list')) && scope.lambdaVariables !== undefined && argNodes.some(readsLambdaVariables)) {
    throw invalidTemplate(`The template function '${name}' cannot take lambda variables as its parameters. Please see https://aka.ms/arm-template-lambda for usage details`);
  }
  const args: Json[] = [];
  for (const a of argNodes) args.push(await evaluateNode(a, scope));
  if (fn === 'lambdavariables') return lambdaVariable(args, c, scope);
  const scoped = await scopeCall(fn, args, c, scope);
  if (scoped !== NOT_SCOPED) return scoped;
  const pure = PURE[fn];
  if (pure) return pure(args, c);
  if (NOT_MODELLED.test(fn)) throw invalidTemplate(`The template function '${name}' is not modelled by FastRoute. See docs/template-functions.md for the functions it evaluates`);
  throw invalidTemplate(`The template function '${name}' is not valid. Please see https://aka.ms/arm-functions for usage details`);
}

function property(target: Json, name: string): Json {
  if (!isObject(target)) throw invalidTemplate(`The language expression property '${name}' can't be evaluated: the value is not an object`);
  if (name in target) return target[name] ?? null;
  // ARM matches property names without regard to case.
  const key = Object.keys(target).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined) throw invalidTemplate(`The language expression property '${name}' doesn't exist, available properties are '${Object.keys(target).join(', ')}'`);
  return target[key] ?? null;
}

export async function evaluateNode(node: ExpressionNode, scope: TemplateScope): Promise<Json> {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'call':
      return call(node.name, node.args, scope);
    case 'property':
      return property(await evaluateNode(node.target, scope), node.name);
    case 'index': {
      const target = await evaluateNode(node.target, scope);
      const index = await evaluateNode(node.index, scope);
      if (Array.isArray(target) && typeof index === 'number') {
        if (index < 0 || index >= target.length) throw invalidTemplate(`The language expression index '${index}' is out of bounds (array length ${target.length})`);
        return target[index] ?? null;
      }
      if (typeof index === 'string') return property(target, index);
      throw invalidTemplate('The language expression index must be an integer on an array or a string on an object');
    }
  }
}

/** ARM's limit on a copy loop's count (https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources). */
const COPY_COUNT_MAX = 800;

/** A copy loop's count: a non-negative integer no greater than 800. */
export async function copyCount(count: unknown, name: string, scope: TemplateScope): Promise<number> {
  const n = await evaluateValue(count, scope);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw invalidTemplate(`The template copy '${name}' has an invalid count '${JSON.stringify(n)}': the count must be a non-negative integer. Please see https://aka.ms/arm-copy for usage details`);
  if (n > COPY_COUNT_MAX) throw invalidTemplate(`The template copy '${name}' count '${n}' exceeds the maximum allowed value of '${COPY_COUNT_MAX}'. Please see https://aka.ms/arm-copy for usage details`);
  return n;
}

/**
 * The `count` iterations of a copy loop's input. Each iteration's value is charged to the deployment's
 * budget: loops nested in loops multiply, and a literal input is otherwise never measured.
 */
export async function copyValues(input: unknown, count: number, loop: Omit<CopyFrame, 'index'>, scope: TemplateScope, path: string): Promise<Json[]> {
  const s: TemplateScope = { ...scope, budget: scope.budget ?? new EvaluationBudget() };
  const values: Json[] = [];
  for (let index = 0; index < count; index++) {
    const v = await evaluateValue(input, { ...s, copy: [...(s.copy ?? []), { ...loop, index }] }, `${path}[${index}]`);
    s.budget?.charge(`copy '${loop.name}'`, [v]);
    values.push(v);
  }
  return values;
}

/** One property (or variable) copy loop, {name, count, input}: the array of its inputs. */
export async function expandCopy(entry: unknown, scope: TemplateScope, path: string): Promise<{ name: string; values: Json[] }> {
  const e = (entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry : {}) as Record<string, unknown>;
  const key = (k: string) => Object.keys(e).find((x) => x.toLowerCase() === k);
  const name = e[key('name') ?? 'name'];
  const input = key('input');
  if (typeof name !== 'string' || name === '' || input === undefined || key('count') === undefined) {
    throw invalidTemplate(`The template property copy at '${path}' is not valid: each copy needs a 'name', a 'count' and an 'input'. Please see https://aka.ms/arm-copy for usage details`);
  }
  const count = await copyCount(e[key('count') ?? 'count'], name, scope);
  return { name, values: await copyValues(e[input], count, { name, resource: false }, scope, `${path}.${name}`) };
}

/** The expression's error, naming the expression and where in the template it is (once, at the innermost place). */
function located(err: unknown, expression: string, path: string): unknown {
  if (!(err instanceof CloudError) || err.code !== 'InvalidTemplate' || err.target !== undefined || path === '') return err;
  return new CloudError('azure', err.status, err.code, `Unable to process template language expressions at '${path}' for the expression '${expression.slice(0, 256)}'. ${err.message}`, path);
}

/** Evaluates every expression string inside a JSON value (objects and arrays walked in order); `path` names where, for errors. */
export async function evaluateValue(value: unknown, scope: TemplateScope, path = ''): Promise<Json> {
  if (typeof value === 'string') {
    if (value.startsWith('[[')) return value.slice(1);
    if (!isExpression(value)) return value;
    if (value.length > TEMPLATE_LIMITS.expressionChars) {
      throw invalidTemplate(`The template language expression of ${value.length} characters exceeds the limit of ${TEMPLATE_LIMITS.expressionChars} characters`);
    }
    try {
      return await evaluateNode(parseExpression(value.slice(1, -1)), scope);
    } catch (err) {
      throw located(err, value, path);
    }
  }
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const [i, v] of value.entries()) out.push(await evaluateValue(v, scope, `${path}[${i}]`));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      const at = path === '' ? k : `${path}.${k}`;
      // "copy": [{name, count, input}] inside an object makes each named property an array (property iteration).
      if (k.toLowerCase() === 'copy' && Array.isArray(v)) {
        for (const entry of v) {
          const { name, values } = await expandCopy(entry, scope, at);
          out[name] = values;
        }
      } else {
        out[k] = await evaluateValue(v, scope, at);
      }
    }
    return out;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return null;
}
