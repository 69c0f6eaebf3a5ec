// DRG route tables: CRUD, list, their rules (static ones stored, dynamic ones computed by routing)
// and the rule and import-distribution actions.
import { z } from 'zod';
import {
  addDrgRouteRules, createDrgRouteTable, deleteDrgRouteTable, removeDrgRouteRules, removeImportDrgRouteDistribution, updateDrgRouteRules, updateDrgRouteTable,
} from '../../../lifecycle/oci/drg-route-table.ts';
import { getOwned } from '../../../lifecycle/oci/scope.ts';
import { parseCidr } from '../../../model/cidr.ts';
import type { Tx } from '../../../model/tx.ts';
import type { OciScope } from '../../../lifecycle/oci/scope.ts';
import { drgRouteRules } from '../../../routing/diagnostics/drg.ts';
import type { DrgRouteRuleWire } from '../../../routing/diagnostics/types.ts';
import { checkIfMatch, createOp, deleteOp, entityReply, getOp, listOp, pageReply, updateOp } from '../crud.ts';
import type { OciOperation, OciReply } from '../operation.ts';
import { parseBody, parseQuery } from '../protocol/body.ts';
import { listQueryFields, type ListParams } from '../protocol/list.ts';
import { present } from '../present.ts';
import { nameAndTags } from '../schemas/common.ts';

/**
 * One page of items kept in an order of their own (not by time or name): each carries a sortable
 * key, so the page token is still a keyset position.
 */
export function keyedPage<T extends { id: string }>(items: readonly T[], key: (item: T) => string, q: ListParams, show: (item: T) => unknown): OciReply {
  const keyed = items.map((item) => ({ id: item.id, timeCreated: key(item), item }));
  return pageReply(keyed, { limit: q.limit, page: q.page, sortBy: 'TIMECREATED', sortOrder: q.sortOrder ?? 'ASC' }, (k) => show(k.item));
}

/** Routing's order for a rule list: destination address and length, winners first, static first, next hop. */
function ruleKey(r: DrgRouteRuleWire): string {
  const p = parseCidr(r.destination, false);
  const [net, len] = p.ok ? [p.prefix.network, p.prefix.length] : [0, 0];
  return `${net.toString(16).padStart(8, '0')}${String(len).padStart(2, '0')}${r.isConflict ? 1 : 0}${r.routeType === 'STATIC' ? 0 : 1}${r.nextHopDrgAttachmentId}`;
}

const createDrgRouteTableDetails = z.strictObject({
  ...nameAndTags,
  drgId: z.string().optional(),
  importDrgRouteDistributionId: z.string().optional(),
  isEcmpEnabled: z.boolean().optional(),
});

const updateDrgRouteTableDetails = z.strictObject({
  ...nameAndTags,
  importDrgRouteDistributionId: z.string().optional(),
  isEcmpEnabled: z.boolean().optional(),
});

const ruleFields = { destination: z.string().optional(), destinationType: z.string().optional(), nextHopDrgAttachmentId: z.string().optional() };
const addRulesDetails = z.strictObject({ routeRules: z.array(z.strictObject(ruleFields)).optional() });
const updateRulesDetails = z.strictObject({ routeRules: z.array(z.strictObject({ id: z.string().optional(), ...ruleFields })).optional() });
const removeRulesDetails = z.strictObject({ routeRuleIds: z.array(z.string()).optional() });

const listDrgRouteTablesQuery = z.object({ drgId: z.string(), importDrgRouteDistributionId: z.string().optional(), ...listQueryFields });
const listDrgRouteRulesQuery = z.object({ limit: listQueryFields.limit, page: listQueryFields.page, routeType: z.enum(['STATIC', 'DYNAMIC']).optional() });

