// Regional subnets: inside the VCN, no overlap with siblings, first usable address is the
// virtual router.
import { oci } from '../../model/errors.ts';
import { containsAddress, formatPrefix, intToIp, ipToInt, lastAddress, nthAddress, cidr, type Ipv4Prefix } from '../../model/cidr.ts';
import type { Tx } from '../../model/tx.ts';
import type { Subnet } from '../../model/oci/vcn.ts';
import { checkCidrBlock, checkDisplayName, checkDnsLabel } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';
import { vcnPrefixes } from './vcn.ts';
import { vcnSubnets } from './vcn-subnets.ts';
import { checkWithin } from '../../model/validate/oci.ts';
import { MAX_SUBNET_SECURITY_LISTS } from '../../model/oci/limits.ts';

export interface CreateSubnetDetails extends CommonDetails {
  vcnId?: string;
  cidrBlock?: string;
  /** The multi-CIDR form; FastRoute models one IPv4 block per subnet. */
  ipv4CidrBlocks?: string[];
  availabilityDomain?: string | null;
  routeTableId?: string;
  securityListIds?: string[];
  dhcpOptionsId?: string;
  dnsLabel?: string;
  prohibitPublicIpOnVnic?: boolean;
  prohibitInternetIngress?: boolean;
}

function checkRefsInVcn(tx: Tx, scope: OciScope, vcnId: string, routeTableId: string | undefined, securityListIds: readonly string[] | undefined, dhcpOptionsId?: string): void {
  if (dhcpOptionsId !== undefined) {
    const dhcp = getRelated(tx, scope, 'oci.DhcpOptions', dhcpOptionsId, 'dhcpOptionsId');
    if (dhcp.vcnId !== vcnId) throw oci.invalidParameter(`DHCP options ${dhcpOptionsId} belong to another VCN.`);
  }
  if (routeTableId !== undefined) {
    const rt = getRelated(tx, scope, 'oci.RouteTable', routeTableId, 'routeTableId');
    if (rt.vcnId !== vcnId) throw oci.invalidParameter(`Route table ${routeTableId} belongs to another VCN.`);
  }
  if (securityListIds !== undefined) {
    if (securityListIds.length > MAX_SUBNET_SECURITY_LISTS) throw oci.sizeExceeded('securityListIds', MAX_SUBNET_SECURITY_LISTS);
    for (const id of securityListIds) {
      const sl = getRelated(tx, scope, 'oci.SecurityList', id, 'securityListIds');
      if (sl.vcnId !== vcnId) throw oci.invalidParameter(`Security list ${id} belongs to another VCN.`);
    }
  }
}

/** cidrBlock, or the one block of ipv4CidrBlocks (they must agree when both are sent). */
function requestedBlock(details: CreateSubnetDetails): string {
  const blocks = details.ipv4CidrBlocks;
  if (blocks !== undefined && blocks.length > 1) throw oci.invalidParameter('FastRoute models one IPv4 CIDR block per subnet; ipv4CidrBlocks must have one entry.');
  const fromList = blocks?.[0];
  if (details.cidrBlock !== undefined && fromList !== undefined && fromList !== details.cidrBlock) throw oci.invalidParameter('cidrBlock and ipv4CidrBlocks disagree.');
  const block = details.cidrBlock ?? fromList;
  if (block === undefined) throw oci.missingParameter('cidrBlock');
  return block;
}

/** Syntax, inside the VCN, and no overlap with the VCN's other live subnets. */
function checkSubnetCidr(tx: Tx, vcnId: string, vcnCidrs: readonly Ipv4Prefix[], block: string, self: string | undefined): Ipv4Prefix {
  const prefix = checkCidrBlock(block, 16, 30);
  checkWithin(prefix, vcnCidrs, block);
  const s = vcnSubnets(tx, vcnId).overlapping(prefix, self);
  if (s) throw oci.invalidParameter(`The requested CIDR ${block} is invalid: subnet ${s.id} with CIDR ${s.cidrBlock} overlaps with this CIDR.`);
  return prefix;
}

