// One deployment case {name, template, parameters} driven through the official deployments client
// (@azure/arm-resourcesdeployments): validate, what-if (every template resource Create), create (LRO
// to Succeeded), get, list, the deployment operations (list and get), what-if again (NoChange),
// exportTemplate, delete. Any list of such cases plugs in (test/api/arm/sdk-deployments.test.ts).
import assert from 'node:assert/strict';
import type { DeploymentsClient, WhatIfChange } from '@azure/arm-resourcesdeployments';
import { FAST_POLL } from './harness.ts';

export interface DeploymentCase {
  name: string;
  template: Record<string, unknown>;
  parameters?: Record<string, { value: unknown }>;
}

/** A deployment name ARM accepts (^[-\w._()]+$, at most 64 characters) from a case name. */
export function deploymentNameOf(caseName: string): string {
  return caseName.replace(/[^-\w._()]/g, '-').slice(0, 64);
}

/** The changes of a what-if by resource id (lower case, as ids compare in ARM). */
export function changesById(changes: readonly WhatIfChange[] | undefined): Map<string, WhatIfChange> {
  return new Map((changes ?? []).map((c) => [(c.resourceId ?? '').toLowerCase(), c]));
}

export async function runSdkDeploymentCase(client: DeploymentsClient, resourceGroup: string, c: DeploymentCase): Promise<void> {
  const name = deploymentNameOf(c.name);
  const deployment = { properties: { mode: 'Incremental' as const, template: c.template, parameters: c.parameters ?? {} } };

  const validated = await client.deployments.validate(resourceGroup, name, deployment, FAST_POLL).pollUntilDone();
  assert.equal(validated.error, undefined, JSON.stringify(validated.error));
  assert.equal(validated.properties?.provisioningState, 'Succeeded');
  const ids = (validated.properties?.validatedResources ?? []).map((r) => (r.id ?? '').toLowerCase());
  assert.ok(ids.length > 0, 'validate names the resources it would deploy');
  await assert.rejects(client.deployments.get(resourceGroup, name), { statusCode: 404, code: 'DeploymentNotFound' }, 'validate deploys nothing');

  // What-if lists a nested deployment's resources instead of the deployment itself.
  const compared = ids.filter((id) => !id.includes('/providers/microsoft.resources/deployments/'));
  const planned = changesById((await client.deployments.whatIf(resourceGroup, name, deployment, FAST_POLL).pollUntilDone()).changes);
  for (const id of compared) assert.equal(planned.get(id)?.changeType, 'Create', `what-if before the deployment: ${id}`);

  const done = await client.deployments.createOrUpdate(resourceGroup, name, deployment, FAST_POLL).pollUntilDone();
  assert.equal(done.properties?.provisioningState, 'Succeeded', JSON.stringify(done.properties?.error));
  const got = await client.deployments.get(resourceGroup, name);
  assert.deepEqual([got.id, got.properties?.provisioningState, got.properties?.outputs], [done.id, 'Succeeded', done.properties?.outputs]);
  assert.deepEqual((got.properties?.outputResources ?? []).map((r) => (r.id ?? '').toLowerCase()).sort(), [...ids].sort());

  const listed: string[] = [];
  for await (const d of client.deployments.listByResourceGroup(resourceGroup)) listed.push(d.name ?? '');
  assert.ok(listed.includes(name), `listed: ${listed.join(', ')}`);

  const operations = [];
  for await (const op of client.deploymentOperations.list(resourceGroup, name)) operations.push(op);
  assert.deepEqual(operations.map((o) => (o.properties?.targetResource?.id ?? '').toLowerCase()).sort(), [...ids].sort());
  for (const op of operations) assert.equal(op.properties?.provisioningState, 'Succeeded', JSON.stringify(op));
  const first = operations[0];
  assert.ok(first?.operationId !== undefined);
  assert.deepEqual((await client.deploymentOperations.get(resourceGroup, name, first.operationId)).properties?.targetResource, first.properties?.targetResource);

  const again = changesById((await client.deployments.whatIf(resourceGroup, name, deployment, FAST_POLL).pollUntilDone()).changes);
  for (const id of compared) assert.equal(again.get(id)?.changeType, 'NoChange', `what-if after the deployment: ${id} ${JSON.stringify(again.get(id)?.delta)}`);

  assert.deepEqual((await client.deployments.exportTemplate(resourceGroup, name)).template, JSON.parse(JSON.stringify(c.template)));
  await client.deployments.delete(resourceGroup, name, FAST_POLL).pollUntilDone();
  assert.equal((await client.deployments.checkExistence(resourceGroup, name)).body, false);
}
