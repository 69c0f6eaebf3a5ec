// Network security groups, their security rules and their six default rules. The lifecycle builds
// the default rules and checks user rules with NRP's codes (priority, ports, prefixes, conflicts);
// this file maps ARM's bodies onto it and serves the read-only defaultSecurityRules collection.
import { z } from 'zod';
import { arm } from '../../../model/errors.ts';
import type { NetworkSecurityGroup } from '../../../model/azure/network.ts';
import type { ReadView } from '../../../model/world.ts';
import {
  deleteNetworkSecurityGroup, deleteSecurityRule, putNetworkSecurityGroup, putSecurityRule, type NsgBody, type SecurityRuleInput,
} from '../../../lifecycle/azure/nsg.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';
import { strip } from '../present.ts';
import { childResource, getTracked, RG, rgOf, scopeOf, trackedResource } from '../crud.ts';
import { child, tracked } from '../schemas/common.ts';

const NS = 'Microsoft.Network';

// Only the types are checked here: protocol, access and direction stay strings because the
// lifecycle answers a bad value with NRP's own code (SecurityRuleInvalidProtocol, …), not the
// generic InvalidRequestFormat a schema enum would give.
const ruleProperties = z.looseObject({
  description: z.string().optional(),
  protocol: z.string().optional(),
  sourcePortRange: z.string().optional(),
  sourcePortRanges: z.array(z.string()).optional(),
  destinationPortRange: z.string().optional(),
  destinationPortRanges: z.array(z.string()).optional(),
  sourceAddressPrefix: z.string().optional(),
  sourceAddressPrefixes: z.array(z.string()).optional(),
  destinationAddressPrefix: z.string().optional(),
  destinationAddressPrefixes: z.array(z.string()).optional(),
  access: z.string().optional(),
  priority: z.number().int().optional(),
  direction: z.string().optional(),
});

const ruleBody = child(ruleProperties);
const nsgBody = tracked(z.looseObject({ securityRules: z.array(ruleBody).optional() }));

type RuleBody = z.output<typeof ruleBody>;

/** The lifecycle validates the enum-valued strings itself (see above), so they pass as sent. */
function ruleInput(body: RuleBody): { name?: string; properties: SecurityRuleInput } {
  return { ...(body.name === undefined ? {} : { name: body.name }), properties: (body.properties ?? {}) as SecurityRuleInput };
}

function nsgInput(body: z.output<typeof nsgBody>): NsgBody {
  const rules = body.properties?.securityRules;
  return {
    ...(body.location === undefined ? {} : { location: body.location }),
    ...(body.tags === undefined ? {} : { tags: body.tags }),
    properties: rules === undefined ? {} : { securityRules: rules.map(ruleInput) },
  };
}

// ── defaultSecurityRules.get / list (read-only; Azure creates them with the NSG) ───────────────

const NSG_ITEM = `${RG}/providers/${NS}/networkSecurityGroups/{networkSecurityGroupName}`;

function nsgOf(req: ArmRequest, view: ReadView): NetworkSecurityGroup {
  return getTracked(view, scopeOf(req), 'azure.NetworkSecurityGroup', rgOf(req), NS, 'networkSecurityGroups', req.params.networkSecurityGroupName ?? '');
}

const DEFAULT_RULE_OPERATIONS: ArmOperation[] = [
  {
    name: 'defaultSecurityRules.list', method: 'GET', path: `${NSG_ITEM}/defaultSecurityRules`,
    async handle(req) {
      return req.engine.read((view) => ({ body: { value: nsgOf(req, view).properties.defaultSecurityRules.map(strip) } }));
    },
  },
  {
    name: 'defaultSecurityRules.get', method: 'GET', path: `${NSG_ITEM}/defaultSecurityRules/{defaultSecurityRuleName}`,
    async handle(req) {
      return req.engine.read((view) => {
        const nsg = nsgOf(req, view);
        const name = req.params.defaultSecurityRuleName ?? '';
        const rule = nsg.properties.defaultSecurityRules.find((r) => r.name.toLowerCase() === name.toLowerCase());
        if (!rule) throw arm.notFound(`${NS}/networkSecurityGroups/defaultSecurityRules`, `${nsg.name}/${name}`, rgOf(req));
        return { body: strip(rule) };
      });
    },
  },
];

export const NSG_OPERATIONS: ArmOperation[] = [
  ...trackedResource({
    sdk: 'networkSecurityGroups', kind: 'azure.NetworkSecurityGroup', ns: NS, collection: 'networkSecurityGroups', param: 'networkSecurityGroupName', body: nsgBody,
    put: (tx, scope, rg, name, body) => putNetworkSecurityGroup(tx, scope, rg, name, nsgInput(body)),
    remove: deleteNetworkSecurityGroup,
  }),
  ...childResource({
    sdk: 'securityRules', kind: 'azure.SecurityRule', parentKind: 'azure.NetworkSecurityGroup', ns: NS, parentCollection: 'networkSecurityGroups',
    parentParam: 'networkSecurityGroupName', collection: 'securityRules', param: 'securityRuleName', body: ruleBody,
    put: (tx, scope, rg, nsg, name, body) => putSecurityRule(tx, scope, rg, nsg, name, ruleInput(body)),
    remove: deleteSecurityRule,
  }),
  ...DEFAULT_RULE_OPERATIONS,
];
