// Work requests (oci-workrequests' WorkRequestClient shares the iaas host and /20160918 prefix).
import { z } from 'zod';
import { getOwned } from '../../../lifecycle/oci/scope.ts';
import { getOp, pageReply } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { parseQuery } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';

const pageQuery = z.object({ limit: listQueryFields.limit, page: listQueryFields.page });

export const WORK_REQUEST_OPERATIONS: readonly OciOperation[] = [
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
