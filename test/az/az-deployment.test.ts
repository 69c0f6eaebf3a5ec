// `az deployment group validate / what-if / create` (Debian azure-cli 2.45) against FastRoute,
// with a template file that has comments: the CLI splices the file's text into the request body
// behind an unquoted `template` key (its JsonCTemplatePolicy), which ARM reads and so must we.
// Then what-if again: NoChange for an unchanged template, Modify with the port's delta after an edit.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID } from '../../src/lifecycle/defaults.ts';
import type { ArmTestServer } from '../api/arm/harness.ts';
import { azUnavailableReason, runAz, type AzEnv } from './az.ts';
import { azJson, loginToFastRoute, obj, startAzSession, type AzSession, type Obj } from './az-session.ts';

const RG = 'rg-deploy';
const RG_ID = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/${RG}`;
const NSG_ID = `${RG_ID}/providers/Microsoft.Network/networkSecurityGroups/nsg-app`;
const VNET_ID = `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet-app`;
const TEMPLATE = readFileSync(join(import.meta.dirname, 'fixtures', 'vnet-nsg.jsonc'), 'utf8');

/** resourceId → changeType of a what-if result. */
function changeTypes(result: unknown): Record<string, unknown> {
  const changes = obj(result).changes;
  assert.ok(Array.isArray(changes));
  const pairs: [unknown, unknown][] = (changes as unknown[]).map((c) => [obj(c).resourceId, obj(c).changeType]);
  return Object.fromEntries(pairs) as Record<string, unknown>;
}

/** The value without the nulls the CLI prints for fields ARM left out. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
}

const skip = azUnavailableReason();

void describe('az deployment group with a commented template', { skip: skip ?? false }, () => {
  let session: AzSession;
  let s: ArmTestServer;
  let env: AzEnv;
  let file: string;

  const az = (t: TestContext, args: string[]): Promise<unknown> => azJson(t, env, args);

  const deployment = (verb: string, name: string, ...extra: string[]) => ['deployment', 'group', verb, '-g', RG, '-n', name, '--template-file', file, ...extra];

  before(async () => {
    session = await startAzSession();
    ({ s, env } = session);
    file = join(env.configDir, 'vnet-nsg.jsonc');
    writeFileSync(file, TEMPLATE);
    const rg = await s.arm('PUT', `${RG_ID}?api-version=2022-09-01`, { location: 'eastus' });
    assert.equal(rg.status, 201, rg.text);
  });

  after(async () => {
    await s.close();
  });

  void it('logs in to FastRoute as a service principal', (t) => loginToFastRoute(t, session));

  void it('validates the template: the resources it would deploy, nothing created', async (t) => {
    const v = obj(obj(await az(t, deployment('validate', 'net'))).properties);
    assert.equal(v.provisioningState, 'Succeeded');
    // (the CLI adds resourceGroup to anything with an id)
    assert.deepEqual(v.validatedResources, [{ id: NSG_ID, resourceGroup: RG }, { id: VNET_ID, resourceGroup: RG }]);
    assert.equal((await s.arm('GET', `${VNET_ID}?api-version=2022-07-01`)).status, 404);
  });

  void it('what-if before the first deployment: both resources Create', async (t) => {
    assert.deepEqual(changeTypes(await az(t, deployment('what-if', 'net', '--no-pretty-print'))), { [NSG_ID]: 'Create', [VNET_ID]: 'Create' });
  });

  void it('creates them: the subnet is bound to the NSG, the output evaluated', async (t) => {
    const d = obj(obj(await az(t, deployment('create', 'net'))).properties);
    assert.equal(d.provisioningState, 'Succeeded');
    assert.deepEqual(obj(obj(d.outputs).subnetId).value, `${VNET_ID}/subnets/app`);
    const subnet = await s.arm('GET', `${VNET_ID}/subnets/app?api-version=2022-07-01`);
    assert.equal(subnet.status, 200, subnet.text);
    assert.equal(String(obj(obj(obj(subnet.body).properties).networkSecurityGroup).id).toLowerCase(), NSG_ID.toLowerCase());
  });

  void it('what-if of the same template: NoChange', async (t) => {
    assert.deepEqual(changeTypes(await az(t, deployment('what-if', 'net', '--no-pretty-print'))), { [NSG_ID]: 'NoChange', [VNET_ID]: 'NoChange' });
  });

  void it("what-if after editing the rule's port: Modify with that property's delta", async (t) => {
    writeFileSync(file, TEMPLATE.replace('"defaultValue": "443"', '"defaultValue": "8443"'));
    const result = await az(t, deployment('what-if', 'net', '--no-pretty-print'));
    assert.deepEqual(changeTypes(result), { [NSG_ID]: 'Modify', [VNET_ID]: 'NoChange' });
    const nsg = (obj(result).changes as Obj[]).find((c) => c.resourceId === NSG_ID);
    assert.deepEqual(withoutNulls(obj(nsg).delta), [{
      path: 'properties.securityRules', propertyChangeType: 'Array',
      children: [{ path: '0', propertyChangeType: 'Modify', children: [{ path: 'properties.destinationPortRange', propertyChangeType: 'Modify', before: '443', after: '8443' }] }],
    }]);
  });

  void it('cancel of a finished deployment: ARM\'s DeploymentCannotBeCancelled', async () => {
    const r = await runAz(['deployment', 'group', 'cancel', '-g', RG, '-n', 'net'], env);
    assert.notEqual(r.code, 0, r.stdout);
    assert.match(r.stderr, /DeploymentCannotBeCancelled/);
    assert.match(r.stderr, /'Succeeded'/);
  });
});
