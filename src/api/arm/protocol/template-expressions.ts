// ARM template language expressions ("[reference('conn1')]", "[concat(parameters('p'), '-x')]"),
// hand-parsed: only the functions the az CLI's own templates use (vpn-connection create and the
// other template-based commands): parameters, variables, reference, resourceId, concat,
// resourceGroup, subscription, with property (`.location`) and index (`[0]`) access.
// Evaluation is async because reference() reads a resource through the ARM route table.
import { CloudError } from '../../../model/errors.ts';
import { TEMPLATE_LIMITS, type EvaluationBudget } from './template-limits.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type ExpressionNode =
  | { kind: 'literal'; value: Json }
  | { kind: 'call'; name: string; args: ExpressionNode[] }
  | { kind: 'property'; target: ExpressionNode; name: string }
  | { kind: 'index'; target: ExpressionNode; index: ExpressionNode };

/** What the functions read: the deployment's parameters, variables, resources and scope. */
export interface TemplateScope {
  subscriptionId: string;
  resourceGroupName: string;
  parameter(name: string): Promise<Json>;
  variable(name: string): Promise<Json>;
  /** reference(nameOrId, apiVersion?, 'Full'?): the resource's properties, or all of it when full. */
  reference(target: string, apiVersion: string | undefined, full: boolean): Promise<Json>;
  resourceGroup(): Json;
  subscription(): Json;
  /** Bounds what the deployment's expressions produce in all (ARM's expanded-template limit). */
  budget?: EvaluationBudget;
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

function describeToken(t: Token): string {
  return t.t === 'end' ? 'end of expression' : t.t === 'string' ? `'${t.v}'` : String(t.v);
}

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
  const primary = (): ExpressionNode => {
    const t = peek();
    pos++;
    if (t.t === 'string' || t.t === 'number') return { kind: 'literal', value: t.v };
    if (t.t !== 'ident') throw invalidTemplate(`Unable to parse language expression '${text}': expected a function call, a string or a number and actual '${describeToken(t)}'`);
    expect('(');
    const args: ExpressionNode[] = [];
    if (!(peek().t === 'punct' && (peek() as { v: string }).v === ')')) {
      args.push(expression());
      while (peek().t === 'punct' && (peek() as { v: string }).v === ',') {
        pos++;
        args.push(expression());
      }
    }
    expect(')');
    return { kind: 'call', name: t.v, args };
  };
  const expression = (): ExpressionNode => {
    let node = primary();
    for (;;) {
      const t = peek();
      if (t.t === 'punct' && t.v === '.') {
        pos++;
        const name = peek();
        if (name.t !== 'ident') throw invalidTemplate(`Unable to parse language expression '${text}': expected a property name and actual '${describeToken(name)}'`);
        pos++;
        node = { kind: 'property', target: node, name: name.v };
      } else if (t.t === 'punct' && t.v === '[') {
        pos++;
        const index = expression();
        expect(']');
        node = { kind: 'index', target: node, index };
      } else {
        return node;
      }
    }
  };
  const node = expression();
  if (peek().t !== 'end') throw invalidTemplate(`Unable to parse language expression '${text}': unexpected '${describeToken(peek())}' after the expression`);
  return node;
}

function isObject(v: Json): v is { [key: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function asString(v: Json, fn: string): string {
  if (typeof v !== 'string') throw invalidTemplate(`The template function '${fn}' expects its arguments to be strings`);
  return v;
}

/**
 * resourceId([subscriptionId], [resourceGroupName], 'Namespace/type[/child]', name1, [name2] ...):
 * the first argument holding a '/' is the type; what comes before it scopes the id.
 */
export function resourceIdOf(args: readonly string[], scope: Pick<TemplateScope, 'subscriptionId' | 'resourceGroupName'>): string {
  const typeAt = args.findIndex((a) => a.includes('/'));
  if (typeAt < 0 || typeAt > 2) throw invalidTemplate("The template function 'resourceId' expects a fully qualified resource type such as 'Microsoft.Network/virtualNetworks'");
  const sub = typeAt === 2 ? (args[0] ?? '') : scope.subscriptionId;
  const rg = typeAt === 0 ? scope.resourceGroupName : (args[typeAt - 1] ?? '');
  const [ns = '', ...types] = (args[typeAt] ?? '').split('/');
  const names = args.slice(typeAt + 1);
  if (types.length === 0 || names.length !== types.length) {
    throw invalidTemplate(`Unable to evaluate template language function 'resourceId': the type '${args[typeAt] ?? ''}' requires ${types.length} resource name argument(s), and ${names.length} were given`);
  }
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/${ns}${types.map((t, i) => `/${t}/${names[i] ?? ''}`).join('')}`;
}

async function call(name: string, argNodes: readonly ExpressionNode[], scope: TemplateScope): Promise<Json> {
  const args: Json[] = [];
  for (const a of argNodes) args.push(await evaluateNode(a, scope));
  const fn = name.toLowerCase();
  const arity = (min: number, max: number) => {
    if (args.length < min || args.length > max) throw invalidTemplate(`The template language function '${name}' expects ${min === max ? min : `${min} to ${max}`} argument(s), and ${args.length} were given`);
  };
  switch (fn) {
    case 'parameters':
      arity(1, 1);
      return scope.parameter(asString(args[0] ?? null, name));
    case 'variables':
      arity(1, 1);
      return scope.variable(asString(args[0] ?? null, name));
    case 'reference': {
      arity(1, 3);
      const full = typeof args[2] === 'string' && args[2].toLowerCase() === 'full';
      return scope.reference(asString(args[0] ?? null, name), typeof args[1] === 'string' ? args[1] : undefined, full);
    }
    case 'resourceid':
      return resourceIdOf(args.map((a) => asString(a, name)), scope);
    case 'concat': {
      // The one function whose result can outgrow its inputs (nested concat doubles): its size is charged
      // to the deployment's budget before the result is built.
      scope.budget?.charge(name, args);
      if (args.length > 0 && args.every((a) => Array.isArray(a))) return (args as Json[][]).flat();
      return args.map((a) => (typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean' ? String(a) : JSON.stringify(a))).join('');
    }
    case 'resourcegroup':
      arity(0, 0);
      return scope.resourceGroup();
    case 'subscription':
      arity(0, 0);
      return scope.subscription();
    default:
      throw invalidTemplate(`The template function '${name}' is not valid (FastRoute evaluates parameters, variables, reference, resourceId, concat, resourceGroup and subscription)`);
  }
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

/** Evaluates every expression string inside a JSON value (objects and arrays walked in order). */
export async function evaluateValue(value: unknown, scope: TemplateScope): Promise<Json> {
  if (typeof value === 'string') {
    if (value.startsWith('[[')) return value.slice(1);
    if (isExpression(value) && value.length > TEMPLATE_LIMITS.expressionChars) {
      throw invalidTemplate(`The template language expression of ${value.length} characters exceeds the limit of ${TEMPLATE_LIMITS.expressionChars} characters`);
    }
    return isExpression(value) ? evaluateNode(parseExpression(value.slice(1, -1)), scope) : value;
  }
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const v of value) out.push(await evaluateValue(v, scope));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evaluateValue(v, scope);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return null;
}
