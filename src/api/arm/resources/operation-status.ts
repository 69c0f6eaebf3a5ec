// Polling endpoints of the LRO protocol: the Azure-AsyncOperation status resource and the Location
// URL. Both are answered from the world as it is now (see protocol/lro.ts). Post actions register
// how to compute their result; the Location GET answers it.
import type { ReadView } from '../../../model/world.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';
import { armErrorBody } from '../protocol/errors.ts';
import { decodeOperation, RETRY_AFTER_SECONDS, type OperationStatus, type OperationToken } from '../protocol/lro.ts';
import { presentArm } from '../present.ts';
import { S } from '../crud.ts';
import { armApiError } from '../protocol/errors.ts';

export type PostActionResult = (req: ArmRequest, view: ReadView, token: OperationToken) => unknown;

interface Stateful { properties?: { provisioningState?: string }; fr?: { reason?: string } }

function statusOf(view: ReadView, t: OperationToken): { status: OperationStatus; error?: { code: string; message: string; status?: number } } {
  if (t.error) return { status: 'Failed', error: t.error };
  if (t.op === 'post') return { status: 'Succeeded' };
  const e = view.get(t.kind, t.id) as Stateful | undefined;
  const state = e?.properties?.provisioningState;
  if (t.op === 'delete') {
    if (e === undefined) return { status: 'Succeeded' };
    if (state === 'Failed') return { status: 'Failed', error: { code: 'DeleteFailed', message: e.fr?.reason ?? `Deleting ${t.id} failed.` } };
    return { status: 'InProgress' };
  }
  if (e === undefined) return { status: 'Canceled', error: { code: 'Canceled', message: `${t.id} was deleted before its operation finished.` } };
  if (state === 'Failed') return { status: 'Failed', error: { code: 'ProvisioningFailed', message: e.fr?.reason ?? `Provisioning ${t.id} failed.` } };
  if (state === undefined || state === 'Succeeded') return { status: 'Succeeded' };
  return { status: 'InProgress' };
}

/** The operation a poll names, refused (404) when it was started in another subscription. */
function operationOf(req: ArmRequest): OperationToken {
  const id = req.params.operationId ?? '';
  const t = decodeOperation(id);
  if (t.sub.toLowerCase() !== (req.params.subscriptionId ?? '').toLowerCase()) throw armApiError.operationNotFound(id);
  return t;
}

export function operationStatusOperations(postResults: Readonly<Record<string, PostActionResult>>): ArmOperation[] {
  const root = `${S}/providers/{providerNamespace}/locations/{location}`;
  return [
    {
      name: 'operationStatus.get', method: 'GET', path: `${root}/operations/{operationId}`,
      async handle(req) {
        const t = operationOf(req);
        return req.engine.read((view) => {
          const s = statusOf(view, t);
          const body = { id: `/subscriptions/${t.sub}/providers/${t.ns}/locations/${t.loc}/operations/${req.params.operationId ?? ''}`, name: req.params.operationId, status: s.status, ...(s.error ? { error: armErrorBody(s.error.code, s.error.message).error } : {}) };
          const headers: Record<string, string> = s.status === 'InProgress' ? { 'retry-after': RETRY_AFTER_SECONDS } : {};
          return { body, headers };
        });
      },
    },
    {
      name: 'operationResults.get', method: 'GET', path: `${root}/operationResults/{operationId}`,
      async handle(req) {
        const t = operationOf(req);
        return req.engine.read((view) => {
          if (t.op === 'post') {
            const compute = postResults[t.action ?? ''];
            if (!compute) throw armApiError.operationNotFound(req.params.operationId ?? '');
            return { status: 200, body: compute(req, view, t) };
          }
          const s = statusOf(view, t);
          if (s.status === 'InProgress') return { status: 202, headers: { location: req.ctx.baseUrl() + req.url, 'retry-after': RETRY_AFTER_SECONDS } };
          if (s.error) return { status: s.error.status ?? (s.status === 'Failed' ? 400 : 409), body: armErrorBody(s.error.code, s.error.message) };
          if (t.op === 'delete') return { status: 204 };
          const e = view.get(t.kind, t.id);
          return { status: 200, body: e === undefined ? undefined : presentArm(view, t.kind, e) };
        });
      },
    },
  ];
}
