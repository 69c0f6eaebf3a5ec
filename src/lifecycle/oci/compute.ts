// Compute instances, reduced to what networking needs: a primary VNIC with one private IP in a
// subnet, its NSGs, and an optional host firewall declared in a lab.
import { oci } from '../../model/errors.ts';
import { cidr, containsAddress, intToIp, ipToInt, lastAddress, nthAddress } from '../../model/cidr.ts';
import { ocid } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { HostFirewall, Instance, PrivateIp, Vnic, VnicAttachment } from '../../model/oci/compute.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, requireCompartment, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';

export interface LaunchInstanceDetails {
  compartmentId?: string;
  availabilityDomain?: string;
  displayName?: string;
  shape?: string;
  imageId?: string;
  sourceDetails?: { sourceType: 'image'; imageId: string };
  metadata?: Record<string, string>;
  shapeConfig?: { ocpus?: number; memoryInGBs?: number };
  subnetId?: string;
  createVnicDetails?: { subnetId?: string; privateIp?: string; nsgIds?: string[]; skipSourceDestCheck?: boolean; hostnameLabel?: string; displayName?: string; assignPublicIp?: boolean };
  freeformTags?: Record<string, string>;
  definedTags?: Record<string, Record<string, unknown>>;
  /** FastRoute lab extension: a host firewall inside the guest. */
  hostFirewall?: HostFirewall;
}

/** Picks the requested address or the lowest free one; OCI reserves the first two and the last. */
function allocatePrivateIp(tx: Tx, subnetId: string, subnetCidr: string, requested: string | undefined): string {
  const prefix = cidr(subnetCidr);
  const used = new Set(tx.list('oci.PrivateIp').filter((p) => p.subnetId === subnetId).map((p) => p.ipAddress));
  const first = nthAddress(prefix, 2);
  const last = lastAddress(prefix) - 1;
  if (requested !== undefined) {
    const addr = ipToInt(requested);
    if (addr === undefined) throw oci.invalidParameter(`privateIp ${requested} is not a valid IPv4 address.`);
    if (!containsAddress(prefix, addr)) throw oci.invalidParameter(`privateIp ${requested} is not within subnet ${subnetId} (${subnetCidr}).`);
    if (addr < first || addr > last) throw oci.invalidParameter(`privateIp ${requested} is reserved in subnet ${subnetCidr} (the first two and the last address are reserved).`);
    if (used.has(requested)) throw oci.conflict(`privateIp ${requested} is already assigned in subnet ${subnetId}.`);
    return requested;
  }
  for (let a = first; a <= last; a++) if (!used.has(intToIp(a))) return intToIp(a);
  throw oci.limitExceeded(`Subnet ${subnetId} has no free private IP address.`);
}

