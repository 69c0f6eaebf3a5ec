// Work requests (oci-workrequests' WorkRequestClient shares the iaas host and /20160918 prefix).
import { z } from 'zod';
import { getOwned, requireCompartment } from '../../../lifecycle/oci/scope.ts';
import type { WorkRequest } from '../../../model/oci/work-request.ts';
import { getOp, pageReply } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { parseQuery } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';

const pageQuery = z.object({ limit: listQueryFields.limit, page: listQueryFields.page });
const listWorkRequestsQuery = z.object({ compartmentId: z.string(), resourceId: z.string().optional(), ...pageQuery.shape });

/** WorkRequestSummary: the work request without its resources. */
function summary(wr: WorkRequest): Record<string, unknown> {
  const { fr: _fr, resources: _resources, ...rest } = wr;
  return rest;
}

export const WORK_REQUEST_OPERATIONS: readonly OciOperation[] = [
  {
    name: 'listWorkRequests', client: 'WorkRequestClient', method: 'GET', path: '/workRequests',
    async handle(req) {
      const q = parseQuery(listWorkRequestsQuery, req.query);
      return req.engine.read((view) => {
        requireCompartment(view, req.scope, q.compartmentId);
        // Work requests are indexed by the resource they act on, so a resourceId filter is a lookup.
        const candidates = q.resourceId === undefined ? view.list('oci.WorkRequest') : view.children('oci.WorkRequest', q.resourceId);
        const mine = candidates.filter((wr) => wr.fr.tenancyId === req.scope.tenancyId && wr.compartmentId === q.compartmentId);
        // Newest first, as other lists order by creation time; a work request's is timeAccepted.
        return pageReply(mine.map((wr) => ({ id: wr.id, timeCreated: wr.timeAccepted, wr })), q, (x) => summary(x.wr));
      });
    },
  },
  getOp({ name: 'getWorkRequest', client: 'WorkRequestClient', path: '/workRequests/{workRequestId}', kind: 'oci.WorkRequest' }),
  {
    name: 'listWorkRequestErrors', client: 'WorkRequestClient', method: 'GET', path: '/workRequests/{workRequestId}/errors',
    async handle(req) {
      const q = parseQuery(pageQuery, req.query);
      // FastRoute's work requests fail only by never starting; an accepted one has no errors.
      await req.engine.read((view) => getOwned(view, req.scope, 'oci.WorkRequest', req.params.workRequestId ?? ''));
      return pageReply([], q, (x) => x);
    },
  },
  {
    name: 'listWorkRequestLogs', client: 'WorkRequestClient', method: 'GET', path: '/workRequests/{workRequestId}/logs',
    async handle(req) {
      const q = parseQuery(pageQuery, req.query);
      const wr = await req.engine.read((view) => getOwned(view, req.scope, 'oci.WorkRequest', req.params.workRequestId ?? ''));
      const logs = [{ id: `${wr.id}-accepted`, message: `${wr.operationType} accepted`, timestamp: wr.timeAccepted }, ...(wr.timeFinished ? [{ id: `${wr.id}-finished`, message: `${wr.operationType} ${wr.status.toLowerCase()}`, timestamp: wr.timeFinished }] : [])];
      return pageReply(logs, q, ({ message, timestamp }) => ({ message, timestamp }));
    },
  },
];
