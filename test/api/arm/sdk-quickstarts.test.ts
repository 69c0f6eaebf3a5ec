// The Azure Quickstart Templates (test/fixtures/quickstarts, byte-identical) through the official
// deployments client, @azure/arm-resourcesdeployments, as a TypeScript user deploys them: the
// template and parameters files read as JSON, the command-line values merged in. A passing case runs
// the whole client flow (sdk-deployment-case.ts) and its resources are read back; a case FastRoute
// refuses must get the same explicit code the az suite expects (test/az/quickstarts-*.test.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { overridesAt, QUICKSTART_CASES, type QuickstartDeployment, type Where } from '../../fixtures/quickstarts/cases.ts';
import { subsetMismatches } from '../../fixtures/quickstarts/expect.ts';
import { FAST_POLL, startArmServer, staticCredential, type ArmTestServer } from './harness.ts';
import { runSdkDeploymentCase } from './sdk-deployment-case.ts';

type Obj = Record<string, unknown>;

function readJson(path: string): Obj {
  return JSON.parse(readFileSync(path, 'utf8')) as Obj;
}

/** The parameters a user passes: the file's, then the command-line values on top. */
function parametersOf(d: QuickstartDeployment, at: Where): Record<string, { value: unknown }> {
  const fromFile = d.parametersPath === undefined ? {} : (readJson(d.parametersPath).parameters as Record<string, { value: unknown }>);
  const given = Object.fromEntries(Object.entries(overridesAt(d.parameterOverrides, at)).map(([k, v]) => [k, { value: v }]));
  return { ...fromFile, ...given };
}

let s: ArmTestServer;
let client: DeploymentsClient;

void describe('Azure Quickstart Templates through @azure/arm-resourcesdeployments', () => {
  before(async () => {
    s = await startArmServer();
    client = new DeploymentsClient(staticCredential(), DEFAULT_SUBSCRIPTION_ID, { endpoint: s.armUrl, tlsOptions: { ca: s.caPem }, retryOptions: { maxRetries: 0 } });
  });

  after(async () => {
    await s.close();
  });

  for (const [n, c] of QUICKSTART_CASES.entries()) {
    void it(`${c.dir}: ${c.name}`, async () => {
      const at: Where = { subscriptionId: DEFAULT_SUBSCRIPTION_ID, resourceGroup: `rg-sdk-qs${n}-${c.dir}` };
      const groupId = `/subscriptions/${at.subscriptionId}/resourceGroups/${at.resourceGroup}`;
      await s.clients().resources.resourceGroups.createOrUpdate(at.resourceGroup, { location: 'eastus' });
      const deployment = (d: QuickstartDeployment) => ({ properties: { mode: 'Incremental' as const, template: readJson(d.templatePath), parameters: parametersOf(d, at) } });

      if (c.prerequisite !== undefined) {
        const pre = await client.deployments.createOrUpdate(at.resourceGroup, 'prereq', deployment(c.prerequisite), FAST_POLL).pollUntilDone();
        assert.equal(pre.properties?.provisioningState, 'Succeeded', JSON.stringify(pre.properties?.error));
      }

      if (c.expect !== 'pass') {
        const { code, at: step, why } = c.expect;
        if (step === 'validate') {
          // The client's validate poller drops a 400's body ("The long-running operation has failed"), so
          // the refusal is read from the same request on the wire.
          const r = await s.arm('POST', `${groupId}/providers/Microsoft.Resources/deployments/main/validate?api-version=2025-04-01`, deployment(c));
          assert.equal(r.status, 400, r.text);
          assert.match(r.text, new RegExp(`\\b${code}\\b`), `validate answers ${code} (${why})`);
        } else {
          await assert.rejects(client.deployments.createOrUpdate(at.resourceGroup, 'main', deployment(c), FAST_POLL).pollUntilDone(), (e: Error & { details?: unknown }) => {
            assert.match(`${e.message} ${JSON.stringify(e.details ?? null)}`, new RegExp(`\\b(DeploymentFailed|${code})\\b`), `create fails (${why})`);
            return true;
          });
          const failed = await client.deployments.get(at.resourceGroup, 'main');
          assert.equal(failed.properties?.provisioningState, 'Failed');
          assert.ok((failed.properties?.error?.details ?? []).some((d) => d.code === code), `create's error names ${code}: ${JSON.stringify(failed.properties?.error)}`);
        }
        return;
      }

      const d = deployment(c);
      await runSdkDeploymentCase(client, at.resourceGroup, { name: 'main', template: d.properties.template, parameters: d.properties.parameters });
      for (const r of c.resources) {
        const got = await s.arm('GET', `${groupId}/providers/${r.path}?api-version=${r.apiVersion}`);
        assert.equal(got.status, 200, `${r.path}: ${got.text}`);
        assert.deepEqual(subsetMismatches(got.body, r.has, groupId), [], `${r.path} as deployed`);
      }
    });
  }
});
