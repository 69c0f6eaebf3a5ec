// Network security groups: the six default rules Azure creates, and user rules with priority and
// per-direction uniqueness checks.
import { arm } from '../../model/errors.ts';
import { armNetworkId } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { NetworkSecurityGroup, SecurityRule, SecurityRuleProperties } from '../../model/azure/network.ts';
import { checkAddressSpec, checkName, checkPortSpec, checkPriority, missingProperty } from '../../model/validate/azure.ts';
import { etag, getArm, replaceInlineChildren, meta, preparePut, type ArmBody, type AzureScope } from './scope.ts';
import { armDelete, scheduleArmSucceeded } from '../generic.ts';
import type { ArmChild } from '../../model/azure/common.ts';

export type SecurityRuleInput = Partial<Omit<SecurityRuleProperties, 'provisioningState'>>;
export interface SecurityRuleBody { name?: string; properties?: SecurityRuleInput }
export type NsgBody = ArmBody<{ securityRules?: SecurityRuleBody[] }>;

const DEFAULT_RULES: [string, 'Inbound' | 'Outbound', number, string, string, 'Allow' | 'Deny', string][] = [
  ['AllowVnetInBound', 'Inbound', 65000, 'VirtualNetwork', 'VirtualNetwork', 'Allow', 'Allow inbound traffic from all VMs in VNET'],
  ['AllowAzureLoadBalancerInBound', 'Inbound', 65001, 'AzureLoadBalancer', '*', 'Allow', 'Allow inbound traffic from azure load balancer'],
  ['DenyAllInBound', 'Inbound', 65500, '*', '*', 'Deny', 'Deny all inbound traffic'],
  ['AllowVnetOutBound', 'Outbound', 65000, 'VirtualNetwork', 'VirtualNetwork', 'Allow', 'Allow outbound traffic from all VMs to all VMs in VNET'],
  ['AllowInternetOutBound', 'Outbound', 65001, '*', 'Internet', 'Allow', 'Allow outbound traffic from all VMs to Internet'],
  ['DenyAllOutBound', 'Outbound', 65500, '*', '*', 'Deny', 'Deny all outbound traffic'],
];

function defaultRules(tx: Tx, nsgId: string, m: ReturnType<typeof meta>): ArmChild<SecurityRuleProperties>[] {
  return DEFAULT_RULES.map(([name, direction, priority, src, dst, access, description]) => ({
    id: `${nsgId}/defaultSecurityRules/${name}`, name, type: 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules', etag: etag(tx),
    properties: {
      description, protocol: '*', sourcePortRange: '*', sourcePortRanges: [], destinationPortRange: '*', destinationPortRanges: [],
      sourceAddressPrefix: src, sourceAddressPrefixes: [], destinationAddressPrefix: dst, destinationAddressPrefixes: [],
      access, priority, direction, provisioningState: 'Succeeded',
    },
    fr: { ...m, parentId: nsgId },
  }));
}

/** NRP reports any bad rule address (format, host bits set, unknown tag) as SecurityRuleInvalidAddressPrefix. */
function checkRuleAddress(spec: string, id: string): void {
  try {
    checkAddressSpec(spec, id);
  } catch {
    throw arm.badRequest('SecurityRuleInvalidAddressPrefix', `Security rule has invalid Address prefix. Value provided: ${spec}`);
  }
}

function buildRule(tx: Tx, nsgId: string, name: string, input: SecurityRuleInput, m: ReturnType<typeof meta>): SecurityRule {
  checkName(name);
  const id = `${nsgId}/securityRules/${name}`;
  if (input.protocol === undefined) throw missingProperty('properties.protocol', id);
  const protocol = ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'].find((p) => p.toLowerCase() === input.protocol?.toLowerCase()) as SecurityRuleProperties['protocol'] | undefined;
  if (!protocol) throw arm.badRequest('SecurityRuleInvalidProtocol', `Security rule has invalid Protocol. Value provided: ${input.protocol}. Allowed values: Tcp, Udp, Icmp, Esp, Ah, *.`);
  if (input.access !== 'Allow' && input.access !== 'Deny') throw arm.badRequest('SecurityRuleInvalidAccess', `Security rule has invalid Access. Value provided: ${String(input.access)}. Allowed values: Allow, Deny.`);
  if (input.direction !== 'Inbound' && input.direction !== 'Outbound') throw arm.badRequest('SecurityRuleInvalidDirection', `Security rule has invalid Direction. Value provided: ${String(input.direction)}. Allowed values: Inbound, Outbound.`);
  if (input.priority === undefined) throw missingProperty('properties.priority', id);
  checkPriority(input.priority);
  const ports = (single: string | undefined, list: string[] | undefined) => [...(single === undefined ? [] : [single]), ...(list ?? [])];
  for (const p of [...ports(input.sourcePortRange, input.sourcePortRanges), ...ports(input.destinationPortRange, input.destinationPortRanges)]) checkPortSpec(p);
  for (const a of [...ports(input.sourceAddressPrefix, input.sourceAddressPrefixes), ...ports(input.destinationAddressPrefix, input.destinationAddressPrefixes)]) checkRuleAddress(a, id);
  if (ports(input.sourceAddressPrefix, input.sourceAddressPrefixes).length === 0) throw missingProperty('properties.sourceAddressPrefix', id);
  if (ports(input.destinationAddressPrefix, input.destinationAddressPrefixes).length === 0) throw missingProperty('properties.destinationAddressPrefix', id);
  return {
    id, name, type: 'Microsoft.Network/networkSecurityGroups/securityRules', etag: etag(tx),
    properties: {
      ...(input.description === undefined ? {} : { description: input.description }),
      protocol,
      ...(input.sourcePortRange === undefined ? {} : { sourcePortRange: input.sourcePortRange }), sourcePortRanges: input.sourcePortRanges ?? [],
      ...(input.destinationPortRange === undefined ? {} : { destinationPortRange: input.destinationPortRange }), destinationPortRanges: input.destinationPortRanges ?? [],
      ...(input.sourceAddressPrefix === undefined ? {} : { sourceAddressPrefix: input.sourceAddressPrefix }), sourceAddressPrefixes: input.sourceAddressPrefixes ?? [],
      ...(input.destinationAddressPrefix === undefined ? {} : { destinationAddressPrefix: input.destinationAddressPrefix }), destinationAddressPrefixes: input.destinationAddressPrefixes ?? [],
      access: input.access, priority: input.priority, direction: input.direction, provisioningState: 'Updating',
    },
    fr: { ...m, parentId: nsgId },
  };
}

