// What a lab owns, for teardown: what it tagged, and what was created inside it through the APIs:
// the contents of its VCNs (subnets, gateways, DHCP options, route tables...), attachments of those
// VCNs, instances with a VNIC in them, and every ARM resource in its resource groups. The VCNs and
// groups cannot go while those remain; OCI's console deletes a VCN's contents with it, and deleting
// an ARM resource group deletes what it holds, so a lab's teardown takes them along too.
import type { ReadView } from '../model/world.ts';
import { LAB_TAG } from './names.ts';

export type Tagged = { freeformTags?: Record<string, string>; tags?: Record<string, string> };

export const labTagOf = (e: Tagged): string | undefined => (e.freeformTags ?? e.tags ?? {})[LAB_TAG];

export interface LabOwnership {
  /** Tagged with the lab's name. */
  tagged: (e: Tagged) => boolean;
  /** Ids of the lab's VCNs (tagged, in any state). */
  vcnIds: ReadonlySet<string>;
  /** A resource of a lab VCN, whoever created it. */
  inVcn: (e: Tagged & { vcnId: string }) => boolean;
  /** A VCN's default route table, security list or DHCP options (they go with the VCN). */
  isVcnDefault: (id: string) => boolean;
  /** An instance the lab launched, or one with a VNIC in a lab VCN. */
  instance: (e: Tagged & { id: string }) => boolean;
  /** A DRG attachment the lab made, or one of a lab VCN. */
  drgAttachment: (e: Tagged & { networkDetails: { type: string; id: string } }) => boolean;
  /** An ARM resource the lab made, or any resource in a lab resource group. */
  arm: (e: Tagged & { id: string }) => boolean;
}

export function labOwnership(view: ReadView, name: string): LabOwnership {
  const tagged = (e: Tagged) => labTagOf(e) === name;
  const vcns = view.list('oci.Vcn').filter(tagged);
  const vcnIds = new Set(vcns.map((v) => v.id));
  const defaults = new Set(vcns.flatMap((v) => [v.defaultRouteTableId, v.defaultSecurityListId, v.defaultDhcpOptionsId]));
  const labSubnets = new Set(view.list('oci.Subnet').filter((s) => vcnIds.has(s.vcnId)).map((s) => s.id));
  const instancesInLab = new Set(view.list('oci.Vnic').filter((v) => labSubnets.has(v.subnetId)).map((v) => v.fr.instanceId));
  const groups = view.list('azure.ResourceGroup').filter(tagged).map((g) => `${g.id}/`.toLowerCase());
  return {
    tagged,
    vcnIds,
    inVcn: (e) => tagged(e) || vcnIds.has(e.vcnId),
    isVcnDefault: (id) => defaults.has(id),
    instance: (e) => tagged(e) || instancesInLab.has(e.id),
    drgAttachment: (e) => tagged(e) || (e.networkDetails.type === 'VCN' && vcnIds.has(e.networkDetails.id)),
    arm: (e) => tagged(e) || groups.some((g) => e.id.toLowerCase().startsWith(g)),
  };
}
