// Compute instances, reduced to what networking needs: a primary VNIC with one private IP in a
// subnet, its NSGs, and an optional host firewall declared in a lab.
import { currentOrDeprecated } from './deprecated-field.ts';
import { oci } from '../../model/errors.ts';
import { cidr, containsAddress, intToIp, ipToInt, lastAddress, nthAddress } from '../../model/cidr.ts';
import { ocid } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { HostFirewall, Instance, PrivateIp, Vnic, VnicAttachment } from '../../model/oci/compute.ts';
import type { InstanceShapeConfig } from '../../model/oci/shapes.ts';
import type { Subnet } from '../../model/oci/vcn.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, requireCompartment, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';
import { internalAdName } from './availability-domains.ts';
import { MAX_VNIC_NSGS } from '../../model/oci/limits.ts';

export interface LaunchInstanceDetails {
  compartmentId?: string;
  availabilityDomain?: string;
  displayName?: string;
  shape?: string;
  imageId?: string;
  sourceDetails?: { sourceType: 'image'; imageId?: string | undefined } | { sourceType: 'bootVolume'; bootVolumeId?: string | undefined };
  metadata?: Record<string, string>;
  shapeConfig?: InstanceShapeConfig;
  faultDomain?: string;
  /** Deprecated alias of createVnicDetails.hostnameLabel. */
  hostnameLabel?: string;
  subnetId?: string;
  createVnicDetails?: LaunchVnicDetails;
  freeformTags?: Record<string, string>;
  definedTags?: Record<string, Record<string, unknown>>;
  /** FastRoute lab extension: a host firewall inside the guest. */
  hostFirewall?: HostFirewall;
}

export interface LaunchVnicDetails {
  subnetId?: string;
  privateIp?: string;
  nsgIds?: string[];
  skipSourceDestCheck?: boolean;
  hostnameLabel?: string;
  displayName?: string;
  /** Accepted; FastRoute models no public IPs. */
  assignPublicIp?: boolean;
  freeformTags?: Record<string, string>;
  definedTags?: Record<string, Record<string, unknown>>;
  /** Not modelled: VLANs, IPv6 and reserved private IPs are refused with InvalidParameter. */
  vlanId?: string;
  assignIpv6Ip?: boolean;
  privateIpId?: string;
}

const FAULT_DOMAINS = ['FAULT-DOMAIN-1', 'FAULT-DOMAIN-2', 'FAULT-DOMAIN-3'];

/** RFC 952/1123 host label, as OCI requires for hostnameLabel. */
function checkHostnameLabel(tx: Tx, label: string | undefined, subnetId: string, exceptVnicId?: string): void {
  if (label === undefined) return;
  if (!/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(label)) {
    throw oci.invalidParameter(`hostnameLabel '${label}' is invalid: use letters, digits and hyphens (RFC 952/1123), at most 63 characters, not starting or ending with a hyphen.`);
  }
  const taken = tx.children('oci.Vnic', subnetId).find((v) => v.id !== exceptVnicId && !isGone(v.lifecycleState) && v.hostnameLabel?.toLowerCase() === label.toLowerCase());
  if (taken) throw oci.conflict(`hostnameLabel '${label}' is already used by VNIC ${taken.id} in subnet ${subnetId}.`);
}

/** Launch options FastRoute does not model are refused rather than silently ignored. */
function checkUnmodelled(details: LaunchInstanceDetails): void {
  const v = details.createVnicDetails ?? {};
  if (v.vlanId !== undefined) throw oci.invalidParameter('createVnicDetails.vlanId: FastRoute does not model VLANs; give a subnetId.');
  if (v.assignIpv6Ip === true) throw oci.invalidParameter('createVnicDetails.assignIpv6Ip: FastRoute models IPv4 only.');
  if (v.privateIpId !== undefined) throw oci.invalidParameter('createVnicDetails.privateIpId: FastRoute does not model reserved private IPs; give privateIp instead.');
  if (details.sourceDetails?.sourceType === 'bootVolume') throw oci.invalidParameter('sourceDetails.sourceType bootVolume: FastRoute does not model block volumes; launch from an image.');
  if (details.faultDomain !== undefined && !FAULT_DOMAINS.includes(details.faultDomain)) {
    throw oci.invalidParameter(`faultDomain ${details.faultDomain} is invalid: use ${FAULT_DOMAINS.join(', ')}.`);
  }
  if (details.hostnameLabel !== undefined && v.hostnameLabel !== undefined && details.hostnameLabel !== v.hostnameLabel) {
    throw oci.invalidParameter('hostnameLabel and createVnicDetails.hostnameLabel differ; give one of them.');
  }
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
  throw oci.invalidParameter(`Subnet ${subnetId} has no free private IP address.`);
}

