// Security lists (attached to subnets) and NSGs (attached to VNICs) with OCI's rule checks.
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { EgressSecurityRule, IngressSecurityRule, NetworkSecurityGroup, NsgSecurityRule, PortOptions, SecurityList } from '../../model/oci/security.ts';
import { checkCidrBlock, checkDisplayName, checkPortRange, checkProtocol } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';
import { MAX_NSG_RULES, MAX_RULES_PER_ADD } from '../../model/oci/limits.ts';

interface RuleOptions {
  protocol?: string;
  isStateless?: boolean;
  tcpOptions?: PortOptions;
  udpOptions?: PortOptions;
  icmpOptions?: { type: number; code?: number };
  description?: string;
}

function checkOptions(r: RuleOptions, at: string): Omit<IngressSecurityRule, 'source' | 'sourceType'> {
  if (r.protocol === undefined) throw oci.missingParameter(`${at}.protocol`);
  checkProtocol(r.protocol);
  if (r.tcpOptions && r.protocol !== '6') throw oci.invalidParameter(`${at}: tcpOptions requires protocol 6 (TCP).`);
  if (r.udpOptions && r.protocol !== '17') throw oci.invalidParameter(`${at}: udpOptions requires protocol 17 (UDP).`);
  if (r.icmpOptions && r.protocol !== '1' && r.protocol !== '58') throw oci.invalidParameter(`${at}: icmpOptions requires protocol 1 (ICMP) or 58 (ICMPv6).`);
  for (const [name, o] of [['tcpOptions', r.tcpOptions], ['udpOptions', r.udpOptions]] as const) {
    checkPortRange(o?.destinationPortRange, `${at}.${name}.destinationPortRange`);
    checkPortRange(o?.sourcePortRange, `${at}.${name}.sourcePortRange`);
  }
  if (r.icmpOptions) {
    const { type, code } = r.icmpOptions;
    if (!Number.isInteger(type) || type < 0 || type > 255 || (code !== undefined && (!Number.isInteger(code) || code < 0 || code > 255))) {
      throw oci.invalidParameter(`${at}.icmpOptions: type and code must be integers 0-255.`);
    }
  }
  return {
    protocol: r.protocol, isStateless: r.isStateless ?? false,
    ...(r.tcpOptions ? { tcpOptions: r.tcpOptions } : {}), ...(r.udpOptions ? { udpOptions: r.udpOptions } : {}),
    ...(r.icmpOptions ? { icmpOptions: r.icmpOptions } : {}), ...(r.description === undefined ? {} : { description: r.description }),
  };
}

