// The ARM template expression language FastRoute evaluates for deployments: what the CLI's
// templates use, escapes, and the InvalidTemplate error for anything else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudError } from '../../../src/model/errors.ts';
import { evaluateValue, isExpression, MAX_EXPRESSION_DEPTH, type Json, type TemplateScope } from '../../../src/api/arm/protocol/template-expressions.ts';

const SUB = '00000000-0000-4000-8000-00000000fa57';

function scope(resources: Record<string, Json> = {}): TemplateScope {
  return {
    subscriptionId: SUB,
    resourceGroupName: 'rg-x',
    parameter: (n) => (n === 'name' ? Promise.resolve('conn-1') : Promise.reject(new CloudError('azure', 400, 'InvalidTemplate', `no parameter ${n}`))),
    variable: (n) => Promise.resolve(n === 'tags' ? { env: 'lab' } : ['a', 'b']),
    reference: (target, _v, full) => {
      const r = resources[target];
      if (r === undefined) return Promise.reject(new CloudError('azure', 404, 'ResourceNotFound', target));
      return Promise.resolve(full ? { properties: r } : r);
    },
    resourceGroup: () => ({ name: 'rg-x', location: 'eastus', id: `/subscriptions/${SUB}/resourceGroups/rg-x` }),
    subscription: () => ({ subscriptionId: SUB, id: `/subscriptions/${SUB}` }),
  };
}

const invalid = (e: unknown) => e instanceof CloudError && e.code === 'InvalidTemplate' && e.status === 400;

void describe('ARM template expressions', () => {
  void it('tells expressions from literals, with [[ as the escape', () => {
    assert.equal(isExpression("[parameters('x')]"), true);
    assert.equal(isExpression('[[not an expression]'), false);
    assert.equal(isExpression('plain'), false);
  });

  void it('evaluates the functions the CLI templates use', async () => {
    const s = scope({ 'conn-1': { connectionStatus: 'Connected', peer: { id: '/x' } } });
    assert.equal(await evaluateValue("[parameters('name')]", s), 'conn-1');
    assert.equal(await evaluateValue('[resourceGroup().location]', s), 'eastus');
    assert.equal(await evaluateValue("[concat(parameters('name'), '-', 'it''s')]", s), "conn-1-it's");
    assert.deepEqual(await evaluateValue("[reference(parameters('name'))]", s), { connectionStatus: 'Connected', peer: { id: '/x' } });
    assert.equal(await evaluateValue("[reference('conn-1').peer.id]", s), '/x');
    assert.equal(await evaluateValue("[variables('list')[1]]", s), 'b');
    assert.equal(await evaluateValue("[resourceId('Microsoft.Network/connections', 'c1')]", s), `/subscriptions/${SUB}/resourceGroups/rg-x/providers/Microsoft.Network/connections/c1`);
    assert.deepEqual(await evaluateValue({ a: "[subscription().subscriptionId]", b: ['[[kept]'] }, s), { a: SUB, b: ['[kept]'] });
  });

  void it('refuses unknown functions and broken syntax with InvalidTemplate', async () => {
    await assert.rejects(evaluateValue("[noSuchFunction('x')]", scope()), invalid);
    await assert.rejects(evaluateValue("[concat('a', ]", scope()), invalid);
    await assert.rejects(evaluateValue("[parameters('unterminated)]", scope()), invalid);
  });

  void it('refuses an expression nested deeper than the limit with InvalidTemplate, not a stack overflow', async () => {
    const nested = (n: number) => `[${'concat('.repeat(n)}'a'${')'.repeat(n)}]`;
    assert.equal(await evaluateValue(nested(MAX_EXPRESSION_DEPTH), scope()), 'a');
    await assert.rejects(evaluateValue(nested(MAX_EXPRESSION_DEPTH + 1), scope()), invalid);
    // Within ARM's 24,576 characters: 8,000 levels overflowed the parser's stack (a RangeError, a 500).
    await assert.rejects(evaluateValue(`[${'a('.repeat(8000)}1${')'.repeat(8000)}]`, scope()), invalid);
    await assert.rejects(evaluateValue(`[parameters('name')${'.a'.repeat(8000)}]`, scope()), invalid);
  });
});
