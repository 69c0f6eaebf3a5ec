// ARM's lambda functions (filter, map, reduce, sort, toObject, groupBy, mapValues) and user-defined
// functions, against the examples Microsoft Learn documents (template-functions-lambda,
// user-defined-functions), their documented limitations, and the deployment's bounds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudError } from '../../../src/model/errors.ts';
import { evaluateValue, type Json, type TemplateScope } from '../../../src/api/arm/protocol/template-expressions.ts';
import { TemplateValues, templateSchema } from '../../../src/api/arm/protocol/arm-template.ts';
import { EvaluationBudget } from '../../../src/api/arm/protocol/template-limits.ts';

const RG_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg';

const DOGS = [
  { name: 'Evie', age: 5, interests: ['Ball', 'Frisbee'] },
  { name: 'Casper', age: 3, interests: ['Other dogs'] },
  { name: 'Indy', age: 2, interests: ['Butter'] },
  { name: 'Kira', age: 8, interests: ['Rubs'] },
];

/** A deployment's scope over a template (its variables, parameters and functions), as deployments.ts builds it. */
function scopeOf(template: object, extra: Partial<TemplateScope> = {}): TemplateScope {
  const values = new TemplateValues(templateSchema.parse({ resources: [], ...template }), {});
  const s: TemplateScope = {
    subscriptionId: '00000000-0000-0000-0000-000000000000',
    resourceGroupName: 'my-rg',
    parameter: (n) => values.parameter(n, s),
    variable: (n) => values.variable(n, s),
    reference: () => Promise.reject(new CloudError('azure', 404, 'ResourceNotFound', 'none')),
    resourceGroup: () => ({ id: RG_ID, name: 'my-rg', location: 'westeurope' }),
    subscription: () => ({ subscriptionId: '00000000-0000-0000-0000-000000000000' }),
    functions: values.functions,
    ...extra,
  };
  return s;
}

const dogs = scopeOf({ variables: { dogs: DOGS, ages: "[map(variables('dogs'), lambda('dog', lambdaVariables('dog').age))]" } });
const ev = (expression: string, s: TemplateScope = dogs): Promise<Json> => evaluateValue(`[${expression}]`, s);
const invalid = (pattern: RegExp) => (e: unknown) => e instanceof CloudError && e.code === 'InvalidTemplate' && e.status === 400 && pattern.test(e.message);

const [evie, casper, indy, kira] = DOGS;

/** [expression, documented result] (template-functions-lambda). */
const DOCUMENTED: [string, Json][] = [
  ["filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))", [evie, kira] as Json],
  ["filter(variables('dogs'), lambda('val', 'i', and(less(lambdaVariables('i'), 2), equals(substring(lambdaVariables('val').name, 0, 1), 'C'))))", [casper] as Json],
  ["filter(range(0, 10), lambda('i', greater(lambdaVariables('i'), 5)))", [6, 7, 8, 9]],
  ["filter(range(0, 10), lambda('i', equals(0, mod(lambdaVariables('i'), 2))))", [0, 2, 4, 6, 8]],
  ["groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)))", { f: ['foo'], b: ['bar', 'baz'] }],
  ["map(variables('dogs'), lambda('dog', lambdaVariables('dog').name))", ['Evie', 'Casper', 'Indy', 'Kira']],
  ["map(variables('dogs'), lambda('dog', format('Hello {0}!', lambdaVariables('dog').name)))", ['Hello Evie!', 'Hello Casper!', 'Hello Indy!', 'Hello Kira!']],
  ["map(range(0, length(variables('dogs'))), lambda('i', createObject('i', lambdaVariables('i'), 'dog', variables('dogs')[lambdaVariables('i')].name, 'greeting', format('Ahoy, {0}!', variables('dogs')[lambdaVariables('i')].name))))",
    ['Evie', 'Casper', 'Indy', 'Kira'].map((dog, i) => ({ i, dog, greeting: `Ahoy, ${dog}!` }))],
  ["map(variables('dogs'), lambda('x', 'i', createObject('index', lambdaVariables('i'), 'val', lambdaVariables('x').name)))", ['Evie', 'Casper', 'Indy', 'Kira'].map((val, index) => ({ index, val }))],
  ["mapValues(createObject('foo', 'foo', 'bar', 'bar'), lambda('val', toUpper(lambdaVariables('val'))))", { foo: 'FOO', bar: 'BAR' }],
  ["reduce(variables('ages'), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))", 18],
  ["reduce(variables('ages'), 1, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))", 19],
  ["reduce(createArray(createObject('foo', 123), createObject('bar', 456), createObject('baz', 789)), createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))", { foo: 123, bar: 456, baz: 789 }],
  ["sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age)))", [indy, casper, evie, kira] as Json],
  ["toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name))", { Evie: evie, Casper: casper, Indy: indy, Kira: kira } as Json],
  ["toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name), lambda('entry', lambdaVariables('entry')))", { Evie: evie, Casper: casper, Indy: indy, Kira: kira } as Json],
];

