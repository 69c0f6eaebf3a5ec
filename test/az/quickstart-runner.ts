// The Azure Quickstart Templates of test/fixtures/quickstarts (byte-identical to Microsoft's), each
// deployed as a user would with the real azure-cli: `az deployment group validate`, `what-if`
// (every template resource Create, the group's other resources Ignore), `create` (Succeeded, the
// resources there with their key properties, the outputs), then `what-if` again (NoChange). A
// template needing what FastRoute does not model must get its explicit refusal at the step the
// case names. One resource group per case; one az config dir and login per test file (the cases
// are split over two files only to keep each under two minutes).
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID } from '../../src/lifecycle/defaults.ts';
import { startArmServer, type ArmTestServer } from '../api/arm/harness.ts';
import { overridesAt, type QuickstartCase, type QuickstartDeployment, type Where } from '../fixtures/quickstarts/cases.ts';
import { subsetMismatches } from '../fixtures/quickstarts/expect.ts';
import { azUnavailableReason, prepareAzConfigDir, primeAzCommandIndex, runAz, type AzEnv, type AzResult } from './az.ts';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `an object, got ${JSON.stringify(v)}`);
  return v as Obj;
}

/** `--parameters` as a user types them: the file, then name=value pairs (az reads a JSON value as JSON). */
function parameterArgs(d: QuickstartDeployment, at: Where): string[] {
  const pairs = Object.entries(overridesAt(d.parameterOverrides, at)).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [...(d.parametersPath === undefined ? [] : ['--parameters', `@${d.parametersPath}`]), ...(pairs.length === 0 ? [] : ['--parameters', ...pairs])];
}

/** resourceId (lower case) → changeType of a what-if result. */
function changeTypes(result: unknown): Map<string, unknown> {
  const changes = obj(result).changes;
  assert.ok(Array.isArray(changes), JSON.stringify(result));
  return new Map((changes as unknown[]).map((c) => [String(obj(c).resourceId).toLowerCase(), obj(c).changeType]));
}

/** Where cases.ts is split between the two test files (run time only). */
export const SPLIT_AT = 7;

/** A describe block deploying `cases` with azure-cli against one FastRoute server; `first` numbers their groups. */
export function describeQuickstarts(title: string, cases: readonly QuickstartCase[], first: number): void {
  const skip = azUnavailableReason();
  void describe(title, { skip: skip ?? false }, () => {
    let s: ArmTestServer;
    let env: AzEnv;

    async function az(t: TestContext, args: string[]): Promise<AzResult> {
      const r = await runAz(args, { json: true, ...env });
      t.diagnostic(`az ${args.slice(0, 3).join(' ')}: ${r.ms} ms, exit ${r.code}`);
      return r;
    }

    async function azOk(t: TestContext, args: string[]): Promise<unknown> {
      const r = await az(t, args);
      assert.equal(r.code, 0, `az ${args.join(' ')} exited ${r.code}:\n${r.stderr}`);
      return r.json;
    }

    before(async () => {
      const [server, primed] = await Promise.all([startArmServer(), primeAzCommandIndex()]);
      s = server;
      env = { configDir: prepareAzConfigDir(undefined, { commandIndexFrom: primed }), caBundle: s.endpoints.armCa, timeoutMs: 120_000 };
  });

  after(async () => {
    await s.close();
  });

  void it('logs in to FastRoute as a service principal', async (t) => {
    await azOk(t, ['cloud', 'register', '-n', 'FastRoute', '--endpoint-resource-manager', s.armUrl]);
    await azOk(t, ['cloud', 'set', '-n', 'FastRoute']);
    await azOk(t, ['login', '--service-principal', '-u', 'fastroute-app', '-p', 'any-secret', '--tenant', DEFAULT_TENANT_ID]);
  });

  async function runCase(t: TestContext, c: QuickstartCase, n: number): Promise<void> {
    const at: Where = { subscriptionId: DEFAULT_SUBSCRIPTION_ID, resourceGroup: `rg-qs${n}-${c.dir}` };
    const groupId = `/subscriptions/${at.subscriptionId}/resourceGroups/${at.resourceGroup}`;
    const rg = await s.arm('PUT', `${groupId}?api-version=2022-09-01`, { location: 'eastus' });
    assert.equal(rg.status, 201, rg.text);
    const deployment = (verb: string, name: string, d: QuickstartDeployment, ...extra: string[]) =>
      ['deployment', 'group', verb, '-g', at.resourceGroup, '-n', name, '--template-file', d.templatePath, ...parameterArgs(d, at), ...extra];

    if (c.prerequisite !== undefined) {
      const pre = obj(obj(await azOk(t, deployment('create', 'prereq', c.prerequisite))).properties);
      assert.equal(pre.provisioningState, 'Succeeded', 'the prerequisite template deploys');
    }

    if (c.expect !== 'pass') {
      const { code, at: step, why } = c.expect;
      if (step === 'create') await azOk(t, deployment('validate', 'main', c));
      const r = await az(t, deployment(step, 'main', c));
      assert.notEqual(r.code, 0, `${step} must be refused (${why}):\n${r.stdout}`);
      assert.match(r.stderr, new RegExp(`\\b${code}\\b`), `${step} answers ${code} (${why}):\n${r.stderr}`);
      if (step === 'create') {
        const d = await s.arm('GET', `${groupId}/providers/Microsoft.Resources/deployments/main?api-version=2022-09-01`);
        const props = obj(obj(d.body).properties);
        assert.equal(props.provisioningState, 'Failed');
        assert.ok((obj(props.error).details as Obj[]).some((e) => e.code === code), JSON.stringify(props.error));
      }
      return;
    }

    const ids = c.resources.map((r) => `${groupId}/providers/${r.path}`.toLowerCase());
    const validated = obj(obj(await azOk(t, deployment('validate', 'main', c))).properties);
    assert.equal(validated.provisioningState, 'Succeeded');
    assert.deepEqual((validated.validatedResources as Obj[]).map((r) => String(r.id).toLowerCase()).sort(), [...ids].sort(), 'validate lists the template resources');

    const planned = changeTypes(await azOk(t, deployment('what-if', 'main', c, '--no-pretty-print')));
    for (const id of ids) assert.equal(planned.get(id), 'Create', `what-if before the deployment: ${id}`);
    for (const [id, change] of planned) if (!ids.includes(id)) assert.equal(change, 'Ignore', `what-if: the group's other resource ${id}`);

    const created = obj(obj(await azOk(t, deployment('create', 'main', c))).properties);
    assert.equal(created.provisioningState, 'Succeeded', JSON.stringify(created.error));
    for (const [name, value] of Object.entries(c.outputs ?? {})) assert.deepEqual(obj(obj(created.outputs)[name]).value, value, `output ${name}`);
    for (const r of c.resources) {
      const got = await s.arm('GET', `${groupId}/providers/${r.path}?api-version=${r.apiVersion}`);
      assert.equal(got.status, 200, `${r.path}: ${got.text}`);
      assert.deepEqual(subsetMismatches(got.body, r.has, groupId), [], `${r.path} as deployed`);
    }

    const again = changeTypes(await azOk(t, deployment('what-if', 'main', c, '--no-pretty-print')));
    for (const id of ids) assert.equal(again.get(id), 'NoChange', `what-if after the deployment: ${id}`);
    for (const [id, change] of again) if (!ids.includes(id)) assert.equal(change, 'Ignore', `what-if after: the group's other resource ${id}`);
  }

  for (const [n, c] of cases.entries()) {
    void it(`${c.dir}: ${c.name}`, async (t) => {
      await runCase(t, c, first + n);
    });
  }
  });
}
