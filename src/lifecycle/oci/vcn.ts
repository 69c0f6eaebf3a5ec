// VCNs, with the default route table, security list and DHCP options OCI creates alongside.
import { oci } from '../../model/errors.ts';
import { formatPrefix, overlaps, cidr, type Ipv4Prefix } from '../../model/cidr.ts';
import { ocid } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { Vcn } from '../../model/oci/vcn.ts';
import type { IngressSecurityRule, EgressSecurityRule } from '../../model/oci/security.ts';
import { checkCidrBlock, checkDisplayName, checkDnsLabel } from '../../model/validate/oci.ts';
import { getOwned, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';
import { MAX_VCN_CIDRS } from '../../model/oci/limits.ts';

export interface CreateVcnDetails extends CommonDetails {
  cidrBlock?: string;
  cidrBlocks?: string[];
  dnsLabel?: string;
}

/** OCI's default security list rules (interconnect-facts §4.1). */
export function defaultSecurityRules(vcnCidrs: readonly string[]): { ingress: IngressSecurityRule[]; egress: EgressSecurityRule[] } {
  return {
    ingress: [
      { protocol: '6', source: '0.0.0.0/0', sourceType: 'CIDR_BLOCK', isStateless: false, tcpOptions: { destinationPortRange: { min: 22, max: 22 } } },
      { protocol: '1', source: '0.0.0.0/0', sourceType: 'CIDR_BLOCK', isStateless: false, icmpOptions: { type: 3, code: 4 } },
      ...vcnCidrs.map((c): IngressSecurityRule => ({ protocol: '1', source: c, sourceType: 'CIDR_BLOCK', isStateless: false, icmpOptions: { type: 3 } })),
    ],
    egress: [{ protocol: 'all', destination: '0.0.0.0/0', destinationType: 'CIDR_BLOCK', isStateless: false }],
  };
}

function checkVcnCidrs(blocks: readonly string[]): Ipv4Prefix[] {
  if (blocks.length === 0) throw oci.missingParameter('cidrBlocks');
  if (blocks.length > MAX_VCN_CIDRS) throw oci.perVcnLimit(MAX_VCN_CIDRS, 'CIDR block');
  const prefixes = blocks.map((b) => checkCidrBlock(b, 16, 30));
  prefixes.forEach((p, i) => {
    prefixes.slice(0, i).forEach((q) => {
      if (overlaps(p, q)) throw oci.invalidParameter(`The requested CIDR ${formatPrefix(p)} is invalid: it overlaps with the VCN CIDR ${formatPrefix(q)}.`);
    });
  });
  return prefixes;
}

export function createVcn(tx: Tx, scope: OciScope, details: CreateVcnDetails): Vcn {
  checkDisplayName(details.displayName);
  checkDnsLabel(details.dnsLabel, 'Vcn');
  const blocks = details.cidrBlocks ?? (details.cidrBlock === undefined ? [] : [details.cidrBlock]);
  if (details.cidrBlocks && details.cidrBlock !== undefined && !details.cidrBlocks.includes(details.cidrBlock)) {
    throw oci.invalidParameter('cidrBlock and cidrBlocks disagree: supply only cidrBlocks.');
  }
  const prefixes = checkVcnCidrs(blocks);
  const base = newResource(tx, scope, 'vcn', details, 'vcn');
  const cidrs = prefixes.map(formatPrefix);
  const child = (type: string) => ocid(tx.ctx.ids, type, scope.region);
  const vcn: Vcn = {
    ...base,
    cidrBlock: cidrs[0] ?? '',
    cidrBlocks: cidrs,
    defaultRouteTableId: child('routetable'),
    defaultSecurityListId: child('securitylist'),
    defaultDhcpOptionsId: child('dhcpoptions'),
    ...(details.dnsLabel === undefined ? {} : { dnsLabel: details.dnsLabel, vcnDomainName: `${details.dnsLabel}.oraclevcn.com` }),
    lifecycleState: 'PROVISIONING',
  };
  tx.put('oci.Vcn', vcn);
  const childBase = { compartmentId: vcn.compartmentId, timeCreated: tx.nowIso, freeformTags: {}, definedTags: {}, fr: { ...base.fr }, vcnId: vcn.id, lifecycleState: 'PROVISIONING' as const };
  tx.put('oci.RouteTable', { ...childBase, id: vcn.defaultRouteTableId, displayName: `Default Route Table for ${vcn.displayName}`, routeRules: [] });
  const rules = defaultSecurityRules(cidrs);
  tx.put('oci.SecurityList', { ...childBase, id: vcn.defaultSecurityListId, displayName: `Default Security List for ${vcn.displayName}`, ingressSecurityRules: rules.ingress, egressSecurityRules: rules.egress });
  tx.put('oci.DhcpOptions', {
    ...childBase, id: vcn.defaultDhcpOptionsId, displayName: `Default DHCP Options for ${vcn.displayName}`,
    options: [{ type: 'DomainNameServer', serverType: 'VcnLocalPlusInternet' }, ...(vcn.vcnDomainName ? [{ type: 'SearchDomain' as const, searchDomainNames: [vcn.vcnDomainName] }] : [])],
  });
  scheduleOciReady(tx, 'oci.Vcn', vcn.id);
  scheduleOciReady(tx, 'oci.RouteTable', vcn.defaultRouteTableId);
  scheduleOciReady(tx, 'oci.SecurityList', vcn.defaultSecurityListId);
  scheduleOciReady(tx, 'oci.DhcpOptions', vcn.defaultDhcpOptionsId);
  return vcn;
}

export function updateVcn(tx: Tx, scope: OciScope, vcnId: string, details: Pick<CreateVcnDetails, 'displayName' | 'freeformTags' | 'definedTags'>): Vcn {
  const vcn = getOwned(tx, scope, 'oci.Vcn', vcnId);
  if (isGone(vcn.lifecycleState)) throw oci.incorrectState(`Vcn ${vcnId} is ${vcn.lifecycleState}.`);
  checkDisplayName(details.displayName);
  return tx.update('oci.Vcn', vcnId, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
}

/** Resources that keep a VCN from being deleted: contents (409 Conflict) and gateways (409 IncorrectState). */
function vcnDependents(tx: Tx, vcn: Vcn): { contents: string[]; gateways: string[] } {
  const live = (xs: { id: string; lifecycleState: string }[]) => xs.filter((x) => !isGone(x.lifecycleState)).map((x) => x.id);
  const defaults = new Set([vcn.defaultRouteTableId, vcn.defaultSecurityListId, vcn.defaultDhcpOptionsId]);
  return {
    contents: [
      ...live(tx.children('oci.Subnet', vcn.id)),
      ...live(tx.children('oci.RouteTable', vcn.id)).filter((id) => !defaults.has(id)),
      ...live(tx.children('oci.SecurityList', vcn.id)).filter((id) => !defaults.has(id)),
      ...live(tx.children('oci.DhcpOptions', vcn.id)).filter((id) => !defaults.has(id)),
      ...live(tx.children('oci.NetworkSecurityGroup', vcn.id)),
    ],
    gateways: [
      ...live(tx.children('oci.InternetGateway', vcn.id)),
      ...live(tx.children('oci.NatGateway', vcn.id)),
      ...live(tx.children('oci.ServiceGateway', vcn.id)),
      ...live(tx.children('oci.LocalPeeringGateway', vcn.id)),
      ...live(tx.list('oci.DrgAttachment').filter((a) => a.networkDetails.type === 'VCN' && a.networkDetails.id === vcn.id)),
    ],
  };
}

export function deleteVcn(tx: Tx, scope: OciScope, vcnId: string): void {
  const vcn = getOwned(tx, scope, 'oci.Vcn', vcnId);
  if (isGone(vcn.lifecycleState)) return;
  const deps = vcnDependents(tx, vcn);
  if (deps.contents.length > 0) {
    throw oci.conflict(`The Vcn ${vcnId} references the resource(s) ${deps.contents.join(', ')}. You must remove the reference to proceed with this operation.`);
  }
  if (deps.gateways.length > 0) {
    throw oci.incorrectState(`The Vcn ${vcnId} is associated with Gateway that is in use (${deps.gateways.join(', ')}). Detach or delete it first.`);
  }
  ociTerminate(tx, 'oci.Vcn', vcnId);
  for (const id of [vcn.defaultRouteTableId, vcn.defaultSecurityListId]) {
    const kind = id === vcn.defaultRouteTableId ? 'oci.RouteTable' : 'oci.SecurityList';
    if (tx.get(kind, id)) ociTerminate(tx, kind, id);
  }
  if (tx.get('oci.DhcpOptions', vcn.defaultDhcpOptionsId)) ociTerminate(tx, 'oci.DhcpOptions', vcn.defaultDhcpOptionsId);
}

export function vcnPrefixes(vcn: Vcn): Ipv4Prefix[] {
  return vcn.cidrBlocks.map((c) => cidr(c));
}