export function launchInstance(tx: Tx, scope: OciScope, details: LaunchInstanceDetails): { instance: Instance; vnic: Vnic; privateIp: PrivateIp; attachment: VnicAttachment } {
  checkDisplayName(details.displayName);
  const compartmentId = requireCompartment(tx, scope, details.compartmentId);
  if (details.availabilityDomain === undefined) throw oci.missingParameter('availabilityDomain');
  const vnicDetails = details.createVnicDetails ?? {};
  const subnet = getRelated(tx, scope, 'oci.Subnet', vnicDetails.subnetId ?? details.subnetId, 'createVnicDetails.subnetId');
  const nsgIds = vnicDetails.nsgIds ?? [];
  if (nsgIds.length > 5) throw oci.limitExceeded('A VNIC can be in at most 5 network security groups.');
  for (const n of nsgIds) {
    const nsg = getRelated(tx, scope, 'oci.NetworkSecurityGroup', n, 'createVnicDetails.nsgIds');
    if (nsg.vcnId !== subnet.vcnId) throw oci.invalidParameter(`NSG ${n} is in another VCN than subnet ${subnet.id}.`);
  }
  const ip = allocatePrivateIp(tx, subnet.id, subnet.cidrBlock, vnicDetails.privateIp);
  const fr = { tenancyId: scope.tenancyId, region: scope.region };
  const now = tx.nowIso;
  const name = details.displayName ?? `instance${now.replace(/\D/g, '').slice(0, 14)}`;
  const imageId = details.sourceDetails?.imageId ?? details.imageId;
  const instance: Instance = {
    id: ocid(tx.ctx.ids, 'instance', scope.region), compartmentId, displayName: name, availabilityDomain: details.availabilityDomain,
    faultDomain: 'FAULT-DOMAIN-1', region: scope.region, shape: details.shape ?? 'VM.Standard.E4.Flex',
    ...(imageId === undefined ? {} : { imageId, sourceDetails: { sourceType: 'image' as const, imageId } }),
    metadata: details.metadata ?? {}, ...(details.shapeConfig ? { shapeConfig: details.shapeConfig } : {}),
    lifecycleState: 'PROVISIONING', timeCreated: now, freeformTags: details.freeformTags ?? {}, definedTags: details.definedTags ?? {},
    fr: { ...fr, ...(details.hostFirewall ? { hostFirewall: details.hostFirewall } : {}) },
  };
  const vnic: Vnic = {
    id: ocid(tx.ctx.ids, 'vnic', scope.region), compartmentId, displayName: vnicDetails.displayName ?? name, availabilityDomain: details.availabilityDomain,
    privateIp: ip, macAddress: `02:00:17:${tx.ctx.ids.randomChars(6).replace(/[^a-f0-9]/g, '0').replace(/(..)(?=.)/g, '$1:').toUpperCase()}`,
    subnetId: subnet.id, isPrimary: true, nsgIds, skipSourceDestCheck: vnicDetails.skipSourceDestCheck ?? false,
    ...(vnicDetails.hostnameLabel === undefined ? {} : { hostnameLabel: vnicDetails.hostnameLabel }),
    lifecycleState: 'PROVISIONING', timeCreated: now, freeformTags: {}, definedTags: {}, fr: { ...fr, instanceId: instance.id },
  };
  const privateIp: PrivateIp = {
    id: ocid(tx.ctx.ids, 'privateip', scope.region), compartmentId, displayName: ip, availabilityDomain: details.availabilityDomain,
    ipAddress: ip, vnicId: vnic.id, subnetId: subnet.id, isPrimary: true, ipState: 'ASSIGNED', lifetime: 'EPHEMERAL', timeCreated: now,
    freeformTags: {}, definedTags: {}, fr,
  };
  const attachment: VnicAttachment = {
    id: ocid(tx.ctx.ids, 'vnicattachment', scope.region), compartmentId, displayName: `${name} primary VNIC`, availabilityDomain: details.availabilityDomain,
    instanceId: instance.id, vnicId: vnic.id, subnetId: subnet.id, nicIndex: 0, vlanTag: 0, lifecycleState: 'ATTACHING', timeCreated: now, fr,
  };
  tx.put('oci.Instance', instance);
  tx.put('oci.Vnic', vnic);
  tx.put('oci.PrivateIp', privateIp);
  tx.put('oci.VnicAttachment', attachment);
  scheduleOciReady(tx, 'oci.Instance', instance.id, 'oci.instance.launch', 'RUNNING');
  scheduleOciReady(tx, 'oci.Vnic', vnic.id, 'oci.instance.launch');
  scheduleOciReady(tx, 'oci.VnicAttachment', attachment.id, 'oci.instance.launch', 'ATTACHED');
  return { instance, vnic, privateIp, attachment };
}

export function terminateInstance(tx: Tx, scope: OciScope, instanceId: string): void {
  const instance = getOwned(tx, scope, 'oci.Instance', instanceId);
  if (isGone(instance.lifecycleState)) return;
  const routed = tx.list('oci.PrivateIp').filter((p) => tx.get('oci.Vnic', p.vnicId)?.fr.instanceId === instanceId)
    .find((p) => tx.list('oci.RouteTable').some((t) => !isGone(t.lifecycleState) && t.routeRules.some((r) => r.networkEntityId === p.id)));
  if (routed) throw oci.conflict(`Private IP ${routed.id} of instance ${instanceId} is the target of a route rule. Remove the rule first.`);
  ociTerminate(tx, 'oci.Instance', instanceId, 'oci.instance.terminate');
  for (const a of tx.children('oci.VnicAttachment', instanceId)) {
    if (!isGone(a.lifecycleState)) ociTerminate(tx, 'oci.VnicAttachment', a.id, 'oci.instance.terminate');
    if (tx.get('oci.Vnic', a.vnicId)) ociTerminate(tx, 'oci.Vnic', a.vnicId, 'oci.instance.terminate');
    for (const p of tx.children('oci.PrivateIp', a.vnicId)) tx.remove('oci.PrivateIp', p.id);
  }
}

export function updateVnic(tx: Tx, scope: OciScope, vnicId: string, details: { displayName?: string; nsgIds?: string[]; skipSourceDestCheck?: boolean }): Vnic {
  const vnic = getOwned(tx, scope, 'oci.Vnic', vnicId);
  const subnet = tx.get('oci.Subnet', vnic.subnetId);
  for (const n of details.nsgIds ?? []) {
    const nsg = getRelated(tx, scope, 'oci.NetworkSecurityGroup', n, 'nsgIds');
    if (nsg.vcnId !== subnet?.vcnId) throw oci.invalidParameter(`NSG ${n} is in another VCN than VNIC ${vnicId}.`);
  }
  if ((details.nsgIds?.length ?? 0) > 5) throw oci.limitExceeded('A VNIC can be in at most 5 network security groups.');
  return tx.update('oci.Vnic', vnicId, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (details.nsgIds !== undefined) d.nsgIds = details.nsgIds;
    if (details.skipSourceDestCheck !== undefined) d.skipSourceDestCheck = details.skipSourceDestCheck;
  });
}
