// What a deployment keeps after it ran: its operations (one per template resource: the PUT, its
// resource's provisioningState and the HTTP status it got, as `az deployment operation group
// list` shows them) and its deletion (the record only: ARM leaves the deployed resources alone).
import { createHash } from 'node:crypto';
import { arm } from '../../../model/errors.ts';
import type { Deployment } from '../../../model/azure/deployment.ts';
import type { ReadView } from '../../../model/world.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';
import { placeOf } from './deployment-place.ts';

/** Reads the deployment (settling it first), or ARM's DeploymentNotFound. */
export type ReadDeployment = (req: ArmRequest) => Promise<Deployment>;

/** A deployed resource's provisioningState (undefined when it has none), and whether it still exists. */
export type ResourceState = (view: ReadView, r: { type: string; id: string }) => { found: boolean; state: string | undefined };

const STATUS_NAMES: Record<number, string> = { 200: 'OK', 201: 'Created', 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 429: 'TooManyRequests', 501: 'NotImplemented' };

function operationId(d: Deployment, resourceId: string): string {
  return createHash('sha256').update(`${d.fr.runId}|${resourceId.toLowerCase()}`).digest('hex').slice(0, 16).toUpperCase();
}

function operationsOf(view: ReadView, d: Deployment, stateOf: ResourceState): Record<string, unknown>[] {
  const targets = d.fr.resources.map((r) => ({ ...r, status: 201 }));
  if (d.fr.refused) targets.push(d.fr.refused);
  return targets.map((r) => {
    const now = stateOf(view, r);
    const refused = r.status >= 400;
    const state = refused || !now.found ? 'Failed' : now.state ?? 'Succeeded';
    const error = d.properties.error?.details.find((x) => x.target?.toLowerCase() === r.id.toLowerCase());
    const id = operationId(d, r.id);
    return {
      id: `${d.id}/operations/${id}`, operationId: id,
      properties: {
        provisioningOperation: 'Create', provisioningState: state, timestamp: d.properties.timestamp, duration: d.properties.duration,
        trackingId: createHash('sha256').update(`${id}|tracking`).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5'),
        statusCode: STATUS_NAMES[r.status] ?? String(r.status),
        ...(error ? { statusMessage: { status: 'Failed', error: { code: error.code, message: error.message } } } : {}),
        targetResource: { id: r.id, resourceType: r.type, resourceName: r.name },
      },
    };
  });
}

/** The deployment's operations list (also at `operationsAlias`, the path the SDKs use) and its DELETE, on one deployment path. */
export function recordOperations(item: string, suffix: string, read: ReadDeployment, stateOf: ResourceState, operationsAlias?: string): ArmOperation[] {
  const list = async (req: ArmRequest) => {
    const d = await read(req);
    return req.engine.read((view) => operationsOf(view, d, stateOf));
  };
  const listing = (path: string): ArmOperation[] => [
    {
      name: `deploymentOperations.list${suffix}`, method: 'GET', path,
      async handle(req) {
        return { body: { value: await list(req) } };
      },
    },
    {
      name: `deploymentOperations.get${suffix}`, method: 'GET', path: `${path}/{operationId}`,
      async handle(req) {
        const op = (await list(req)).find((o) => o.operationId === req.params.operationId?.toUpperCase());
        if (!op) throw arm.badRequest('DeploymentOperationNotFound', `Deployment operation '${req.params.operationId ?? ''}' could not be found.`);
        return { body: op };
      },
    },
  ];
  return [
    ...listing(`${item}/operations`),
    ...(operationsAlias === undefined ? [] : listing(operationsAlias)),
    {
      // ARM deletes the record asynchronously (202, then 204 on the poll); here it is gone at once.
      name: `deployments.delete${suffix}`, method: 'DELETE', path: item,
      async handle(req) {
        const place = await placeOf(req);
        if (place.existing === undefined) return { status: 204 };
        const d = await read(req);
        if (d.properties.provisioningState === 'Running' || d.properties.provisioningState === 'Accepted') {
          throw arm.conflict('DeploymentActive', `Unable to delete deployment '${d.name}': the deployment is still active. Please see https://aka.ms/arm-deploy for usage details.`);
        }
        await req.engine.mutate('arm:deployments.delete', (tx) => {
          if (tx.get('azure.Deployment', d.id)) tx.remove('azure.Deployment', d.id);
        });
        return { status: 204 };
      },
    },
  ];
}