function checkConflicts(rules: readonly SecurityRule[]): void {
  const seen = new Map<string, string>();
  for (const r of rules) {
    const key = `${r.properties.direction}|${r.properties.priority}`;
    const other = seen.get(key);
    if (other !== undefined) throw arm.badRequest('SecurityRuleConflict', `Security rule ${r.name} conflicts with rule ${other}. Rules cannot have the same Priority and Direction.`);
    seen.set(key, r.name);
  }
}

export function putNetworkSecurityGroup(tx: Tx, scope: AzureScope, rgName: string, name: string, body: NsgBody): NetworkSecurityGroup {
  const existing = tx.get('azure.NetworkSecurityGroup', armNetworkId(scope.subscriptionId, rgName, 'networkSecurityGroups', name));
  const { rg, location } = preparePut(tx, scope, 'Microsoft.Network/networkSecurityGroups', rgName, name, body.location, existing);
  const id = existing?.id ?? armNetworkId(scope.subscriptionId, rg, 'networkSecurityGroups', name);
  const m = meta(scope, rg);
  const inline = body.properties?.securityRules;
  const rules = inline?.map((r, i) => {
    if (r.name === undefined) throw missingProperty(`properties.securityRules[${i}].name`, id);
    return buildRule(tx, id, r.name, r.properties ?? {}, m);
  });
  if (rules) checkConflicts(rules);
  const nsg: NetworkSecurityGroup = {
    id, name: existing?.name ?? name, type: 'Microsoft.Network/networkSecurityGroups', location, tags: body.tags ?? existing?.tags ?? {}, etag: etag(tx),
    properties: { defaultSecurityRules: existing?.properties.defaultSecurityRules ?? defaultRules(tx, id, m), resourceGuid: existing?.properties.resourceGuid ?? tx.ctx.ids.guid(), provisioningState: 'Updating' },
    fr: m,
  };
  tx.put('azure.NetworkSecurityGroup', nsg);
  scheduleArmSucceeded(tx, 'azure.NetworkSecurityGroup', id);
  if (rules) replaceInlineChildren(tx, 'azure.SecurityRule', id, rules);
  return nsg;
}

export function putSecurityRule(tx: Tx, scope: AzureScope, rgName: string, nsgName: string, name: string, body: SecurityRuleBody): SecurityRule {
  const nsg = getArm(tx, scope, 'azure.NetworkSecurityGroup', rgName, 'networkSecurityGroups', nsgName);
  const rule = buildRule(tx, nsg.id, name, body.properties ?? {}, nsg.fr);
  checkConflicts([...tx.children('azure.SecurityRule', nsg.id).filter((r) => r.name.toLowerCase() !== name.toLowerCase()), rule]);
  tx.put('azure.SecurityRule', rule);
  scheduleArmSucceeded(tx, 'azure.SecurityRule', rule.id);
  return rule;
}

export function deleteSecurityRule(tx: Tx, scope: AzureScope, rgName: string, nsgName: string, name: string): void {
  const nsg = getArm(tx, scope, 'azure.NetworkSecurityGroup', rgName, 'networkSecurityGroups', nsgName);
  const rule = tx.get('azure.SecurityRule', `${nsg.id}/securityRules/${name}`);
  if (!rule) throw arm.error(404, 'NotFound', `Resource ${nsg.id}/securityRules/${name} not found.`);
  tx.remove('azure.SecurityRule', rule.id);
}

export function deleteNetworkSecurityGroup(tx: Tx, scope: AzureScope, rgName: string, name: string): void {
  const nsg = getArm(tx, scope, 'azure.NetworkSecurityGroup', rgName, 'networkSecurityGroups', name);
  const id = nsg.id.toLowerCase();
  const users = [
    ...tx.list('azure.Subnet').filter((s) => s.properties.networkSecurityGroup?.id.toLowerCase() === id && s.properties.provisioningState !== 'Deleting').map((s) => s.id),
    ...tx.list('azure.NetworkInterface').filter((n) => n.properties.networkSecurityGroup?.id.toLowerCase() === id && n.properties.provisioningState !== 'Deleting').map((n) => n.id),
  ];
  if (users.length > 0) throw arm.badRequest('InUseNetworkSecurityGroupCannotBeDeleted', `Network security group ${nsg.id} cannot be deleted because it is in use by the following resources: ${users.join(', ')}.`);
  for (const r of tx.children('azure.SecurityRule', nsg.id)) tx.remove('azure.SecurityRule', r.id);
  armDelete(tx, 'azure.NetworkSecurityGroup', nsg.id);
}
