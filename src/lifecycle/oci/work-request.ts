// Work requests track an operation that finishes later. One is done when its target resource
// reaches one of the states that end the operation; the generic OCI transitions call
// finishWorkRequests whenever a resource's state moves, so no extra timers are needed.
import { ocid } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { WorkRequest, WorkRequestActionType } from '../../model/oci/work-request.ts';
import type { OciScope } from './scope.ts';

export interface WorkRequestStart {
  operationType: string;
  compartmentId: string;
  /** OCI's entity type name ("instance", "vcn"), as work requests report it. */
  entityType: string;
  entityUri: string;
  actionType: WorkRequestActionType;
  targetId: string;
  /** The target's current lifecycle state. */
  currentState: string | undefined;
  /** States of the target that end the operation (a missing target also ends a deletion). */
  doneStates: string[];
}

export function startWorkRequest(tx: Tx, scope: OciScope, start: WorkRequestStart): WorkRequest {
  const now = tx.nowIso;
  const done = start.currentState !== undefined && start.doneStates.includes(start.currentState);
  const wr: WorkRequest = {
    id: ocid(tx.ctx.ids, 'coreservicesworkrequest', scope.region),
    operationType: start.operationType,
    status: done ? 'SUCCEEDED' : 'IN_PROGRESS',
    compartmentId: start.compartmentId,
    resources: [{ entityType: start.entityType, actionType: done ? start.actionType : 'IN_PROGRESS', identifier: start.targetId, entityUri: start.entityUri }],
    percentComplete: done ? 100 : 0,
    timeAccepted: now,
    timeStarted: now,
    ...(done ? { timeFinished: now } : {}),
    fr: { tenancyId: scope.tenancyId, region: scope.region, targetId: start.targetId, doneStates: start.doneStates, actionType: start.actionType },
  };
  return tx.put('oci.WorkRequest', wr);
}

/** Marks the open work requests on `targetId` done if `state` ends them. */
export function finishWorkRequests(tx: Tx, targetId: string, state: string | undefined): void {
  for (const wr of tx.children('oci.WorkRequest', targetId)) {
    if (wr.timeFinished !== undefined) continue;
    if (state !== undefined && !wr.fr.doneStates.includes(state)) continue;
    tx.update('oci.WorkRequest', wr.id, (d) => {
      d.status = 'SUCCEEDED';
      d.percentComplete = 100;
      d.timeFinished = tx.nowIso;
      for (const r of d.resources) r.actionType = d.fr.actionType;
    });
  }
}
