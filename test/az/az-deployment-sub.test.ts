// `az deployment sub validate / what-if / create` (Debian azure-cli 2.45) against FastRoute: a
// subscription-scope template that creates a resource group and deploys a VNet into it through a
// nested deployment. Few az calls: each one costs seconds.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID } from '../../src/lifecycle/defaults.ts';
import type { ArmTestServer } from '../api/arm/harness.ts';
import { azUnavailableReason, type AzEnv } from './az.ts';
import { azJson, loginToFastRoute, obj, startAzSession, type AzSession, type Obj } from './az-session.ts';

const RG_ID = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-az-sub`;
const NESTED_ID = `${RG_ID}/providers/Microsoft.Resources/deployments/vnet`;

const skip = azUnavailableReason();

void describe('az deployment sub', { skip: skip ?? false }, () => {
  let session: AzSession;
  let s: ArmTestServer;
  let env: AzEnv;
  let file: string;

  const az = (t: TestContext, args: string[]): Promise<unknown> => azJson(t, env, args);

  const deployment = (verb: string, ...extra: string[]) => ['deployment', 'sub', verb, '-n', 'sub-net', '-l', 'westeurope', '--template-file', file, ...extra];

  before(async () => {
    session = await startAzSession();
    ({ s, env } = session);
    file = join(env.configDir, 'rg-and-vnet.sub.jsonc');
    copyFileSync(join(import.meta.dirname, 'fixtures', 'rg-and-vnet.sub.jsonc'), file);
  });

  after(async () => {
    await s.close();
  });

  void it('logs in to FastRoute as a service principal', (t) => loginToFastRoute(t, session));

  void it('validates: the group and the nested deployment, nothing created', async (t) => {
    const v = obj(obj(await az(t, deployment('validate'))).properties);
    assert.equal(v.provisioningState, 'Succeeded');
    assert.deepEqual((v.validatedResources as Obj[]).map((r) => r.id), [RG_ID, NESTED_ID]);
    assert.equal((await s.arm('GET', `${RG_ID}?api-version=2022-09-01`)).status, 404);
  });

  void it('what-if: the group and the VNet its nested deployment makes, both Create', async (t) => {
    const changes = obj(await az(t, deployment('what-if', '--no-pretty-print'))).changes as Obj[];
    assert.deepEqual(changes.map((c) => [c.resourceId, c.changeType]), [[RG_ID, 'Create'], [`${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet-az-sub`, 'Create']]);
  });

  void it('creates the group and the VNet in it', async (t) => {
    const d = obj(await az(t, deployment('create')));
    assert.equal(d.id, `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/providers/Microsoft.Resources/deployments/sub-net`);
    const p = obj(d.properties);
    assert.equal(p.provisioningState, 'Succeeded');
    assert.equal(obj(obj(p.outputs).groupId).value, RG_ID);
    const vnet = await s.arm('GET', `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet-az-sub?api-version=2022-07-01`);
    assert.equal(vnet.status, 200, vnet.text);
    assert.equal(obj(vnet.body).location, 'westeurope');
  });
});
