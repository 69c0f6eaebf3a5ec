// Regional subnets: inside the VCN, no overlap with siblings, first usable address is the
// virtual router.
import { oci } from '../../model/errors.ts';
import { formatPrefix, intToIp, nthAddress, overlaps, cidr } from '../../model/cidr.ts';
import type { Tx } from '../../model/tx.ts';
import type { Subnet } from '../../model/oci/vcn.ts';
import { checkCidrBlock, checkDisplayName, checkDnsLabel } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';
import { vcnPrefixes } from './vcn.ts';
import { checkWithin } from '../../model/validate/oci.ts';

export interface CreateSubnetDetails extends CommonDetails {
  vcnId?: string;
  cidrBlock?: string;
  availabilityDomain?: string | null;
  routeTableId?: string;
  securityListIds?: string[];
  dhcpOptionsId?: string;
  dnsLabel?: string;
  prohibitPublicIpOnVnic?: boolean;
  prohibitInternetIngress?: boolean;
}

function checkRefsInVcn(tx: Tx, scope: OciScope, vcnId: string, routeTableId: string | undefined, securityListIds: readonly string[] | undefined): void {
  if (routeTableId !== undefined) {
    const rt = getRelated(tx, scope, 'oci.RouteTable', routeTableId, 'routeTableId');
    if (rt.vcnId !== vcnId) throw oci.invalidParameter(`Route table ${routeTableId} belongs to another VCN.`);
  }
  if (securityListIds !== undefined) {
    if (securityListIds.length > 5) throw oci.limitExceeded('A subnet can have at most 5 security lists.');
    for (const id of securityListIds) {
      const sl = getRelated(tx, scope, 'oci.SecurityList', id, 'securityListIds');
      if (sl.vcnId !== vcnId) throw oci.invalidParameter(`Security list ${id} belongs to another VCN.`);
    }
  }
}

export function createSubnet(tx: Tx, scope: OciScope, details: CreateSubnetDetails): Subnet {
  checkDisplayName(details.displayName);
  checkDnsLabel(details.dnsLabel, 'Subnet');
  const vcn = getRelated(tx, scope, 'oci.Vcn', details.vcnId, 'vcnId');
  if (details.cidrBlock === undefined) throw oci.missingParameter('cidrBlock');
  const prefix = checkCidrBlock(details.cidrBlock, 16, 30);
  checkWithin(prefix, vcnPrefixes(vcn), details.cidrBlock);
  const siblings = tx.children('oci.Subnet', vcn.id).filter((s) => !isGone(s.lifecycleState));
  for (const s of siblings) {
    if (overlaps(prefix, cidr(s.cidrBlock))) {
      throw oci.invalidParameter(`The requested CIDR ${details.cidrBlock} is invalid: subnet ${s.id} with CIDR ${s.cidrBlock} overlaps with this CIDR.`);
    }
    if (details.dnsLabel !== undefined && s.dnsLabel === details.dnsLabel) throw oci.invalidParameter(`The dnsLabel ${details.dnsLabel} is already used by subnet ${s.id} in this VCN.`);
  }
  checkRefsInVcn(tx, scope, vcn.id, details.routeTableId, details.securityListIds);
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

export type UpdateSubnetDetails = Pick<CreateSubnetDetails, 'displayName' | 'routeTableId' | 'securityListIds' | 'dhcpOptionsId' | 'freeformTags' | 'definedTags'>;

export function updateSubnet(tx: Tx, scope: OciScope, subnetId: string, details: UpdateSubnetDetails): Subnet {
  const subnet = getOwned(tx, scope, 'oci.Subnet', subnetId);
  if (isGone(subnet.lifecycleState)) throw oci.incorrectState(`Subnet ${subnetId} is ${subnet.lifecycleState}.`);
  checkDisplayName(details.displayName);
  checkRefsInVcn(tx, scope, subnet.vcnId, details.routeTableId, details.securityListIds);
  return tx.update('oci.Subnet', subnetId, (d) => {
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
