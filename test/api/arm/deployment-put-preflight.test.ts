// The deployment PUT runs ARM's preflight first (issue 14): what ARM's preflight finds answers the
// PUT itself, 400 InvalidTemplateDeployment, and leaves no deployment record ("Validation and
// preflight errors ... don't appear in your deployment history", Microsoft Learn "Find error
// codes"); what ARM finds only while deploying (a reference to a resource that does not exist)
// fails the run as DeploymentFailed. Through @azure/arm-resourcesdeployments, as a user sees it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DeploymentsClient, type Deployment } from '@azure/arm-resourcesdeployments';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { FAST_POLL, startArmServer, staticCredential, type ArmTestServer } from './harness.ts';

const NET_API = '2024-05-01';
let s: ArmTestServer;
let client: DeploymentsClient;

function vnet(name: string, prefix: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Microsoft.Network/virtualNetworks', apiVersion: NET_API, name, location: 'westeurope', properties: { addressSpace: { addressPrefixes: [prefix] }, ...extra } };
}

const deployment = (resources: unknown[]): Deployment => ({ properties: { mode: 'Incremental', template: { resources } } });

void describe('the deployment PUT runs preflight first', () => {
  before(async () => {
    s = await startArmServer();
    client = new DeploymentsClient(staticCredential(), DEFAULT_SUBSCRIPTION_ID, { endpoint: s.armUrl, tlsOptions: { ca: s.caPem }, retryOptions: { maxRetries: 0 } });
    await s.clients().resources.resourceGroups.createOrUpdate('rg-put-preflight', { location: 'westeurope' });
  });

  after(async () => {
    await s.close();
  });

  void it('answers a resource its provider refuses with 400 InvalidTemplateDeployment: nothing created, no deployment record', async () => {
    const template = deployment([vnet('vnet-ok', '10.80.0.0/16'), vnet('vnet-bad', '10.81.0.0/40')]);
    await assert.rejects(client.deployments.createOrUpdate('rg-put-preflight', 'refused', template, FAST_POLL).pollUntilDone(), (e: Error & { statusCode?: number; code?: string; details?: unknown }) => {
      assert.deepEqual([e.statusCode, e.code], [400, 'InvalidTemplateDeployment']);
      assert.match(e.message, /^The template deployment 'refused' is not valid according to the validation procedure\./);
      return true;
    });
    const raw = await s.arm('PUT', `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-put-preflight/providers/Microsoft.Resources/deployments/refused?api-version=2026-06-01`, template);
    const error = (raw.body as { error: { details: { code: string; details: { code: string; target: string }[] }[] } }).error;
    assert.equal(error.details[0]?.code, 'PreflightValidationCheckFailed', raw.text);
    assert.deepEqual(error.details[0]?.details.map((d) => [d.code, d.target.split('/').at(-1)]), [['InvalidAddressPrefixFormat', 'vnet-bad']]);
    await assert.rejects(client.deployments.get('rg-put-preflight', 'refused'), { statusCode: 404, code: 'DeploymentNotFound' });
    await assert.rejects(s.clients().network.virtualNetworks.get('rg-put-preflight', 'vnet-ok'), { statusCode: 404 });
  });

  void it('keeps an earlier deployment of the same name as it was', async () => {
    const first = await client.deployments.createOrUpdate('rg-put-preflight', 'kept', deployment([vnet('vnet-kept', '10.82.0.0/16')]), FAST_POLL).pollUntilDone();
    assert.equal(first.properties?.provisioningState, 'Succeeded');
    await assert.rejects(client.deployments.createOrUpdate('rg-put-preflight', 'kept', deployment([vnet('vnet-kept', '10.82.0.0/99')]), FAST_POLL).pollUntilDone(), { statusCode: 400, code: 'InvalidTemplateDeployment' });
    const after_ = await client.deployments.get('rg-put-preflight', 'kept');
    assert.deepEqual([after_.properties?.provisioningState, after_.properties?.correlationId], ['Succeeded', first.properties?.correlationId]);
  });

  void it('leaves a reference to a resource that does not exist to the run: DeploymentFailed, as ARM finds it only while deploying', async () => {
    const missing = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-put-preflight/providers/Microsoft.Network/networkSecurityGroups/nsg-nowhere`;
    const template = deployment([vnet('vnet-ref', '10.83.0.0/16', { subnets: [{ name: 'a', properties: { addressPrefix: '10.83.1.0/24', networkSecurityGroup: { id: missing } } }] })]);
    const v = await s.arm('POST', `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-put-preflight/providers/Microsoft.Resources/deployments/ref/validate?api-version=2026-06-01`, template);
    assert.equal(v.status, 200, `validate does not look for the reference either: ${v.text}`);
    await assert.rejects(client.deployments.createOrUpdate('rg-put-preflight', 'ref', template, FAST_POLL).pollUntilDone(), /DeploymentFailed/);
    const failed = await client.deployments.get('rg-put-preflight', 'ref');
    assert.equal(failed.properties?.provisioningState, 'Failed');
    assert.deepEqual(failed.properties?.error?.details?.map((d) => d.code), ['InvalidResourceReference']);
  });
});