export function createSubnet(tx: Tx, scope: OciScope, details: CreateSubnetDetails): Subnet {
  checkDisplayName(details.displayName);
  checkDnsLabel(details.dnsLabel, 'Subnet');
  const vcn = getRelated(tx, scope, 'oci.Vcn', details.vcnId, 'vcnId');
  const block = requestedBlock(details);
  const prefix = checkSubnetCidr(tx, vcn.id, vcnPrefixes(vcn), block, undefined);
  const sameLabel = details.dnsLabel === undefined ? undefined : vcnSubnets(tx, vcn.id).withLabel(details.dnsLabel);
  if (sameLabel) throw oci.invalidParameter(`The dnsLabel ${details.dnsLabel ?? ''} is already used by subnet ${sameLabel.id} in this VCN.`);
  checkRefsInVcn(tx, scope, vcn.id, details.routeTableId, details.securityListIds, details.dhcpOptionsId);
  const base = newResource(tx, scope, 'subnet', { ...details, compartmentId: details.compartmentId ?? vcn.compartmentId }, 'subnet');
  const subnet: Subnet = {
    ...base,
    vcnId: vcn.id,
    cidrBlock: formatPrefix(prefix),
    ipv4CidrBlocks: [formatPrefix(prefix)],
    availabilityDomain: details.availabilityDomain ?? null,
    routeTableId: details.routeTableId ?? vcn.defaultRouteTableId,
    securityListIds: details.securityListIds ?? [vcn.defaultSecurityListId],
    dhcpOptionsId: details.dhcpOptionsId ?? vcn.defaultDhcpOptionsId,
    ...(details.dnsLabel === undefined ? {} : { dnsLabel: details.dnsLabel, ...(vcn.vcnDomainName ? { subnetDomainName: `${details.dnsLabel}.${vcn.vcnDomainName}` } : {}) }),
    prohibitPublicIpOnVnic: details.prohibitPublicIpOnVnic ?? false,
    prohibitInternetIngress: details.prohibitInternetIngress ?? details.prohibitPublicIpOnVnic ?? false,
    virtualRouterIp: intToIp(nthAddress(prefix, 1)),
    virtualRouterMac: '00:00:17:' + tx.ctx.ids.randomChars(6).replace(/(..)(?=.)/g, '$1:').toUpperCase().replace(/[^0-9A-F:]/g, 'A'),
    lifecycleState: 'PROVISIONING',
  };
  tx.put('oci.Subnet', subnet);
  scheduleOciReady(tx, 'oci.Subnet', subnet.id);
  return subnet;
}

export type UpdateSubnetDetails = Pick<CreateSubnetDetails, 'displayName' | 'cidrBlock' | 'routeTableId' | 'securityListIds' | 'dhcpOptionsId' | 'freeformTags' | 'definedTags'>;

/**
 * OCI's rules for a new subnet CIDR: the same network address, inside the VCN, every address in use
 * kept, and the new broadcast address not one in use. The subnet is UPDATING until it settles.
 */
function checkCidrChange(tx: Tx, subnet: Subnet, block: string): Ipv4Prefix | undefined {
  const vcn = tx.get('oci.Vcn', subnet.vcnId);
  const prefix = checkSubnetCidr(tx, subnet.vcnId, vcn ? vcnPrefixes(vcn) : [], block, subnet.id);
  if (formatPrefix(prefix) === subnet.cidrBlock) return undefined;
  if (subnet.lifecycleState !== 'AVAILABLE') throw oci.incorrectState(`Subnet ${subnet.id} is ${subnet.lifecycleState}; its CIDR block can change only when it is AVAILABLE.`);
  if (prefix.network !== cidr(subnet.cidrBlock).network) throw oci.invalidParameter(`The requested CIDR ${block} is invalid: it must keep the network address of ${subnet.cidrBlock}.`);
  for (const v of tx.children('oci.Vnic', subnet.id).filter((x) => !isGone(x.lifecycleState))) {
    const ip = ipToInt(v.privateIp) ?? 0;
    if (!containsAddress(prefix, ip) || ip === lastAddress(prefix)) throw oci.invalidParameter(`The requested CIDR ${block} is invalid: the address ${v.privateIp} of VNIC ${v.id} is in use.`);
  }
  return prefix;
}

export function updateSubnet(tx: Tx, scope: OciScope, subnetId: string, details: UpdateSubnetDetails): Subnet {
  const subnet = getOwned(tx, scope, 'oci.Subnet', subnetId);
  if (isGone(subnet.lifecycleState)) throw oci.incorrectState(`Subnet ${subnetId} is ${subnet.lifecycleState}.`);
  checkDisplayName(details.displayName);
  checkRefsInVcn(tx, scope, subnet.vcnId, details.routeTableId, details.securityListIds, details.dhcpOptionsId);
  const prefix = details.cidrBlock === undefined ? undefined : checkCidrChange(tx, subnet, details.cidrBlock);
  if (prefix !== undefined) scheduleOciReady(tx, 'oci.Subnet', subnetId, 'oci.create');
  return tx.update('oci.Subnet', subnetId, (d) => {
    if (prefix !== undefined) {
      d.cidrBlock = formatPrefix(prefix);
      d.ipv4CidrBlocks = [d.cidrBlock];
      d.lifecycleState = 'UPDATING';
    }
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (details.routeTableId !== undefined) d.routeTableId = details.routeTableId;
    if (details.securityListIds !== undefined) d.securityListIds = details.securityListIds;
    if (details.dhcpOptionsId !== undefined) d.dhcpOptionsId = details.dhcpOptionsId;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
}

export function deleteSubnet(tx: Tx, scope: OciScope, subnetId: string): void {
  const subnet = getOwned(tx, scope, 'oci.Subnet', subnetId);
  if (isGone(subnet.lifecycleState)) return;
  const vnics = tx.children('oci.Vnic', subnetId).filter((v) => !isGone(v.lifecycleState));
  const first = vnics[0];
  if (first) throw oci.conflict(`The Subnet ${subnetId} references the VNIC ${first.id}. You must remove the reference to proceed with this operation.`);
  ociTerminate(tx, 'oci.Subnet', subnetId);
}
