// `az deployment sub validate / what-if / create` (Debian azure-cli 2.45) against FastRoute: a
// subscription-scope template that creates a resource group and deploys a VNet into it through a
// nested deployment. Few az calls: each one costs seconds.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID } from '../../src/lifecycle/defaults.ts';
import { startArmServer, type ArmTestServer } from '../api/arm/harness.ts';
import { azUnavailableReason, prepareAzConfigDir, primeAzCommandIndex, runAz, type AzEnv } from './az.ts';

const RG_ID = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-az-sub`;
const NESTED_ID = `${RG_ID}/providers/Microsoft.Resources/deployments/vnet`;

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `an object, got ${JSON.stringify(v)}`);
  return v as Obj;
}

const skip = azUnavailableReason();

void describe('az deployment sub', { skip: skip ?? false }, () => {
  let s: ArmTestServer;
  let env: AzEnv;
  let file: string;

  async function az(t: TestContext, args: string[]): Promise<unknown> {
    const r = await runAz(args, { json: true, ...env });
    t.diagnostic(`az ${args.slice(0, 3).join(' ')}: ${r.ms} ms`);
    assert.equal(r.code, 0, `az ${args.join(' ')} exited ${r.code}:\n${r.stderr}`);
    return r.json;
  }

  const deployment = (verb: string, ...extra: string[]) => ['deployment', 'sub', verb, '-n', 'sub-net', '-l', 'westeurope', '--template-file', file, ...extra];

  before(async () => {
    const [server, primed] = await Promise.all([startArmServer(), primeAzCommandIndex()]);
    s = server;
    env = { configDir: prepareAzConfigDir(undefined, { commandIndexFrom: primed }), caBundle: s.endpoints.armCa };
    file = join(env.configDir, 'rg-and-vnet.sub.jsonc');
    copyFileSync(join(import.meta.dirname, 'fixtures', 'rg-and-vnet.sub.jsonc'), file);
  });

  after(async () => {
    await s.close();
  });

  void it('logs in to FastRoute as a service principal', async (t) => {
    await az(t, ['cloud', 'register', '-n', 'FastRoute', '--endpoint-resource-manager', s.armUrl]);
    await az(t, ['cloud', 'set', '-n', 'FastRoute']);
    await az(t, ['login', '--service-principal', '-u', 'fastroute-app', '-p', 'any-secret', '--tenant', DEFAULT_TENANT_ID]);
  });

  void it('validates: the group and the nested deployment, nothing created', async (t) => {
    const v = obj(obj(await az(t, deployment('validate'))).properties);
    assert.equal(v.provisioningState, 'Succeeded');
    assert.deepEqual((v.validatedResources as Obj[]).map((r) => r.id), [RG_ID, NESTED_ID]);
    assert.equal((await s.arm('GET', `${RG_ID}?api-version=2022-09-01`)).status, 404);
  });

  void it('what-if: the group Create', async (t) => {
    const changes = obj(await az(t, deployment('what-if', '--no-pretty-print'))).changes as Obj[];
    assert.equal(changes.find((c) => c.resourceId === RG_ID)?.changeType, 'Create', JSON.stringify(changes));
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
