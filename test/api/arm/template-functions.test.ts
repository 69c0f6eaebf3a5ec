// ARM's template function library against the examples Microsoft Learn documents for each function
// (template-functions-string, -array, -object, -comparison, -logical, -numeric, -resource,
// -deployment; copy-properties, copy-variables), and ARM's InvalidTemplate for what is invalid.
// uniqueString and guid against published input/output pairs (docs/template-functions.md).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudError } from '../../../src/model/errors.ts';
import { evaluateValue, type Json, type TemplateScope } from '../../../src/api/arm/protocol/template-expressions.ts';
import { TemplateValues, templateSchema } from '../../../src/api/arm/protocol/arm-template.ts';
import { EvaluationBudget } from '../../../src/api/arm/protocol/template-limits.ts';

const SUB = '00000000-0000-0000-0000-000000000000';

const PARAMS: Record<string, Json> = {
  objectToTest: { null1: null, null2: null, string: 'default', int: 1, object: { first: 'default' }, array: [1] },
  firstObject: { one: 'a', two: 'b', three: 'c' },
  secondObject: { one: 'a', two: 'z', three: 'c' },
  thirdObject: { three: 'c2', four: 'd', five: 'e' },
  firstArray: ['one', 'two', 'three'],
  secondArray: ['two', 'three'],
  thirdArray: ['three', 'four'],
  intArray: [0, 3, 2, 5, 4],
};

function scope(extra: Partial<TemplateScope> = {}): TemplateScope {
  return {
    subscriptionId: SUB,
    resourceGroupName: 'my-rg',
    parameter: (n) => (n in PARAMS ? Promise.resolve(PARAMS[n] ?? null) : Promise.reject(new CloudError('azure', 400, 'InvalidTemplate', `no parameter ${n}`))),
    variable: (n) => Promise.reject(new CloudError('azure', 400, 'InvalidTemplate', `no variable ${n}`)),
    reference: () => Promise.reject(new CloudError('azure', 404, 'ResourceNotFound', 'none')),
    resourceGroup: () => ({ name: 'my-rg', location: 'westeurope', id: `/subscriptions/${SUB}/resourceGroups/my-rg` }),
    subscription: () => ({ subscriptionId: SUB, id: `/subscriptions/${SUB}` }),
    ...extra,
  };
}

const ev = (expression: string, s: TemplateScope = scope()): Promise<Json> => evaluateValue(`[${expression}]`, s);

