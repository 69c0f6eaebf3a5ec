// ARM's template limits over real HTTPS (@azure/arm-resources 7 has no deployments client, so deployments
// are PUT as the az CLI sends them; the SDK checks the rest): a small template that doubles a string through
// nested concat() fails at ARM's 4 MB expanded-template limit (DeploymentJobSizeExceeded) instead of
// growing to hundreds of MB; the count and expression-length limits are InvalidTemplate; the server
// keeps answering.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEMPLATE_LIMITS } from '../../../src/api/arm/protocol/template-limits.ts';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { armError, startArmServer, type ArmResponse, type ArmTestServer } from './harness.ts';

const RG = 'rg-limits';
const DEPLOYMENTS = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourcegroups/${RG}/providers/Microsoft.Resources/deployments`;
const SCHEMA = 'https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#';

/** v0 is 64 characters; v(n) = concat(v(n-1), v(n-1)), so v28 would be 16 GiB. */
function doubling(levels: number): Record<string, string> {
  const vars: Record<string, string> = { v0: 'x'.repeat(64) };
  for (let i = 1; i <= levels; i++) vars[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
  return vars;
}

function vnet(name: string, tags: Record<string, string> = {}): Record<string, unknown> {
  return { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name, location: 'westeurope', tags, properties: { addressSpace: { addressPrefixes: ['10.70.0.0/16'] } } };
}

function sizeIn(message: string): number {
  const m = /bringing the evaluated template to (\d+) characters; the limit is (\d+)/.exec(message);
  assert.ok(m, message);
  assert.equal(Number(m[2]), TEMPLATE_LIMITS.evaluatedChars);
  return Number(m[1]);
}

void describe('ARM template limits', () => {
  let s: ArmTestServer;
  before(async () => {
    s = await startArmServer();
    await s.clients().resources.resourceGroups.createOrUpdate(RG, { location: 'westeurope' });
  });
  after(async () => { await s.close(); });

  function deploy(name: string, template: Record<string, unknown>): Promise<ArmResponse> {
    return s.arm('PUT', `${DEPLOYMENTS}/${name}?api-version=2021-04-01`, { properties: { mode: 'Incremental', template } });
  }

  function refusal(r: ArmResponse, code: string, pattern: RegExp): void {
    assert.equal(r.status, 400, r.text.slice(0, 300));
    const error = (r.body as { error: { code: string; message: string } }).error;
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
  }

  async function stillAnswering(): Promise<void> {
    assert.equal((await s.api('GET', '/status')).status, 200);
    const groups = [];
    for await (const g of s.clients().resources.resourceGroups.list()) groups.push(g.name);
    assert.ok(groups.includes(RG));
  }

  void it('a doubling concat() in a resource body fails the deployment with DeploymentJobSizeExceeded, bounded at 4 MB', async () => {
    const { network } = s.clients();
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', variables: doubling(28), resources: [vnet('amplified', { t: "[variables('v28')]" })] };
    assert.ok(JSON.stringify(template).length < 2_000, 'the template itself is small');
    const put = await deploy('amplify', template);
    assert.equal(put.status, 201, put.text.slice(0, 300));
    const d = (await s.arm('GET', `${DEPLOYMENTS}/amplify?api-version=2021-04-01`)).body as { properties: { provisioningState: string; error?: { code: string; details: { code: string; message: string }[] } } };
    assert.equal(d.properties.provisioningState, 'Failed');
    assert.equal(d.properties.error?.code, 'DeploymentFailed');
    const detail = d.properties.error?.details[0];
    assert.equal(detail?.code, 'DeploymentJobSizeExceeded');
    const evaluated = sizeIn(detail?.message ?? '');
    // Stopped at the first step past 4 MiB: well below 2 × the limit, nowhere near v28's 16 GiB.
    assert.ok(evaluated > TEMPLATE_LIMITS.evaluatedChars && evaluated < 2 * TEMPLATE_LIMITS.evaluatedChars, String(evaluated));
    await assert.rejects(network.virtualNetworks.get(RG, 'amplified'), armError(404, 'ResourceNotFound'));
    await stillAnswering();
  });

  void it('a concat() of many copies of a large value is refused before it is built', async () => {
    const vars = { ...doubling(10), wide: `[concat(${Array(1_000).fill("variables('v10')").join(', ')})]` };
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', variables: vars, resources: [vnet("[variables('wide')]")] };
    refusal(await deploy('wide', template), 'DeploymentJobSizeExceeded', /would produce \d+ characters/);
    await stillAnswering();
  });

  void it("the count limits (256 parameters, 512 variables, 800 resources, 64 outputs) are InvalidTemplate", async () => {
    const many = (n: number, f: (i: number) => unknown) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, f(i)]));
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['params', { parameters: many(257, () => ({ type: 'string', defaultValue: 'a' })), resources: [] }, /template parameters '257' exceeds the limit of '256'/],
      ['vars', { variables: many(513, () => 'a'), resources: [] }, /template variables '513' exceeds the limit of '512'/],
      ['outputs', { outputs: many(65, () => ({ type: 'string', value: 'a' })), resources: [] }, /template outputs '65' exceeds the limit of '64'/],
      ['resources', { resources: Array.from({ length: 801 }, (_, i) => vnet(`v${i}`)) }, /template resources '801' exceeds the limit of '800'/],
    ];
    for (const [name, body, pattern] of cases) {
      const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', ...body };
      refusal(await deploy(`count-${name}`, template), 'InvalidTemplate', pattern);
    }
    await stillAnswering();
  });

  void it('an expression over 24,576 characters is InvalidTemplate', async () => {
    const long = `[concat('${'a'.repeat(TEMPLATE_LIMITS.expressionChars)}')]`;
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [vnet(long)] };
    refusal(await deploy('long', template), 'InvalidTemplate', /exceeds the limit of 24576 characters/);
  });
});
