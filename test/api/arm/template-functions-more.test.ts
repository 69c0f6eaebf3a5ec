// ARM's date, CIDR, object, URI, numeric and scope functions added for issue 14 item 2, against the
// examples Microsoft Learn documents (template-functions-date, -cidr, -object, -array, -numeric,
// -scope; bicep-functions-string for buildUri/parseUri), format()'s custom numeric patterns, and
// ARM's InvalidTemplate for what is invalid.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudError } from '../../../src/model/errors.ts';
import { evaluateValue, type Json, type TemplateScope } from '../../../src/api/arm/protocol/template-expressions.ts';

const TENANT = '11111111-2222-3333-4444-555555555555';

const scope: TemplateScope = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroupName: 'rg',
  parameter: (n) => Promise.reject(new CloudError('azure', 400, 'InvalidTemplate', `no parameter ${n}`)),
  variable: (n) => Promise.reject(new CloudError('azure', 400, 'InvalidTemplate', `no variable ${n}`)),
  reference: () => Promise.reject(new CloudError('azure', 404, 'ResourceNotFound', 'none')),
  resourceGroup: () => ({ id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg' }),
  subscription: () => ({ subscriptionId: '00000000-0000-0000-0000-000000000000', tenantId: TENANT }),
};

const ev = (expression: string): Promise<Json> => evaluateValue(`[${expression}]`, scope);

const SHALLOW_FIRST = "createArray(createObject('one', 'a'), createObject('two', 'b'), createObject('two', 'c'))";
const SHALLOW_SECOND = "createArray(createObject('one', 'a', 'nested', createObject('a', 1, 'nested', createObject('c', 3))), createObject('two', 'b', 'nested', createObject('b', 2)))";
const URI = 'https://mystorage.blob.core.windows.net:8080/templates/nestedTemplate.json?st=2025-05-09';

/** [expression, documented result], grouped by Microsoft Learn page. */
const DOCUMENTED: Record<string, [string, Json][]> = {
  date: [
    // template-functions-date: a base time of 2020-04-07 14:53:14Z shows as '4/7/2023 2:53:14 PM' (the format given here).
    ["dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y', 'M/d/yyyy h:mm:ss tt')", '4/7/2023 2:53:14 PM'],
    ["dateTimeAdd('2020-04-07 14:53:14Z', '-P9D', 'M/d/yyyy h:mm:ss tt')", '3/29/2020 2:53:14 PM'],
    ["dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H', 'M/d/yyyy h:mm:ss tt')", '4/7/2020 3:53:14 PM'],
    // "P1Y should be interpreted as P365D, while P1M should be interpreted as P30D".
    ["dateTimeAdd('2023-01-01 00:00:00Z', 'P1Y')", '2024-01-01T00:00:00Z'],
    ["dateTimeAdd('2024-01-01 00:00:00Z', 'P1Y')", '2024-12-31T00:00:00Z'],
    ["dateTimeAdd('2023-02-01 00:00:00Z', 'P1M')", '2023-03-03T00:00:00Z'],
    ["dateTimeAdd('2024-02-01 00:00:00Z', 'P1M')", '2024-03-02T00:00:00Z'],
    ['dateTimeFromEpoch(1683040573)', '2023-05-02T15:16:13Z'],
    ["dateTimeToEpoch('2023-05-02T15:16:13Z')", 1683040573],
    // utcNow()'s default format, as the documented dateTimeToEpoch(dateTimeAdd(utcNow(), 'P1Y')) passes it.
    ["dateTimeToEpoch(dateTimeAdd('20230502T151613Z', 'P1Y'))", 1683040573 + 365 * 86_400],
  ],
  cidr: [
    ["parseCidr('10.144.0.0/20')", { network: '10.144.0.0', netmask: '255.255.240.0', broadcast: '10.144.15.255', firstUsable: '10.144.0.1', lastUsable: '10.144.15.254', cidr: 20 }],
    ["parseCidr('fdad:3236:5555::/48')", { network: 'fdad:3236:5555::', netmask: 'ffff:ffff:ffff::', firstUsable: 'fdad:3236:5555::', lastUsable: 'fdad:3236:5555:ffff:ffff:ffff:ffff:ffff', cidr: 48 }],
    ...[0, 1, 2, 3, 4].map((i): [string, Json] => [`cidrSubnet('10.144.0.0/20', 24, range(0, 5)[${i}])`, `10.144.${i}.0/24`]),
    ...['', '1000', '2000', '3000', '4000'].map((s, i): [string, Json] => [`cidrSubnet('fdad:3236:5555::/48', 52, ${i})`, `fdad:3236:5555:${s === '' ? '' : `${s}:`}:/52`]),
    ...[0, 1, 2, 3, 4].map((i): [string, Json] => [`cidrHost('10.144.3.0/24', ${i})`, `10.144.3.${i + 1}`]),
    ...[0, 1, 2, 3, 4].map((i): [string, Json] => [`cidrHost('fdad:3236:5555:3000::/52', ${i})`, `fdad:3236:5555:3000::${i + 1}`]),
  ],
  object: [
    ["objectKeys(createObject('a', 1, 'b', 2))", ['a', 'b']],
    [`shallowMerge(${SHALLOW_FIRST})`, { one: 'a', two: 'c' }],
    [`shallowMerge(${SHALLOW_SECOND})`, { one: 'a', nested: { b: 2 }, two: 'b' }],
    ["tryGet(createObject('name', 'John Doe', 'age', 30), 'region')", null],
    ["tryGet(createObject('name', 'John Doe', 'age', 30), 'name')", 'John Doe'],
    ["tryGet(createArray('red', 'green'), 0)", 'red'],
    ["tryGet(createArray('red', 'green'), 2)", null],
    ["tryGet(createObject('a', createObject('b', 1)), 'a', 'b')", 1],
    ["indexFromEnd(createArray('one', 'two', 'three'), 1)", 'three'],
    ["tryIndexFromEnd(createArray('one', 'two', 'three'), 4)", null],
  ],
  numericAndUri: [
    ["float('3.0')", 3],
    ['float(3)', 3],
    ["float('4.25')", 4.25],
    [`parseUri('${URI}')`, { scheme: 'https', host: 'mystorage.blob.core.windows.net', port: 8080, path: '/templates/nestedTemplate.json', query: '?st=2025-05-09' }],
    [`buildUri(parseUri('${URI}'))`, URI],
    ["buildUri(createObject('scheme', 'https', 'host', 'contoso.com', 'port', null(), 'path', 'a/b', 'query', 'x=1'))", 'https://contoso.com/a/b?x=1'],
    ['tenant().tenantId', TENANT],
    ['tenant().id', `/tenants/${TENANT}`],
  ],
  customFormat: [
    ["format('{0:#,##0}', 8175133)", '8,175,133'],
    ["format('{0:0.00}', json('3.14159'))", '3.14'],
    ["format('vm{0:000}', 7)", 'vm007'],
    ["format('{0:#,##0.00}', 1234)", '1,234.00'],
    ["format('{0:0.##}', json('1.5'))", '1.5'],
    ["format('{0:0%}', json('0.25'))", '25%'],
    ["format('{0:#,##0,}K', 1234567)", '1,235K'],
    ["format('{0:0;(0);zero}|{1:0;(0);zero}', -5, 0)", '(5)|zero'],
    ["format('{0:00}', -3)", '-03'],
  ],
};

const invalid = (pattern: RegExp) => (e: unknown) => e instanceof CloudError && e.code === 'InvalidTemplate' && e.status === 400 && pattern.test(e.message);

void describe('ARM date, CIDR, object, URI and numeric functions (documented examples)', () => {
  for (const [group, cases] of Object.entries(DOCUMENTED)) {
    void it(`${group} functions give the documented results`, async () => {
      for (const [expression, expected] of cases) assert.deepEqual(await ev(expression), expected, expression);
    });
  }

  void it("refuses what ARM refuses, with InvalidTemplate naming the function", async () => {
    const refused: [string, RegExp][] = [
      ["dateTimeAdd('yesterday', 'P1D')", /'dateTimeAdd'.*not recognized as a valid DateTime/],
      ["dateTimeAdd('2020-01-01T00:00:00Z', '1D')", /not a valid ISO 8601 duration/],
      ["dateTimeAdd('9999-12-31T00:00:00Z', 'P1D')", /outside the range of dates/],
      ["dateTimeFromEpoch('x')", /expects its parameter 1 to be of type 'Integer'/],
      ["parseCidr('10.0.0.0')", /not a valid IP address range in CIDR notation/],
      ["cidrSubnet('10.144.0.0/20', 19, 0)", /new CIDR '19' must be between the network's CIDR '20' and 32/],
      ["cidrSubnet('10.144.0.0/20', 24, 16)", /subnet index '16' is out of range: '10.144.0.0\/20' holds 16 subnets/],
      ["cidrHost('10.144.3.0/24', 254)", /host index '254' is out of range/],
      ["indexFromEnd(createArray(1), 0)", /index '0' from the end is out of range/],
      ["objectKeys(createArray(1))", /expects its parameter 1 to be of type 'Object'/],
      ["shallowMerge(createArray(1))", /expects its parameter 1 to be of type 'Object'/],
      ["float('x')", /cannot be converted to a floating point number/],
      ["parseUri('not a uri')", /not a valid absolute URI/],
      ["buildUri(createObject('host', 'x'))", /need a 'scheme' and a 'host'/],
      ["format('{0:(###) ###-####}', 5551234567)", /literals between its digit placeholders/],
      ["format('{0:0.0E+0}', 5)", /exponent/],
    ];
    for (const [expression, message] of refused) await assert.rejects(ev(expression), invalid(message), expression);
  });
});