const UDF_TEMPLATE = {
  parameters: { storageNamePrefix: { type: 'string', maxLength: 11, defaultValue: 'Store' } },
  variables: { secret: 'not for functions' },
  functions: [{
    namespace: 'contoso',
    members: {
      uniqueName: {
        parameters: [{ name: 'namePrefix', type: 'string' }],
        output: { type: 'string', value: "[concat(toLower(parameters('namePrefix')), uniqueString(resourceGroup().id))]" },
      },
      subnets: {
        parameters: [{ name: 'space', type: 'string' }, { name: 'count', type: 'int' }],
        output: { type: 'array', value: "[map(range(0, parameters('count')), lambda('i', cidrSubnet(parameters('space'), 24, lambdaVariables('i'))))]" },
      },
      readsVariable: { parameters: [], output: { type: 'string', value: "[variables('secret')]" } },
      readsTemplateParameter: { parameters: [], output: { type: 'string', value: "[parameters('storageNamePrefix')]" } },
      callsAnother: { parameters: [], output: { type: 'string', value: "[contoso.uniqueName('x')]" } },
      references: { parameters: [], output: { type: 'object', value: "[reference('vnet')]" } },
      lies: { parameters: [], output: { type: 'int', value: 'a string' } },
    },
  }],
};

void describe('ARM lambda functions (documented examples)', () => {
  void it('filter, groupBy, map, mapValues, reduce, sort and toObject give the documented results', async () => {
    for (const [expression, expected] of DOCUMENTED) assert.deepEqual(await ev(expression), expected, expression);
  });

  void it('lambdas nest, an inner lambda reading the outer one\'s variable; sort is stable', async () => {
    assert.deepEqual(await ev("map(createArray(createArray(1, 2), createArray(3)), lambda('a', map(lambdaVariables('a'), lambda('b', add(lambdaVariables('b'), length(lambdaVariables('a')))))))"), [[3, 4], [4]]);
    assert.deepEqual(await ev("map(sort(variables('dogs'), lambda('a', 'b', less(length(lambdaVariables('a').interests), length(lambdaVariables('b').interests)))), lambda('d', lambdaVariables('d').name))"), ['Casper', 'Indy', 'Kira', 'Evie']);
    assert.equal(await ev("reduce(variables('ages'), 0, lambda('cur', 'next', 'i', if(equals(mod(lambdaVariables('i'), 2), 0), add(lambdaVariables('cur'), lambdaVariables('next')), lambdaVariables('cur'))))"), 7);
  });

  void it("refuses lambdas where ARM does, with InvalidTemplate", async () => {
    await assert.rejects(ev("lambda('x', 1)"), invalid(/'lambda' is not expected at this location/));
    await assert.rejects(ev("length(lambda('x', 1))"), invalid(/'lambda' is not expected at this location/));
    await assert.rejects(ev("lambdaVariables('x')"), invalid(/can only be used in the expression of a lambda/));
    await assert.rejects(ev("map(range(0, 2), lambda('x', lambdaVariables('y')))"), invalid(/lambda variable 'y' is not defined/));
    await assert.rejects(ev("map(range(0, 2), 1)"), invalid(/'map' expects its parameter 2 to be of type 'Lambda'/));
    await assert.rejects(ev("map(range(0, 2), lambda('a', 'b', 'c', 1))"), invalid(/must declare 1 to 2 variable\(s\), and 3 were given/));
    await assert.rejects(ev("filter(range(0, 2), lambda('x', 1))"), invalid(/must return a value of type 'Boolean'/));
    await assert.rejects(ev("toObject(range(0, 2), lambda('x', lambdaVariables('x')))"), invalid(/must return a value of type 'String'/));
    await assert.rejects(ev("map('abc', lambda('x', 1))"), invalid(/'map' expects its parameter 1 to be of type 'Array'/));
    // As documented: lambda variables cannot be given to reference() (or list*).
    await assert.rejects(ev("map(createArray('vnet'), lambda('x', reference(lambdaVariables('x'))))"), invalid(/'reference' cannot take lambda variables/));
  });

  void it('map, toObject, groupBy and mapValues charge what they build; evaluations are bounded', async () => {
    const over = (e: unknown) => e instanceof CloudError && e.code === 'DeploymentJobSizeExceeded';
    const small = (limit: number, steps?: number) => scopeOf({ variables: { big: '[padLeft(\'\', 200, \'x\')]' } }, { budget: new EvaluationBudget(limit, steps) });
    await assert.rejects(ev("map(range(0, 100), lambda('i', variables('big')))", small(5000)), over);
    await assert.rejects(ev("toObject(range(0, 100), lambda('i', string(lambdaVariables('i'))), lambda('i', variables('big')))", small(5000)), over);
    await assert.rejects(ev("mapValues(toObject(range(0, 30), lambda('i', string(lambdaVariables('i')))), lambda('v', variables('big')))", small(5000)), over);
    await assert.rejects(ev("groupBy(map(range(0, 30), lambda('i', variables('big'))), lambda('v', lambdaVariables('v')))", small(12_000)), over);
    // reduce keeps only its latest accumulator: building a string step by step counts its final size, not every step's.
    // (Every step charged in full would be 5,000,000 characters here.)
    const built = await ev("reduce(range(0, 1000), '', lambda('acc', 'i', concat(lambdaVariables('acc'), 'xxxxxxxxxx')))", small(1_000_000));
    assert.equal((built as string).length, 10_000);
    // What reduce produces and discards is bounded too (32 times the limit), so the work ends.
    await assert.rejects(ev("reduce(range(0, 2000), variables('big'), lambda('acc', 'i', concat(take(lambdaVariables('acc'), 200), 'x')))", small(5000)), (e) => over(e) && /produced and discarded by reduce/.test((e as Error).message));
    // filter and reduce build nothing large, but each evaluation of their lambda counts.
    await assert.rejects(ev("filter(range(0, 1000), lambda('i', equals(0, mod(lambdaVariables('i'), 2))))", small(100_000, 500)), invalid(/more than 500 times/));
    await assert.rejects(ev("reduce(range(0, 200), 0, lambda('a', 'b', reduce(range(0, 200), lambdaVariables('a'), lambda('c', 'd', add(lambdaVariables('c'), 1)))))", small(100_000, 10_000)), invalid(/more than 10000 times/));
  });
});