/** A rule action: the body checked, the change in one unit of work, the rules it touched as a bare array. */
function ruleAction<S extends z.ZodType>(name: string, body: S, change: (tx: Tx, scope: OciScope, tableId: string, d: z.output<S>) => readonly object[] | undefined): OciOperation {
  return {
    name, client: 'VirtualNetworkClient', method: 'POST', path: `/drgRouteTables/{drgRouteTableId}/actions/${name}`,
    async handle(req) {
      const details = parseBody(body, req.body);
      const rules = await req.engine.mutate(`oci:${name}`, (tx) => change(tx, req.scope, req.params.drgRouteTableId ?? '', details));
      return rules ? { body: rules.map((r) => present('oci.DrgRouteRule', r)) } : { status: 200 };
    },
  };
}

export const DRG_ROUTE_TABLE_OPERATIONS: readonly OciOperation[] = [
  createOp({ name: 'createDrgRouteTable', path: '/drgRouteTables', kind: 'oci.DrgRouteTable', body: createDrgRouteTableDetails, create: (tx, scope, d) => createDrgRouteTable(tx, scope, d) }),
  getOp({ name: 'getDrgRouteTable', path: '/drgRouteTables/{drgRouteTableId}', kind: 'oci.DrgRouteTable' }),
  updateOp({
    name: 'updateDrgRouteTable', path: '/drgRouteTables/{drgRouteTableId}', kind: 'oci.DrgRouteTable', body: updateDrgRouteTableDetails,
    update: (tx, scope, id, d) => updateDrgRouteTable(tx, scope, id, d),
  }),
  deleteOp({ name: 'deleteDrgRouteTable', path: '/drgRouteTables/{drgRouteTableId}', kind: 'oci.DrgRouteTable', remove: deleteDrgRouteTable }),
  listOp({
    name: 'listDrgRouteTables', path: '/drgRouteTables', kind: 'oci.DrgRouteTable', query: listDrgRouteTablesQuery, compartment: 'none',
    source: (view, q, scope) => view.children('oci.DrgRouteTable', getOwned(view, scope, 'oci.Drg', q.drgId).id),
    filter: (t, q) => q.importDrgRouteDistributionId === undefined || t.importDrgRouteDistributionId === q.importDrgRouteDistributionId,
  }),
  {
    name: 'listDrgRouteRules', client: 'VirtualNetworkClient', method: 'GET', path: '/drgRouteTables/{drgRouteTableId}/drgRouteRules',
    async handle(req) {
      const q = parseQuery(listDrgRouteRulesQuery, req.query);
      const id = req.params.drgRouteTableId ?? '';
      return req.engine.read((view) => {
        getOwned(view, req.scope, 'oci.DrgRouteTable', id);
        return keyedPage(drgRouteRules(req.engine.routing, id, q.routeType), ruleKey, q, (r) => r);
      });
    },
  },
  ruleAction('addDrgRouteRules', addRulesDetails, (tx, scope, id, d) => addDrgRouteRules(tx, scope, id, d.routeRules ?? [])),
  ruleAction('updateDrgRouteRules', updateRulesDetails, (tx, scope, id, d) => updateDrgRouteRules(tx, scope, id, d.routeRules ?? [])),
  ruleAction('removeDrgRouteRules', removeRulesDetails, (tx, scope, id, d) => { removeDrgRouteRules(tx, scope, id, d.routeRuleIds ?? []); return undefined; }),
  {
    name: 'removeImportDrgRouteDistribution', client: 'VirtualNetworkClient', method: 'POST', path: '/drgRouteTables/{drgRouteTableId}/actions/removeImportDrgRouteDistribution',
    async handle(req) {
      const id = req.params.drgRouteTableId ?? '';
      const table = await req.engine.mutate('oci:removeImportDrgRouteDistribution', (tx) => {
        checkIfMatch(tx, req.scope, 'oci.DrgRouteTable', id, req.ifMatch);
        return removeImportDrgRouteDistribution(tx, req.scope, id);
      });
      return entityReply('oci.DrgRouteTable', table);
    },
  },
];