/** [expression, documented result] pairs, grouped as Microsoft Learn's pages group them. */
const DOCUMENTED: Record<string, [string, Json][]> = {
  string: [
    ["base64('one, two, three')", 'b25lLCB0d28sIHRocmVl'],
    ["base64ToString('b25lLCB0d28sIHRocmVl')", 'one, two, three'],
    ["base64ToJson('eyJvbmUiOiAiYSIsICJ0d28iOiAiYiJ9')", { one: 'a', two: 'b' }],
    ["concat('prefix', '-', 'suffix')", 'prefix-suffix'],
    ["concat(createArray('1-1', '1-2', '1-3'), createArray('2-1', '2-2', '2-3'))", ['1-1', '1-2', '1-3', '2-1', '2-2', '2-3']],
    ["contains('OneTwoThree', 'e')", true],
    ["contains('OneTwoThree', 'z')", false],
    ["dataUri('Hello')", 'data:text/plain;charset=utf8;base64,SGVsbG8='],
    ["dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')", 'Hello, World!'],
    ["empty('')", true],
    ["endsWith('abcdef', 'ef')", true],
    ["endsWith('abcdef', 'F')", true],
    ["endsWith('abcdef', 'e')", false],
    ["first('One Two Three')", 'O'],
    ["format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)", 'Hello, User. Formatted number: 8,175,133'],
    ["format('{0:D5} {0:X} {1:N2} {{literal}}', 42, 1234)", '00042 2A 1,234.00 {literal}'],
    ["indexOf('test', 't')", 0],
    ["indexOf('abcdef', 'CD')", 2],
    ["indexOf('abcdef', 'z')", -1],
    ["last('One Two Three')", 'e'],
    ["lastIndexOf('test', 't')", 3],
    ["lastIndexOf('abcdef', 'AB')", 0],
    ["length('One Two Three')", 13],
    ["padLeft('123', 10, '0')", '0000000123'],
    ["replace('123-123-1234', '-', '')", '1231231234'],
    ["replace('123-123-1234', '1234', 'xxxx')", '123-123-xxxx'],
    ["skip('one two three', 4)", 'two three'],
    ["split('one,two,three', ',')", ['one', 'two', 'three']],
    ["split('one;two,three', createArray(',', ';'))", ['one', 'two', 'three']],
    ["startsWith('abcdef', 'ab')", true],
    ["startsWith('abcdef', 'A')", true],
    ["startsWith('abcdef', 'e')", false],
    ["string(parameters('firstObject'))", '{"one":"a","two":"b","three":"c"}'],
    ["string(parameters('firstArray'))", '["one","two","three"]'],
    ['string(5)', '5'],
    ["substring('one two three', 4, 3)", 'two'],
    ["take('one two three', 2)", 'on'],
    ["toLower('One Two Three')", 'one two three'],
    ["toUpper('One Two Three')", 'ONE TWO THREE'],
    ["trim('    one two three   ')", 'one two three'],
    ["uri('http://contoso.org/firstpath', 'myscript.sh')", 'http://contoso.org/myscript.sh'],
    ["uriComponent('http://contoso.com/resources/nested/azuredeploy.json')", 'http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json'],
    ["uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json')", 'http://contoso.com/resources/nested/azuredeploy.json'],
    ["json('{\"a\": \"b\"}').a", 'b'],
    ["json('null')", null],
  ],
  array: [
    ["array(1)", [1]],
    ["array('efgh')", ['efgh']],
    ["array(parameters('firstObject'))", [{ one: 'a', two: 'b', three: 'c' }]],
    ["contains(parameters('firstArray'), 'three')", true],
    ["contains(parameters('firstArray'), 'four')", false],
    ["createArray('a', 'b', 'c')", ['a', 'b', 'c']],
    ["createArray(1, 2, 3)", [1, 2, 3]],
    ['empty(createArray())', true],
    ["first(parameters('firstArray'))", 'one'],
    ["flatten(createArray(createArray('one', 'two'), createArray('three'), createArray('four', 'five')))", ['one', 'two', 'three', 'four', 'five']],
    ["indexOf(parameters('firstArray'), 'two')", 1],
    ["indexOf(createArray(1, 2, 3), 4)", -1],
    ["intersection(parameters('firstArray'), parameters('secondArray'))", ['two', 'three']],
    ["join(createArray('a', 'b', 'c'), ',')", 'a,b,c'],
    ["last(parameters('firstArray'))", 'three'],
    ["lastIndexOf(createArray('one', 'two', 'one'), 'one')", 2],
    ["length(parameters('firstArray'))", 3],
    ["max(parameters('intArray'))", 5],
    ['max(0, 3, 2, 5, 4)', 5],
    ["min(parameters('intArray'))", 0],
    ['min(0, 3, 2, 5, 4)', 0],
    ['range(1, 5)', [1, 2, 3, 4, 5]],
    ["skip(parameters('firstArray'), 2)", ['three']],
    ["take(parameters('firstArray'), 2)", ['one', 'two']],
    ["union(parameters('firstArray'), parameters('secondArray'), parameters('thirdArray'))", ['one', 'two', 'three', 'four']],
  ],
  object: [
    ["contains(parameters('firstObject'), 'two')", true],
    ["createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true())", { intProp: 1, stringProp: 'abc', boolProp: true }],
    ["empty(json('{}'))", true],
    ["intersection(parameters('firstObject'), parameters('secondObject'))", { one: 'a', three: 'c' }],
    ["items(createObject('b', 2, 'a', 1))", [{ key: 'a', value: 1 }, { key: 'b', value: 2 }]],
    ["length(parameters('objectToTest'))", 6],
    ['null()', null],
    ["union(parameters('firstObject'), parameters('thirdObject'))", { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' }],
  ],
  comparison: [
    ["coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').string)", 'default'],
    ["coalesce(parameters('objectToTest').null1, parameters('objectToTest').int)", 1],
    ['equals(1, 1)', true],
    ["equals('a', 'a')", true],
    ["equals(createArray('a', 'b'), createArray('a', 'b'))", true],
    ["equals(parameters('firstObject'), parameters('secondObject'))", false],
    ['greater(10, 5)', true],
    ["greater('A', 'a')", false],
    ['greaterOrEquals(10, 10)', true],
    ["greaterOrEquals('A', 'a')", false],
    ['less(10, 5)', false],
    ["less('A', 'a')", true],
    ['lessOrEquals(10, 5)', false],
    ["lessOrEquals('A', 'a')", true],
  ],
  logical: [
    ['and(true(), false())', false],
    ['or(true(), false())', true],
    ['not(true())', false],
    ["bool('true')", true],
    ['bool(0)', false],
    ["if(equals('a', 'a'), 'yes', 'no')", 'yes'],
    // Only the branch taken is evaluated (the other would fail).
    ["if(equals('a', 'b'), parameters('nope'), 'no')", 'no'],
  ],
  numeric: [
    ['add(5, 3)', 8],
    ['sub(7, 3)', 4],
    ['mul(5, 3)', 15],
    ['div(8, 3)', 2],
    ['div(-8, 3)', -2],
    ['mod(7, 3)', 1],
    ["int('4')", 4],
  ],
  resource: [
    ["resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'default')", `/subscriptions/${SUB}/resourceGroups/my-rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`],
    ["resourceId('Microsoft.Network/virtualNetworks/', 'vnet')", `/subscriptions/${SUB}/resourceGroups/my-rg/providers/Microsoft.Network/virtualNetworks/vnet`],
    ["resourceId('other-rg', 'Microsoft.Network/virtualNetworks', 'vnet')", `/subscriptions/${SUB}/resourceGroups/other-rg/providers/Microsoft.Network/virtualNetworks/vnet`],
    ["resourceId('11111111-1111-1111-1111-111111111111', 'other-rg', 'Microsoft.Network/virtualNetworks', 'vnet')", '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/other-rg/providers/Microsoft.Network/virtualNetworks/vnet'],
    ["subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')", `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`],
    ["tenantResourceId('Microsoft.Management/managementGroups', 'mg1')", '/providers/Microsoft.Management/managementGroups/mg1'],
    ["extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'lock1')", `/subscriptions/${SUB}/resourceGroups/my-rg/providers/Microsoft.Authorization/locks/lock1`],
    ['environment().name', 'AzureCloud'],
    ['environment().suffixes.storage', 'core.windows.net'],
  ],
};

const invalid = (e: unknown) => e instanceof CloudError && e.code === 'InvalidTemplate' && e.status === 400;

void describe('ARM template functions (documented examples)', () => {
  for (const [group, cases] of Object.entries(DOCUMENTED)) {
    void it(`${group} functions give the documented results`, async () => {
      for (const [expression, expected] of cases) assert.deepEqual(await ev(expression), expected, expression);
    });
  }

  void it('uniqueString is deterministic: 13 base32 characters, the published Azure results for known inputs', async () => {
    const known: [string, string][] = [
      ["uniqueString('test')", 'rbgf3xv4ufgzg'],
      ["uniqueString('hello', 'world')", 'a7wkljktk6wne'],
      ["uniqueString('abc')", 'cgtzqvhu4i23s'],
      ["uniqueString(resourceGroup().id)", 'bmg7c6xu4tw46'],
      ["uniqueString('foo', 'bar', 'baz')", 'xzi4ioaxtmth4'],
    ];
    for (const [expression, expected] of known) assert.equal(await ev(expression), expected, expression);
    assert.match(await ev("uniqueString(subscription().subscriptionId, 'a much longer input string')") as string, /^[a-z2-7]{13}$/);
  });

  void it('at subscription scope resourceId answers subscription-level ids; a resource group\'s id is its own', async () => {
    const atSubscription = scope({ resourceGroupName: undefined });
    assert.equal(await ev("resourceId('Microsoft.Authorization/roleDefinitions', 'r1')", atSubscription), `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/r1`);
    assert.equal(await ev("resourceId('Microsoft.Resources/resourceGroups', 'rg1')", atSubscription), `/subscriptions/${SUB}/resourceGroups/rg1`);
    assert.equal(await ev("subscriptionResourceId('Microsoft.Resources/resourceGroups/', 'rg1')"), `/subscriptions/${SUB}/resourceGroups/rg1`);
    assert.equal(await ev("resourceId('other-rg', 'Microsoft.Network/virtualNetworks', 'vnet')", atSubscription), `/subscriptions/${SUB}/resourceGroups/other-rg/providers/Microsoft.Network/virtualNetworks/vnet`);
  });

  void it('guid is the version-5 UUID of its arguments joined by "-" in ARM\'s namespace', async () => {
    // Expected from Python's uuid.uuid5(UUID('11fb06fb-712d-4ddd-98c7-e71bbd588830'), 'a-b-c'), an independent implementation.
    assert.equal(await ev("guid('a', 'b', 'c')"), 'a98fa280-e03f-5afa-8d8e-92d0a9c201e8');
    assert.equal(await ev("guid('a', 'b', 'c')"), await ev("guid('a-b', 'c')"));
  });

  void it('copyIndex: with an offset, by loop name, and refused outside a loop', async () => {
    const inLoop = scope({ copy: [{ name: 'vms', index: 2, resource: true }, { name: 'disks', index: 1, resource: false }] });
    assert.equal(await ev('copyIndex()', inLoop), 2);
    assert.equal(await ev('copyIndex(1)', inLoop), 3);
    assert.equal(await ev("copyIndex('disks', 1)", inLoop), 2);
    await assert.rejects(ev('copyIndex()'), (e) => invalid(e) && /copyIndex' is not expected at this location/.test((e as Error).message));
    await assert.rejects(ev("copyIndex('nope')", inLoop), invalid);
  });

  void it('property copy loops make arrays (subnets, securityRules); variable copy loops define arrays', async () => {
    const props = {
      copy: [{ name: 'subnets', count: 2, input: { name: "[concat('subnet-', copyIndex('subnets'))]", properties: { addressPrefix: "[concat('10.0.', copyIndex('subnets', 1), '.0/24')]" } } }],
      addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
    };
    assert.deepEqual(await evaluateValue(props, scope()), {
      subnets: [{ name: 'subnet-0', properties: { addressPrefix: '10.0.1.0/24' } }, { name: 'subnet-1', properties: { addressPrefix: '10.0.2.0/24' } }],
      addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
    });
    const template = templateSchema.parse({
      resources: [],
      variables: { copy: [{ name: 'diskNames', count: 3, input: "[concat('myDataDisk', copyIndex('diskNames', 1))]" }], plain: "[length(variables('diskNames'))]" },
    });
    const values = new TemplateValues(template, {});
    const s: TemplateScope = scope({ variable: (n) => values.variable(n, s) });
    assert.deepEqual(await ev("variables('diskNames')", s), ['myDataDisk1', 'myDataDisk2', 'myDataDisk3']);
    assert.equal(await ev("variables('plain')", s), 3);
  });

  void it("refuses what ARM refuses, with InvalidTemplate naming the function and where", async () => {
    const refused = [
      "substring('abc', 2, 5)", 'div(1, 0)', "toLower(1)", "padLeft('1', 3, 'ab')", "range(0, 10001)", "createObject('a')",
      "format('{1}', 'only one')", "int('x')", "bool('maybe')", "resourceId('vnet')", "base64ToString('!!')", "json('{')",
      "if('yes', 1, 2)", 'add(1)', "noSuchFunction()", "listKeys('x', '2020-01-01')", 'and(1, true())',
    ];
    for (const expression of refused) await assert.rejects(ev(expression), invalid, expression);
    await assert.rejects(evaluateValue({ properties: { tags: { a: "[substring('abc', 2, 5)]" } } }, scope(), 'Microsoft.Network/virtualNetworks'), (e) => {
      assert.ok(invalid(e));
      assert.match((e as Error).message, /at 'Microsoft.Network\/virtualNetworks.properties.tags.a' for the expression '\[substring\('abc', 2, 5\)\]'.*index and length parameters must refer to a location within the string/);
      return true;
    });
    await assert.rejects(evaluateValue({ copy: [{ name: 'x', count: 801, input: 1 }] }, scope()), (e) => invalid(e) && /exceeds the maximum allowed value of '800'/.test((e as Error).message));
  });

  void it('parameter constraints (allowedValues, minValue, maxValue, minLength, maxLength) are checked as ARM checks them', async () => {
    const template = templateSchema.parse({
      resources: [],
      parameters: {
        sku: { type: 'string', allowedValues: ['Standard', 'Basic'] },
        count: { type: 'int', minValue: 1, maxValue: 4, defaultValue: 2 },
        name: { type: 'string', minLength: 3, maxLength: 5, defaultValue: "[concat('ab', 'cdef')]" },
      },
    });
    const run = (given: Record<string, { value: unknown }>, name: string) => {
      const values = new TemplateValues(template, given);
      const s: TemplateScope = scope({ parameter: (n) => values.parameter(n, s) });
      return ev(`parameters('${name}')`, s);
    };
    assert.equal(await run({ sku: { value: 'basic' } }, 'sku'), 'basic');
    assert.equal(await run({}, 'count'), 2);
    await assert.rejects(run({ sku: { value: 'Premium' } }, 'sku'), (e) => invalid(e) && /The value 'Premium' is not part of the allowed value\(s\): 'Standard,Basic'/.test((e as Error).message));
    await assert.rejects(run({ count: { value: 0 } }, 'count'), (e) => invalid(e) && /less than the minimum value of '1'/.test((e as Error).message));
    await assert.rejects(run({ count: { value: 5 } }, 'count'), (e) => invalid(e) && /greater than the maximum value of '4'/.test((e as Error).message));
    await assert.rejects(run({}, 'name'), (e) => invalid(e) && /less than or equal to '5'/.test((e as Error).message));
    await assert.rejects(run({ name: { value: 'ab' } }, 'name'), (e) => invalid(e) && /greater than or equal to '3'/.test((e as Error).message));
  });

  void it('utcNow and newGuid only in a parameter default value', async () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    const inDefault = scope({ parameterDefault: true, now: () => at });
    assert.equal(await ev('utcNow()', inDefault), '20260102T030405Z');
    assert.equal(await ev("utcNow('u')", inDefault), '2026-01-02 03:04:05Z');
    assert.equal(await ev("utcNow('yyyy-MM-dd')", inDefault), '2026-01-02');
    assert.match(await ev('newGuid()', inDefault) as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const expression of ['utcNow()', 'newGuid()']) await assert.rejects(ev(expression), (e) => invalid(e) && /only be used in the default value of a parameter/.test((e as Error).message));
  });

  void it('functions that can grow a value are bounded by the deployment budget', async () => {
    const small = scope({ budget: new EvaluationBudget(1000) });
    const over = (e: unknown) => e instanceof CloudError && e.code === 'DeploymentJobSizeExceeded';
    await assert.rejects(ev("padLeft('1', 2000, '0')", small), over);
    await assert.rejects(ev("replace(padLeft('', 600, 'a'), 'a', 'bb')", small), over);
    await assert.rejects(ev("format('{0,999999}', 'x')", scope({ budget: new EvaluationBudget(1000) })), over);
    await assert.rejects(ev("padLeft('1', 100000000, '0')"), over);
    // Copy loops nested in copy loops multiply (800 × 800 here): what they produce is charged too.
    const nested = { copy: [{ name: 'outer', count: 800, input: { copy: [{ name: 'inner', count: 800, input: 'a literal input of some size' }] } }] };
    await assert.rejects(evaluateValue(nested, scope()), over);
  });
});
