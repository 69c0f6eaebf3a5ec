// POST …/deployments/{name}/cancel through @azure/arm-resourcesdeployments: ARM cancels a deployment
// that is Accepted or Running (204, provisioningState Canceled; what it already deployed stays) and
// refuses any other with 409 DeploymentCannotBeCancelled, at resource-group and subscription scope.
// The manual clock keeps the deployment's resources Updating, so it stays Running until cancelled.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DeploymentsClient, type Deployment } from '@azure/arm-resourcesdeployments';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { startArmServer, staticCredential, type ArmTestServer } from './harness.ts';

const NET_API = '2024-05-01';
let s: ArmTestServer;
let client: DeploymentsClient;

const vnet = (name: string, prefix: string, location: string) => ({ type: 'Microsoft.Network/virtualNetworks', apiVersion: NET_API, name, location, properties: { addressSpace: { addressPrefixes: [prefix] } } });

void describe('cancelling a deployment', () => {
  before(async () => {
    s = await startArmServer({ clock: 'manual' });
    client = new DeploymentsClient(staticCredential(), DEFAULT_SUBSCRIPTION_ID, { endpoint: s.armUrl, tlsOptions: { ca: s.caPem }, retryOptions: { maxRetries: 0 } });
    await s.clients().resources.resourceGroups.createOrUpdate('rg-cancel', { location: 'westeurope' });
  });

  after(async () => {
    await s.close();
  });

  void it('cancels a running resource-group deployment (204, Canceled, its resource kept) and refuses to cancel it again', async () => {
    const body: Deployment = { properties: { mode: 'Incremental', template: { resources: [vnet('vnet-cancel', '10.90.0.0/16', 'westeurope')] } } };
    await client.deployments.createOrUpdate('rg-cancel', 'slow', body, { updateIntervalInMs: 10 }).submitted();
    assert.equal((await client.deployments.get('rg-cancel', 'slow')).properties?.provisioningState, 'Running');
    await client.deployments.cancel('rg-cancel', 'slow');
    assert.equal((await client.deployments.get('rg-cancel', 'slow')).properties?.provisioningState, 'Canceled');
    assert.equal((await s.clients().network.virtualNetworks.get('rg-cancel', 'vnet-cancel')).name, 'vnet-cancel', 'cancelling leaves what was deployed');
    await s.engine.advance(3600);
    assert.equal((await client.deployments.get('rg-cancel', 'slow')).properties?.provisioningState, 'Canceled', 'a cancelled deployment does not finish later');
    await assert.rejects(client.deployments.cancel('rg-cancel', 'slow'), (e: Error & { statusCode?: number; code?: string }) => {
      assert.deepEqual([e.statusCode, e.code], [409, 'DeploymentCannotBeCancelled']);
      assert.match(e.message, /'Canceled'/);
      return true;
    });
    await assert.rejects(client.deployments.cancel('rg-cancel', 'nowhere'), { statusCode: 404, code: 'DeploymentNotFound' });
  });

  void it('at subscription scope: cancels a running deployment, refuses a finished one', async () => {
    const template = {
      resources: [
        { type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: 'rg-cancel-sub', location: 'westeurope' },
        {
          type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner', resourceGroup: 'rg-cancel-sub', dependsOn: ['rg-cancel-sub'],
          properties: { mode: 'Incremental', template: { resources: [vnet('vnet-cancel-sub', '10.91.0.0/16', 'westeurope')] } },
        },
      ],
    };
    const body: Deployment = { location: 'westeurope', properties: { mode: 'Incremental', template } };
    await client.deployments.createOrUpdateAtSubscriptionScope('sub-slow', body, { updateIntervalInMs: 10 }).submitted();
    assert.equal((await client.deployments.getAtSubscriptionScope('sub-slow')).properties?.provisioningState, 'Running');
    await client.deployments.cancelAtSubscriptionScope('sub-slow');
    assert.equal((await client.deployments.getAtSubscriptionScope('sub-slow')).properties?.provisioningState, 'Canceled');

    await client.deployments.createOrUpdateAtSubscriptionScope('sub-done', { location: 'westeurope', properties: { mode: 'Incremental', template: { resources: [] } } }, { updateIntervalInMs: 10 }).pollUntilDone();
    await assert.rejects(client.deployments.cancelAtSubscriptionScope('sub-done'), { statusCode: 409, code: 'DeploymentCannotBeCancelled' });
  });
});
