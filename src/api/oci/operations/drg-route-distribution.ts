// DRG route distributions: CRUD, list, and their statements (list, add, update, remove).
import { z } from 'zod';
import {
  addDrgRouteDistributionStatements, createDrgRouteDistribution, deleteDrgRouteDistribution, removeDrgRouteDistributionStatements,
  updateDrgRouteDistribution, updateDrgRouteDistributionStatements,
} from '../../../lifecycle/oci/drg-route-distribution.ts';
import { getOwned, type OciScope } from '../../../lifecycle/oci/scope.ts';
import type { Tx } from '../../../model/tx.ts';
import { createOp, deleteOp, getOp, listOp, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { parseBody, parseQuery } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';
import { present } from '../present.ts';
import { nameAndTags } from '../schemas/common.ts';
import { keyedPage } from './drg-route-table.ts';

const matchCriteria = z.array(z.discriminatedUnion('matchType', [
  z.strictObject({ matchType: z.literal('DRG_ATTACHMENT_TYPE'), attachmentType: z.enum(['VCN', 'VIRTUAL_CIRCUIT', 'REMOTE_PEERING_CONNECTION', 'IPSEC_TUNNEL']) }),
  z.strictObject({ matchType: z.literal('DRG_ATTACHMENT_ID'), drgAttachmentId: z.string() }),
  z.strictObject({ matchType: z.literal('MATCH_ALL') }),
]));

const createDetails = z.strictObject({ ...nameAndTags, drgId: z.string().optional(), distributionType: z.string().optional() });
const updateDetails = z.strictObject({ ...nameAndTags });

const addStatementsDetails = z.strictObject({
  statements: z.array(z.strictObject({ matchCriteria: matchCriteria.optional(), action: z.string().optional(), priority: z.number().optional() })).optional(),
});
const updateStatementsDetails = z.strictObject({
  statements: z.array(z.strictObject({ id: z.string().optional(), matchCriteria: matchCriteria.optional(), priority: z.number().optional() })).optional(),
});
const removeStatementsDetails = z.strictObject({ statementIds: z.array(z.string()).optional() });

const listDistributionsQuery = z.object({ drgId: z.string(), ...listQueryFields });
const listStatementsQuery = z.object({ limit: listQueryFields.limit, page: listQueryFields.page, sortBy: z.enum(['TIMECREATED']).optional(), sortOrder: listQueryFields.sortOrder });

const PATH = '/drgRouteDistributions/{drgRouteDistributionId}';

/** A statement action: the change in one unit of work, the statements it touched as a bare array. */
function statementAction<S extends z.ZodType>(name: string, body: S, change: (tx: Tx, scope: OciScope, id: string, d: z.output<S>) => readonly object[] | undefined): OciOperation {
  return {
    name, client: 'VirtualNetworkClient', method: 'POST', path: `${PATH}/actions/${name}`,
    async handle(req) {
      const details = parseBody(body, req.body);
      const statements = await req.engine.mutate(`oci:${name}`, (tx) => change(tx, req.scope, req.params.drgRouteDistributionId ?? '', details));
      return statements ? { body: statements.map((s) => present('oci.DrgRouteDistributionStatement', s)) } : { status: 200 };
    },
  };
}

export const DRG_ROUTE_DISTRIBUTION_OPERATIONS: readonly OciOperation[] = [
  createOp({ name: 'createDrgRouteDistribution', path: '/drgRouteDistributions', kind: 'oci.DrgRouteDistribution', body: createDetails, create: (tx, scope, d) => createDrgRouteDistribution(tx, scope, d) }),
  getOp({ name: 'getDrgRouteDistribution', path: PATH, kind: 'oci.DrgRouteDistribution' }),
  updateOp({ name: 'updateDrgRouteDistribution', path: PATH, kind: 'oci.DrgRouteDistribution', body: updateDetails, update: (tx, scope, id, d) => updateDrgRouteDistribution(tx, scope, id, d) }),
  deleteOp({ name: 'deleteDrgRouteDistribution', path: PATH, kind: 'oci.DrgRouteDistribution', remove: deleteDrgRouteDistribution }),
  listOp({
    name: 'listDrgRouteDistributions', path: '/drgRouteDistributions', kind: 'oci.DrgRouteDistribution', query: listDistributionsQuery, compartment: 'none',
    source: (view, q, scope) => view.children('oci.DrgRouteDistribution', getOwned(view, scope, 'oci.Drg', q.drgId).id),
  }),
  {
    name: 'listDrgRouteDistributionStatements', client: 'VirtualNetworkClient', method: 'GET', path: `${PATH}/drgRouteDistributionStatements`,
    async handle(req) {
      const q = parseQuery(listStatementsQuery, req.query);
      return req.engine.read((view) => {
        const dist = getOwned(view, req.scope, 'oci.DrgRouteDistribution', req.params.drgRouteDistributionId ?? '');
        // Statements carry no creation time; they are listed by priority, the order they are evaluated in.
        return keyedPage(view.children('oci.DrgRouteDistributionStatement', dist.id), (s) => String(s.priority).padStart(5, '0'), q,
          (s) => present('oci.DrgRouteDistributionStatement', s));
      });
    },
  },
  statementAction('addDrgRouteDistributionStatements', addStatementsDetails, (tx, scope, id, d) => addDrgRouteDistributionStatements(tx, scope, id, d.statements ?? [])),
  statementAction('updateDrgRouteDistributionStatements', updateStatementsDetails, (tx, scope, id, d) => updateDrgRouteDistributionStatements(tx, scope, id, d.statements ?? [])),
  statementAction('removeDrgRouteDistributionStatements', removeStatementsDetails, (tx, scope, id, d) => { removeDrgRouteDistributionStatements(tx, scope, id, d.statementIds ?? []); return undefined; }),
];
