// Planning a template's resources (pure, no server): copy loops expanded in order, serial batches
// waiting for the batch before, dependsOn by a copy loop's name (also one of count 0), and ARM's
// refusals (copy on a nested child, a resource defined twice, a bad copy mode).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudError } from '../../../src/model/errors.ts';
import { planResources, templateSchema } from '../../../src/api/arm/protocol/arm-template.ts';
import type { TemplateScope } from '../../../src/api/arm/protocol/template-expressions.ts';

const SUB = '00000000-0000-4000-8000-0000000000aa';
const RG = `/subscriptions/${SUB}/resourceGroups/rg/providers`;

const scope: TemplateScope = {
  subscriptionId: SUB,
  resourceGroupName: 'rg',
  parameter: () => Promise.resolve(0),
  variable: () => Promise.reject(new Error('no variables')),
  reference: () => Promise.reject(new Error('no references')),
  resourceGroup: () => ({ name: 'rg' }),
  subscription: () => ({ subscriptionId: SUB }),
};

const rt = (extra: Record<string, unknown>) => ({ type: 'Microsoft.Network/routeTables', apiVersion: '2022-07-01', name: "[concat('rt', copyIndex())]", ...extra });
const plan = (resources: unknown[]) => planResources(templateSchema.parse({ resources }), scope);
const invalid = (re: RegExp) => (e: unknown) => e instanceof CloudError && e.code === 'InvalidTemplate' && re.test(e.message);

void describe('template resource plan', () => {
  void it('expands a serial copy loop in order, each batch waiting for the one before', async () => {
    const p = await plan([rt({ copy: { name: 'rts', count: 4, mode: 'serial', batchSize: 2 } })]);
    assert.deepEqual(p.map((r) => r.name), ['rt0', 'rt1', 'rt2', 'rt3']);
    assert.deepEqual(p.map((r) => r.dependsOn.map((d) => d.split('/').at(-1))), [[], [], ['rt0', 'rt1'], ['rt0', 'rt1']]);
    assert.deepEqual(p[3]?.copy, [{ name: 'rts', index: 3, resource: true }]);
  });

  void it('puts a nested deployment in the group and subscription it names; any other resource naming a group is refused', async () => {
    const p = await plan([
      { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'cross', subscriptionId: 'sub-2', resourceGroup: "[concat('rg', '-2')]", properties: { mode: 'Incremental' } },
      { type: 'Microsoft.Network/routeTables', apiVersion: '2022-07-01', name: 'rt' },
    ]);
    assert.deepEqual(p.map((r) => r.id), ['/subscriptions/sub-2/resourceGroups/rg-2/providers/Microsoft.Resources/deployments/cross', `${RG}/Microsoft.Network/routeTables/rt`]);
    assert.deepEqual(Object.keys(p[0]?.body ?? {}), ['properties'], 'the target scope is the template\'s, not part of the body');
    await assert.rejects(plan([{ type: 'Microsoft.Network/routeTables', apiVersion: '2022-07-01', name: 'rt', resourceGroup: 'rg-2' }]), invalid(/'rt' of type 'Microsoft.Network\/routeTables' cannot name a 'resourceGroup'/));
  });

  void it('resolves dependsOn by a copy loop name to all its instances, and allows a loop of count 0', async () => {
    const p = await plan([
      { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2022-07-01', name: 'vnet', dependsOn: ['rts', 'none'] },
      rt({ copy: { name: 'rts', count: 2 } }),
      rt({ name: "[concat('x', copyIndex())]", copy: { name: 'none', count: "[parameters('zero')]" } }),
    ]);
    assert.deepEqual(p.map((r) => r.name), ['rt0', 'rt1', 'vnet']);
    assert.deepEqual(p[2]?.dependsOn, [`${RG}/Microsoft.Network/routeTables/rt0`, `${RG}/Microsoft.Network/routeTables/rt1`]);
  });

  void it("refuses what ARM refuses", async () => {
    await assert.rejects(plan([{ type: 'Microsoft.Network/virtualNetworks', apiVersion: '2022-07-01', name: 'v', resources: [{ type: 'subnets', name: "[concat('s', copyIndex())]", copy: { name: 's', count: 2 } }] }]), invalid(/cannot have a copy loop/));
    await assert.rejects(plan([rt({ name: 'same' }), rt({ name: 'same' })]), invalid(/defined multiple times/));
    await assert.rejects(plan([rt({ copy: { name: 'rts', count: 2, mode: 'sometimes' } })]), invalid(/mode must be 'Serial' or 'Parallel'/));
    await assert.rejects(plan([rt({ copy: { name: 'rts', count: -1 } })]), invalid(/non-negative integer/));
    await assert.rejects(plan([rt({ name: 'a', dependsOn: ['missing'] })]), invalid(/'missing' is not defined in the template/));
  });
});
