// What-if answers as ARM does (azure-rest-api-specs, Microsoft.Resources deployments, Deployments_WhatIf
// and its examples: 202 with Location and Retry-After, then the WhatIfOperationResult at the Location).
// The result is computed when asked, so it shows the world as it was then, and kept for the poll in
// memory: a bounded number per server, for a bounded time (a what-if is looked at once, right away).
import { randomUUID } from 'node:crypto';
import { S } from '../crud.ts';
import type { ArmOperation, ArmReply, ArmRequest } from '../operation.ts';
import { armApiError } from '../protocol/errors.ts';
import { RETRY_AFTER_SECONDS } from '../protocol/lro.ts';

const KEPT = 200;
const KEPT_MS = 15 * 60_000;

interface Kept { subscriptionId: string; at: number; body: unknown }

/** Per server (its engine): operation id → result. A Map iterates oldest first, which eviction uses. */
const results = new WeakMap<object, Map<string, Kept>>();

function store(req: ArmRequest): Map<string, Kept> {
  let m = results.get(req.engine);
  if (m === undefined) results.set(req.engine, (m = new Map<string, Kept>()));
  return m;
}

/** 202 Accepted with the Location where `body` is answered. */
export function acceptedWhatIf(req: ArmRequest, body: unknown): ArmReply {
  const m = store(req);
  const id = randomUUID();
  const subscriptionId = req.params.subscriptionId ?? '';
  m.set(id, { subscriptionId: subscriptionId.toLowerCase(), at: Date.now(), body });
  for (const [old, k] of m) {
    if (m.size <= KEPT && Date.now() - k.at < KEPT_MS) break;
    m.delete(old);
  }
  const location = `${req.ctx.baseUrl()}/subscriptions/${subscriptionId}/operationresults/${id}?api-version=${encodeURIComponent(req.apiVersion)}`;
  return { status: 202, headers: { location, 'retry-after': RETRY_AFTER_SECONDS } };
}

export const WHAT_IF_RESULT_OPERATIONS: ArmOperation[] = [
  {
    name: 'deployments.whatIfResult', method: 'GET', path: `${S}/operationresults/{operationId}`,
    handle(req) {
      const id = req.params.operationId ?? '';
      const kept = store(req).get(id);
      if (kept === undefined || kept.subscriptionId !== (req.params.subscriptionId ?? '').toLowerCase() || Date.now() - kept.at >= KEPT_MS) {
        return Promise.reject(armApiError.operationNotFound(id));
      }
      return Promise.resolve({ body: kept.body });
    },
  },
];