export type IngressRuleDetails = RuleOptions & { source?: string; sourceType?: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK' };
export type EgressRuleDetails = RuleOptions & { destination?: string; destinationType?: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK' };

function cidrOnly(type: string | undefined, at: string): 'CIDR_BLOCK' {
  if ((type ?? 'CIDR_BLOCK') !== 'CIDR_BLOCK') throw oci.invalidParameter(`${at}: SERVICE_CIDR_BLOCK rules are not supported by FastRoute.`);
  return 'CIDR_BLOCK';
}

export function checkIngressRules(rules: readonly IngressRuleDetails[]): IngressSecurityRule[] {
  return rules.map((r, i) => {
    const at = `ingressSecurityRules[${i}]`;
    if (r.source === undefined) throw oci.missingParameter(`${at}.source`);
    checkCidrBlock(r.source, 0, 32);
    return { ...checkOptions(r, at), source: r.source, sourceType: cidrOnly(r.sourceType, at) };
  });
}

export function checkEgressRules(rules: readonly EgressRuleDetails[]): EgressSecurityRule[] {
  return rules.map((r, i) => {
    const at = `egressSecurityRules[${i}]`;
    if (r.destination === undefined) throw oci.missingParameter(`${at}.destination`);
    checkCidrBlock(r.destination, 0, 32);
    return { ...checkOptions(r, at), destination: r.destination, destinationType: cidrOnly(r.destinationType, at) };
  });
}

export interface CreateSecurityListDetails extends CommonDetails {
  vcnId?: string;
  ingressSecurityRules?: IngressRuleDetails[];
  egressSecurityRules?: EgressRuleDetails[];
}

export function createSecurityList(tx: Tx, scope: OciScope, details: CreateSecurityListDetails): SecurityList {
  checkDisplayName(details.displayName);
  const vcn = getRelated(tx, scope, 'oci.Vcn', details.vcnId, 'vcnId');
  const ingress = checkIngressRules(details.ingressSecurityRules ?? []);
  const egress = checkEgressRules(details.egressSecurityRules ?? []);
  const base = newResource(tx, scope, 'securitylist', { ...details, compartmentId: details.compartmentId ?? vcn.compartmentId }, 'securitylist');
  const sl: SecurityList = { ...base, vcnId: vcn.id, ingressSecurityRules: ingress, egressSecurityRules: egress, lifecycleState: 'PROVISIONING' };
  tx.put('oci.SecurityList', sl);
  scheduleOciReady(tx, 'oci.SecurityList', sl.id);
  return sl;
}

export function updateSecurityList(tx: Tx, scope: OciScope, id: string, details: Omit<CreateSecurityListDetails, 'vcnId' | 'compartmentId'>): SecurityList {
  const sl = getOwned(tx, scope, 'oci.SecurityList', id);
  if (isGone(sl.lifecycleState)) throw oci.incorrectState(`SecurityList ${id} is ${sl.lifecycleState}.`);
  checkDisplayName(details.displayName);
  const ingress = details.ingressSecurityRules === undefined ? undefined : checkIngressRules(details.ingressSecurityRules);
  const egress = details.egressSecurityRules === undefined ? undefined : checkEgressRules(details.egressSecurityRules);
  return tx.update('oci.SecurityList', id, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (ingress) d.ingressSecurityRules = ingress;
    if (egress) d.egressSecurityRules = egress;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
}

export function deleteSecurityList(tx: Tx, scope: OciScope, id: string): void {
  const sl = getOwned(tx, scope, 'oci.SecurityList', id);
  if (isGone(sl.lifecycleState)) return;
  const vcn = tx.get('oci.Vcn', sl.vcnId);
  if (vcn?.defaultSecurityListId === id && !isGone(vcn.lifecycleState)) throw oci.conflict(`SecurityList ${id} is the default security list of VCN ${vcn.id} and cannot be deleted.`);
  const user = tx.children('oci.Subnet', sl.vcnId).find((s) => s.securityListIds.includes(id) && !isGone(s.lifecycleState));
  if (user) throw oci.conflict(`The SecurityList ${id} is used by subnet ${user.id}. You must remove the reference to proceed with this operation.`);
  ociTerminate(tx, 'oci.SecurityList', id);
}

export function createNetworkSecurityGroup(tx: Tx, scope: OciScope, details: CommonDetails & { vcnId?: string }): NetworkSecurityGroup {
  checkDisplayName(details.displayName);
  const vcn = getRelated(tx, scope, 'oci.Vcn', details.vcnId, 'vcnId');
  const base = newResource(tx, scope, 'networksecuritygroup', { ...details, compartmentId: details.compartmentId ?? vcn.compartmentId }, 'nsg');
  const nsg: NetworkSecurityGroup = { ...base, vcnId: vcn.id, lifecycleState: 'PROVISIONING' };
  tx.put('oci.NetworkSecurityGroup', nsg);
  scheduleOciReady(tx, 'oci.NetworkSecurityGroup', nsg.id);
  return nsg;
}

export type NsgRuleDetails = RuleOptions & {
  direction?: 'INGRESS' | 'EGRESS';
  source?: string;
  sourceType?: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK' | 'NETWORK_SECURITY_GROUP';
  destination?: string;
  destinationType?: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK' | 'NETWORK_SECURITY_GROUP';
};

/** One NSG rule checked as OCI checks it; `id` and `timeCreated` are the rule's identity. */
export function buildNsgRule(tx: Tx, scope: OciScope, nsgId: string, r: NsgRuleDetails, at: string, id: string, timeCreated: string): NsgSecurityRule {
  if (r.direction === undefined) throw oci.missingParameter(`${at}.direction`);
  if (r.direction !== 'INGRESS' && r.direction !== 'EGRESS') throw oci.invalidParameter(`${at}.direction must be INGRESS or EGRESS.`);
  const field = r.direction === 'INGRESS' ? 'source' : 'destination';
  const address = r.direction === 'INGRESS' ? r.source : r.destination;
  const type = (r.direction === 'INGRESS' ? r.sourceType : r.destinationType) ?? 'CIDR_BLOCK';
  if (address === undefined) throw oci.missingParameter(`${at}.${field}`);
  if (type === 'NETWORK_SECURITY_GROUP') getRelated(tx, scope, 'oci.NetworkSecurityGroup', address, `${at}.${field}`);
  else if (type === 'CIDR_BLOCK') checkCidrBlock(address, 0, 32);
  else throw oci.invalidParameter(`${at}: SERVICE_CIDR_BLOCK rules are not supported by FastRoute.`);
  return {
    ...checkOptions(r, at), id, direction: r.direction,
    ...(r.direction === 'INGRESS' ? { source: address, sourceType: type } : { destination: address, destinationType: type }),
    isValid: true, timeCreated, fr: { nsgId },
  };
}

export function addNsgRules(tx: Tx, scope: OciScope, nsgId: string, rules: readonly NsgRuleDetails[]): NsgSecurityRule[] {
  const nsg = getOwned(tx, scope, 'oci.NetworkSecurityGroup', nsgId);
  if (isGone(nsg.lifecycleState)) throw oci.incorrectState(`NetworkSecurityGroup ${nsgId} is ${nsg.lifecycleState}.`);
  if (rules.length > MAX_RULES_PER_ADD) throw oci.sizeExceeded('securityRules', MAX_RULES_PER_ADD);
  const total = tx.children('oci.NsgSecurityRule', nsgId).length + rules.length;
  if (total > MAX_NSG_RULES) throw oci.invalidParameter(`Total security rules count ${total} cannot be greater than ${MAX_NSG_RULES}.`);
  return rules.map((r, i) => tx.put('oci.NsgSecurityRule', buildNsgRule(tx, scope, nsgId, r, `securityRules[${i}]`, tx.ctx.ids.randomChars(6).toUpperCase(), tx.nowIso)));
}

export function removeNsgRules(tx: Tx, scope: OciScope, nsgId: string, ruleIds: readonly string[]): void {
  getOwned(tx, scope, 'oci.NetworkSecurityGroup', nsgId);
  for (const id of ruleIds) {
    const r = tx.get('oci.NsgSecurityRule', id);
    if (r?.fr.nsgId !== nsgId) throw oci.invalidParameter(`Security rule ${id} does not belong to NSG ${nsgId}.`);
    tx.remove('oci.NsgSecurityRule', id);
  }
}

export function deleteNetworkSecurityGroup(tx: Tx, scope: OciScope, nsgId: string): void {
  const nsg = getOwned(tx, scope, 'oci.NetworkSecurityGroup', nsgId);
  if (isGone(nsg.lifecycleState)) return;
  const vnic = tx.list('oci.Vnic').find((v) => v.nsgIds.includes(nsgId) && !isGone(v.lifecycleState));
  if (vnic) throw oci.conflict(`The NetworkSecurityGroup ${nsgId} is associated with VNIC ${vnic.id}. You must remove the reference to proceed with this operation.`);
  for (const r of tx.children('oci.NsgSecurityRule', nsgId)) tx.remove('oci.NsgSecurityRule', r.id);
  // Rules elsewhere that name this NSG become invalid, as OCI shows with isValid=false.
  for (const r of tx.list('oci.NsgSecurityRule')) {
    if ((r.sourceType === 'NETWORK_SECURITY_GROUP' && r.source === nsgId) || (r.destinationType === 'NETWORK_SECURITY_GROUP' && r.destination === nsgId)) {
      tx.update('oci.NsgSecurityRule', r.id, (d) => { d.isValid = false; });
    }
  }
  ociTerminate(tx, 'oci.NetworkSecurityGroup', nsgId);
}

// Internet gateways moved to their own file; re-exported for the labs that import them from here.
export { createInternetGateway, deleteInternetGateway } from './internet-gateway.ts';