void describe('ARM user-defined functions', () => {
  const udf = scopeOf(UDF_TEMPLATE);

  void it('evaluates the documented contoso.uniqueName with only its own parameters', async () => {
    assert.equal(await ev("contoso.uniqueName(parameters('storageNamePrefix'))", udf), 'storebmg7c6xu4tw46');
    assert.equal(await ev("contoso.UNIQUENAME('Abc')", udf), 'abcbmg7c6xu4tw46');
    assert.deepEqual(await ev("contoso.subnets('10.1.0.0/16', 3)", udf), ['10.1.0.0/24', '10.1.1.0/24', '10.1.2.0/24']);
    assert.deepEqual(await evaluateValue({ name: "[contoso.uniqueName('vm')]", n: "[length(contoso.subnets('10.1.0.0/16', 2))]" }, udf), { name: 'vmbmg7c6xu4tw46', n: 2 });
  });

  void it('enforces the documented limitations, with InvalidTemplate', async () => {
    await assert.rejects(ev('contoso.readsVariable()', udf), invalid(/can't access variables/));
    await assert.rejects(ev('contoso.readsTemplateParameter()', udf), invalid(/can only use its own parameters/));
    await assert.rejects(ev('contoso.callsAnother()', udf), invalid(/can't call other user-defined functions/));
    await assert.rejects(ev('contoso.references()', udf), invalid(/can't use the reference function/));
    await assert.rejects(ev('contoso.lies()', udf), invalid(/expects its output to be of type 'Integer'. The provided value is of type 'String'/));
    await assert.rejects(ev('contoso.uniqueName()', udf), invalid(/must have 1 parameter\(s\), and 0 were given/));
    await assert.rejects(ev('contoso.uniqueName(1)', udf), invalid(/expects its parameter 1 to be of type 'String'. The provided value is of type 'Integer'/));
    await assert.rejects(ev('contoso.nope()', udf), invalid(/'contoso.nope' is not valid/));
    const withDefault = { functions: [{ namespace: 'x', members: { f: { parameters: [{ name: 'p', type: 'string', defaultValue: 'a' }], output: { type: 'string', value: 'b' } } } }] };
    assert.throws(() => scopeOf(withDefault), invalid(/can't have default values/));
    assert.throws(() => scopeOf({ functions: [{ namespace: 'x', members: { f: { output: { type: 'text', value: 'b' } } } }] }), invalid(/invalid type 'text'/));
    assert.throws(() => scopeOf({ functions: { namespace: 'x' } }), invalid(/must be an array/));
  });
});