/** An AD-specific subnet takes VNICs of its own AD only (OCI's message names the ADs by their internal names). */
function checkSubnetAd(subnet: Subnet, availabilityDomain: string): void {
  if (subnet.availabilityDomain === null || subnet.availabilityDomain.toLowerCase() === availabilityDomain.toLowerCase()) return;
  const region = subnet.fr.region;
  throw oci.invalidParameter(`A problem occurred while preparing the instance's VNIC. (Parameter 'availabilityDomain' does not match. VNIC has '${internalAdName(region, availabilityDomain)}' while the subnet has '${internalAdName(region, subnet.availabilityDomain)}')`);
}

/** The image a launch boots: sourceDetails.imageId, or the deprecated top-level imageId. */
export function launchImageId(details: Pick<LaunchInstanceDetails, 'sourceDetails' | 'imageId'>): string | undefined {
  return (details.sourceDetails?.sourceType === 'image' ? details.sourceDetails.imageId : undefined) ?? details.imageId;
}

export function launchInstance(tx: Tx, scope: OciScope, details: LaunchInstanceDetails): { instance: Instance; vnic: Vnic; privateIp: PrivateIp; attachment: VnicAttachment } {
  checkDisplayName(details.displayName);
  const compartmentId = requireCompartment(tx, scope, details.compartmentId);
  if (details.availabilityDomain === undefined) throw oci.missingParameter('availabilityDomain');
  checkUnmodelled(details);
  const vnicDetails = details.createVnicDetails ?? {};
  const subnet = getRelated(tx, scope, 'oci.Subnet', currentOrDeprecated(vnicDetails.subnetId, 'createVnicDetails.subnetId', details.subnetId, 'subnetId'), 'createVnicDetails.subnetId');
  checkSubnetAd(subnet, details.availabilityDomain);
  const hostnameLabel = vnicDetails.hostnameLabel ?? details.hostnameLabel;
  checkHostnameLabel(tx, hostnameLabel, subnet.id);
  const nsgIds = vnicDetails.nsgIds ?? [];
  if (nsgIds.length > MAX_VNIC_NSGS) throw oci.sizeExceeded('createVnicDetails.nsgIds', MAX_VNIC_NSGS);
  for (const n of nsgIds) {
    const nsg = getRelated(tx, scope, 'oci.NetworkSecurityGroup', n, 'createVnicDetails.nsgIds');
    if (nsg.vcnId !== subnet.vcnId) throw oci.invalidParameter(`NSG ${n} is in another VCN than subnet ${subnet.id}.`);
  }
  const ip = allocatePrivateIp(tx, subnet.id, subnet.cidrBlock, vnicDetails.privateIp);
  const fr = { tenancyId: scope.tenancyId, region: scope.region };
  const now = tx.nowIso;
  const name = details.displayName ?? `instance${now.replace(/\D/g, '').slice(0, 14)}`;
  const imageId = launchImageId(details);
  const instance: Instance = {
    id: ocid(tx.ctx.ids, 'instance', scope.region), compartmentId, displayName: name, availabilityDomain: details.availabilityDomain,
    faultDomain: details.faultDomain ?? 'FAULT-DOMAIN-1', region: scope.region, shape: details.shape ?? 'VM.Standard.E4.Flex',
    ...(imageId === undefined ? {} : { imageId, sourceDetails: { sourceType: 'image' as const, imageId } }),
    metadata: details.metadata ?? {}, ...(details.shapeConfig ? { shapeConfig: details.shapeConfig } : {}),
    lifecycleState: 'PROVISIONING', timeCreated: now, freeformTags: details.freeformTags ?? {}, definedTags: details.definedTags ?? {},
    fr: { ...fr, ...(details.hostFirewall ? { hostFirewall: details.hostFirewall } : {}) },
  };
  const vnic: Vnic = {
    id: ocid(tx.ctx.ids, 'vnic', scope.region), compartmentId, displayName: vnicDetails.displayName ?? name, availabilityDomain: details.availabilityDomain,
    privateIp: ip, macAddress: `02:00:17:${tx.ctx.ids.randomChars(6).replace(/[^a-f0-9]/g, '0').replace(/(..)(?=.)/g, '$1:').toUpperCase()}`,
    subnetId: subnet.id, isPrimary: true, nsgIds, skipSourceDestCheck: vnicDetails.skipSourceDestCheck ?? false,
    ...(hostnameLabel === undefined ? {} : { hostnameLabel }),
    lifecycleState: 'PROVISIONING', timeCreated: now, freeformTags: vnicDetails.freeformTags ?? {}, definedTags: vnicDetails.definedTags ?? {}, fr: { ...fr, instanceId: instance.id },
  };
  const privateIp: PrivateIp = {
    id: ocid(tx.ctx.ids, 'privateip', scope.region), compartmentId, displayName: ip, availabilityDomain: details.availabilityDomain,
    ipAddress: ip, vnicId: vnic.id, subnetId: subnet.id, isPrimary: true, ...(hostnameLabel === undefined ? {} : { hostnameLabel }), ipState: 'ASSIGNED', lifetime: 'EPHEMERAL', timeCreated: now,
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

export interface UpdateVnicDetails {
  displayName?: string;
  nsgIds?: string[];
  skipSourceDestCheck?: boolean;
  hostnameLabel?: string;
  freeformTags?: Record<string, string>;
  definedTags?: Record<string, Record<string, unknown>>;
  /** Per-VNIC routing is not modelled: refused with InvalidParameter. */
  routeTableId?: string;
}

export function updateVnic(tx: Tx, scope: OciScope, vnicId: string, details: UpdateVnicDetails): Vnic {
  const vnic = getOwned(tx, scope, 'oci.Vnic', vnicId);
  if (isGone(vnic.lifecycleState)) throw oci.incorrectState(`Vnic ${vnicId} is ${vnic.lifecycleState}.`);
  checkDisplayName(details.displayName);
  if (details.routeTableId !== undefined) throw oci.invalidParameter('routeTableId: FastRoute does not model per-VNIC route tables; traffic uses the subnet\'s route table.');
  const subnet = tx.get('oci.Subnet', vnic.subnetId);
  for (const n of details.nsgIds ?? []) {
    const nsg = getRelated(tx, scope, 'oci.NetworkSecurityGroup', n, 'nsgIds');
    if (nsg.vcnId !== subnet?.vcnId) throw oci.invalidParameter(`NSG ${n} is in another VCN than VNIC ${vnicId}.`);
  }
  if ((details.nsgIds?.length ?? 0) > MAX_VNIC_NSGS) throw oci.sizeExceeded('nsgIds', MAX_VNIC_NSGS);
  checkHostnameLabel(tx, details.hostnameLabel, vnic.subnetId, vnicId);
  if (details.hostnameLabel !== undefined) {
    // The primary private IP carries the VNIC's hostname, as in OCI.
    for (const p of tx.children('oci.PrivateIp', vnicId)) if (p.isPrimary) tx.update('oci.PrivateIp', p.id, (d) => { d.hostnameLabel = details.hostnameLabel; });
  }
  return tx.update('oci.Vnic', vnicId, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (details.nsgIds !== undefined) d.nsgIds = details.nsgIds;
    if (details.skipSourceDestCheck !== undefined) d.skipSourceDestCheck = details.skipSourceDestCheck;
    if (details.hostnameLabel !== undefined) d.hostnameLabel = details.hostnameLabel;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
}

/** Every power action the SDK documents; FastRoute carries out the first five. */
export const INSTANCE_ACTIONS = ['STOP', 'START', 'SOFTSTOP', 'RESET', 'SOFTRESET', 'SENDDIAGNOSTICINTERRUPT', 'DIAGNOSTICREBOOT', 'REBOOTMIGRATE'] as const;

/**
 * Power actions. FastRoute has no STOPPING/STARTING transition: the new state is in place when the
 * call returns (resets keep a running instance RUNNING). A power action changes nothing networking
 * sees: the VNIC and its IP stay, as in OCI.
 */
export function instanceAction(tx: Tx, scope: OciScope, instanceId: string, action: string): Instance {
  const instance = getOwned(tx, scope, 'oci.Instance', instanceId);
  if (!(INSTANCE_ACTIONS as readonly string[]).includes(action)) throw oci.invalidParameter(`action ${action} is invalid: use one of ${INSTANCE_ACTIONS.join(', ')}.`);
  if (!['STOP', 'START', 'SOFTSTOP', 'RESET', 'SOFTRESET'].includes(action)) throw oci.invalidParameter(`action ${action} is not supported by FastRoute: use STOP, START, SOFTSTOP, RESET or SOFTRESET.`);
  const state = instance.lifecycleState;
  if (state !== 'RUNNING' && state !== 'STOPPED') throw oci.incorrectState(`Instance ${instanceId} is ${state}; ${action} needs it RUNNING or STOPPED.`);
  const target = action === 'START' ? 'RUNNING' : action === 'STOP' || action === 'SOFTSTOP' ? 'STOPPED' : undefined;
  if (target === undefined && state === 'STOPPED') throw oci.incorrectState(`Instance ${instanceId} is STOPPED; ${action} needs it RUNNING (use START).`);
  if (target === undefined || target === state) return instance;
  return tx.update('oci.Instance', instanceId, (d) => { d.lifecycleState = target; });
}
