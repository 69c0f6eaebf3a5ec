// Adding, removing and changing a VCN's CIDR blocks (OCI returns a work request for each). The
// VCN is UPDATING until the change settles. Removal and modification refuse to strand subnets.
import { oci } from '../../model/errors.ts';
import { cidr, containsPrefix as contains, formatPrefix, overlaps } from '../../model/cidr.ts';
import type { Tx } from '../../model/tx.ts';
import type { Vcn } from '../../model/oci/vcn.ts';
import { checkCidrBlock } from '../../model/validate/oci.ts';
import { getOwned, type OciScope } from './scope.ts';
import { liveSubnets } from './vcn-subnets.ts';
import { scheduleOciReady } from '../generic.ts';
import { MAX_VCN_CIDRS } from '../../model/oci/limits.ts';

function updatable(tx: Tx, scope: OciScope, vcnId: string): Vcn {
  const vcn = getOwned(tx, scope, 'oci.Vcn', vcnId);
  if (vcn.lifecycleState !== 'AVAILABLE') throw oci.incorrectState(`Vcn ${vcnId} is ${vcn.lifecycleState}; its CIDR blocks can change only when it is AVAILABLE.`);
  return vcn;
}

function setCidrs(tx: Tx, vcnId: string, cidrs: string[]): Vcn {
  const vcn = tx.update('oci.Vcn', vcnId, (d) => {
    d.cidrBlocks = cidrs;
    d.cidrBlock = cidrs[0] ?? d.cidrBlock;
    d.lifecycleState = 'UPDATING';
  });
  scheduleOciReady(tx, 'oci.Vcn', vcnId, 'oci.create');
  return vcn;
}

export function addVcnCidr(tx: Tx, scope: OciScope, vcnId: string, block: string | undefined): Vcn {
  if (block === undefined) throw oci.missingParameter('cidrBlock');
  const vcn = updatable(tx, scope, vcnId);
  const p = checkCidrBlock(block, 16, 30);
  if (vcn.cidrBlocks.length >= MAX_VCN_CIDRS) throw oci.perVcnLimit(MAX_VCN_CIDRS, 'CIDR block', vcnId);
  for (const c of vcn.cidrBlocks) {
    if (overlaps(p, cidr(c))) throw oci.invalidParameter(`The requested CIDR ${formatPrefix(p)} is invalid: it overlaps with the VCN CIDR ${c}.`);
  }
  return setCidrs(tx, vcnId, [...vcn.cidrBlocks, formatPrefix(p)]);
}

export function removeVcnCidr(tx: Tx, scope: OciScope, vcnId: string, block: string | undefined): Vcn {
  if (block === undefined) throw oci.missingParameter('cidrBlock');
  const vcn = updatable(tx, scope, vcnId);
  const p = checkCidrBlock(block, 16, 30);
  const text = formatPrefix(p);
  if (!vcn.cidrBlocks.includes(text)) throw oci.invalidParameter(`The CIDR ${text} is not a CIDR block of Vcn ${vcnId}.`);
  if (vcn.cidrBlocks.length === 1) throw oci.invalidParameter(`The CIDR ${text} is the only CIDR block of Vcn ${vcnId} and cannot be removed.`);
  const used = liveSubnets(tx, vcnId).find((s) => contains(p, cidr(s.cidrBlock)));
  if (used) throw oci.conflict(`The CIDR ${text} of Vcn ${vcnId} is used by subnet ${used.id}. Delete the subnet first.`);
  return setCidrs(tx, vcnId, vcn.cidrBlocks.filter((c) => c !== text));
}

export function modifyVcnCidr(tx: Tx, scope: OciScope, vcnId: string, original: string | undefined, replacement: string | undefined): Vcn {
  if (original === undefined) throw oci.missingParameter('originalCidrBlock');
  if (replacement === undefined) throw oci.missingParameter('newCidrBlock');
  const vcn = updatable(tx, scope, vcnId);
  const from = formatPrefix(checkCidrBlock(original, 16, 30));
  const to = checkCidrBlock(replacement, 16, 30);
  if (!vcn.cidrBlocks.includes(from)) throw oci.invalidParameter(`The CIDR ${from} is not a CIDR block of Vcn ${vcnId}.`);
  const stranded = liveSubnets(tx, vcnId).find((s) => contains(cidr(from), cidr(s.cidrBlock)) && !contains(to, cidr(s.cidrBlock)));
  if (stranded) throw oci.invalidParameter(`The new CIDR ${formatPrefix(to)} must contain subnet ${stranded.id} (${stranded.cidrBlock}).`);
  for (const c of vcn.cidrBlocks) {
    if (c !== from && overlaps(to, cidr(c))) throw oci.invalidParameter(`The requested CIDR ${formatPrefix(to)} is invalid: it overlaps with the VCN CIDR ${c}.`);
  }
  return setCidrs(tx, vcnId, vcn.cidrBlocks.map((c) => (c === from ? formatPrefix(to) : c)));
}
