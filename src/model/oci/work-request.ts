// OCI work requests (api-shapes §1.4): returned as `opc-work-request-id` by operations that finish
// asynchronously, and polled by the SDK's work-request waiters until `timeFinished` is set.
import type { OciMeta } from './common.ts';

export type WorkRequestStatus = 'ACCEPTED' | 'IN_PROGRESS' | 'FAILED' | 'SUCCEEDED' | 'CANCELING' | 'CANCELED';
export type WorkRequestActionType = 'CREATED' | 'UPDATED' | 'DELETED' | 'RELATED' | 'IN_PROGRESS';

export interface WorkRequestResource {
  entityType: string;
  actionType: WorkRequestActionType;
  identifier: string;
  entityUri?: string;
}

export interface WorkRequest {
  id: string;
  operationType: string;
  status: WorkRequestStatus;
  compartmentId: string;
  resources: WorkRequestResource[];
  percentComplete: number;
  timeAccepted: string;
  timeStarted?: string;
  timeFinished?: string;
  fr: OciMeta & { targetId: string; doneStates: string[]; actionType: WorkRequestActionType };
}
