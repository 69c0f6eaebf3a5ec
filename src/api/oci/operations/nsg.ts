// Network security groups: CRUD and list, their rules (a sub-collection with add/update/remove
// actions and its own paged list) and the VNICs in them.
import { z } from 'zod';
import { addNsgRules, createNetworkSecurityGroup, deleteNetworkSecurityGroup, removeNsgRules } from '../../../lifecycle/oci/security-list.ts';
import { nsgVnics, updateNetworkSecurityGroup, updateNsgRules } from '../../../lifecycle/oci/nsg-rules.ts';
import { getOwned } from '../../../lifecycle/oci/scope.ts';
import { createOp, deleteOp, getOp, listOp, pageReply, updateOp } from '../crud.ts';
import type { OciOperation, OciRequest } from '../operation.ts';
import { parseBody, parseQuery } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';
import { present } from '../present.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';
import { ruleFields } from './security-list.ts';

const PATH = '/networkSecurityGroups/{networkSecurityGroupId}';

const createNsgDetails = z.strictObject({ ...commonFields, vcnId: z.string().optional() });
const updateNsgDetails = z.strictObject({ ...nameAndTags });

const addressType = z.enum(['CIDR_BLOCK', 'SERVICE_CIDR_BLOCK', 'NETWORK_SECURITY_GROUP']);
const ruleDetails = {
  ...ruleFields,
  direction: z.enum(['INGRESS', 'EGRESS']).optional(),
  source: z.string().optional(),
  sourceType: addressType.optional(),
  destination: z.string().optional(),
  destinationType: addressType.optional(),
};
const addRulesDetails = z.strictObject({ securityRules: z.array(z.strictObject(ruleDetails)).optional() });
const updateRulesDetails = z.strictObject({ securityRules: z.array(z.strictObject({ ...ruleDetails, id: z.string().optional() })).optional() });
const removeRulesDetails = z.strictObject({ securityRuleIds: z.array(z.string()).optional() });

const listNsgsQuery = z.object({
  compartmentId: z.string().optional(),
  vcnId: z.string().optional(),
  vlanId: z.string().optional(),
  ...listQueryFields,
  lifecycleState: z.string().transform((s) => s.toUpperCase()).optional(),
});

const pageFields = { limit: listQueryFields.limit, page: listQueryFields.page, sortOrder: listQueryFields.sortOrder };
const listRulesQuery = z.object({ ...pageFields, direction: z.enum(['INGRESS', 'EGRESS']).optional(), sortBy: z.enum(['TIMECREATED']).optional() });
const listVnicsQuery = z.object({ ...pageFields, sortBy: z.enum(['TIMEASSOCIATED']).optional() });

function nsgId(req: OciRequest): string {
  return req.params.networkSecurityGroupId ?? '';
}

/** A rule action: one unit of work on the NSG named in the path. */
function ruleAction<S extends z.ZodType>(name: string, verb: string, body: S, run: (req: OciRequest, d: z.output<S>) => Promise<unknown>): OciOperation {
  return {
    name, client: 'VirtualNetworkClient', method: 'POST', path: `${PATH}/actions/${verb}`,
    async handle(req) {
      const result = await run(req, parseBody(body, req.body));
      return result === undefined ? { status: 200 } : { body: result };
    },
  };
}

export const NSG_OPERATIONS: readonly OciOperation[] = [
  createOp({ name: 'createNetworkSecurityGroup', path: '/networkSecurityGroups', kind: 'oci.NetworkSecurityGroup', body: createNsgDetails, create: (tx, scope, d) => createNetworkSecurityGroup(tx, scope, d) }),
  getOp({ name: 'getNetworkSecurityGroup', path: PATH, kind: 'oci.NetworkSecurityGroup' }),
  updateOp({ name: 'updateNetworkSecurityGroup', path: PATH, kind: 'oci.NetworkSecurityGroup', body: updateNsgDetails, update: (tx, scope, id, d) => updateNetworkSecurityGroup(tx, scope, id, d) }),
  deleteOp({ name: 'deleteNetworkSecurityGroup', path: PATH, kind: 'oci.NetworkSecurityGroup', remove: deleteNetworkSecurityGroup }),
  listOp({
    name: 'listNetworkSecurityGroups', path: '/networkSecurityGroups', kind: 'oci.NetworkSecurityGroup', query: listNsgsQuery, compartment: 'optional',
    source: (view, q) => (q.vcnId === undefined ? view.list('oci.NetworkSecurityGroup') : view.children('oci.NetworkSecurityGroup', q.vcnId)),
    // VLANs are not modelled, so no NSG is in one.
    filter: (_nsg, q) => q.vlanId === undefined,
  }),
  ruleAction('addNetworkSecurityGroupSecurityRules', 'addSecurityRules', addRulesDetails, async (req, d) => {
    const rules = await req.engine.mutate('oci:addNetworkSecurityGroupSecurityRules', (tx) => addNsgRules(tx, req.scope, nsgId(req), d.securityRules ?? []));
    return { securityRules: rules.map((r) => present('oci.NsgSecurityRule', r)) };
  }),
  ruleAction('updateNetworkSecurityGroupSecurityRules', 'updateSecurityRules', updateRulesDetails, async (req, d) => {
    const rules = await req.engine.mutate('oci:updateNetworkSecurityGroupSecurityRules', (tx) => updateNsgRules(tx, req.scope, nsgId(req), d.securityRules ?? []));
    return { securityRules: rules.map((r) => present('oci.NsgSecurityRule', r)) };
  }),
  ruleAction('removeNetworkSecurityGroupSecurityRules', 'removeSecurityRules', removeRulesDetails, async (req, d) => {
    await req.engine.mutate('oci:removeNetworkSecurityGroupSecurityRules', (tx) => {
      removeNsgRules(tx, req.scope, nsgId(req), d.securityRuleIds ?? []);
    });
    return undefined;
  }),
  {
    name: 'listNetworkSecurityGroupSecurityRules', client: 'VirtualNetworkClient', method: 'GET', path: `${PATH}/securityRules`,
    async handle(req) {
      const q = parseQuery(listRulesQuery, req.query);
      return req.engine.read((view) => {
        const nsg = getOwned(view, req.scope, 'oci.NetworkSecurityGroup', nsgId(req));
        const rules = view.children('oci.NsgSecurityRule', nsg.id).filter((r) => q.direction === undefined || r.direction === q.direction);
        return pageReply(rules, q, (r) => present('oci.NsgSecurityRule', r));
      });
    },
  },
  {
    name: 'listNetworkSecurityGroupVnics', client: 'VirtualNetworkClient', method: 'GET', path: `${PATH}/vnics`,
    async handle(req) {
      const q = parseQuery(listVnicsQuery, req.query);
      return req.engine.read((view) => {
        // Paged by association time, the only sort OCI offers here.
        const items = nsgVnics(view, req.scope, nsgId(req)).map((v) => ({ ...v, id: v.vnicId, timeCreated: v.timeAssociated }));
        return pageReply(items, { ...q, sortBy: 'TIMECREATED' }, ({ vnicId, resourceId, timeAssociated }) => ({ vnicId, resourceId, timeAssociated }));
      });
    },
  },
];
