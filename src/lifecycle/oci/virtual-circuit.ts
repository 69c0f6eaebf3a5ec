// FastConnect virtual circuits. For the "Microsoft Azure" provider the circuit is a PRIVATE VC on a
// DRG that names an ExpressRoute service key; provisioning is then driven by the provider layer
// (lifecycle/interconnect/handshake.ts). On update the customer changes the name, tags, DRG,
// bandwidth (within the ExpressRoute circuit's: vc-bandwidth.ts), BGP admin state, BFD, MTU, routing
// policy and traffic mode; a DRG or bandwidth change re-provisions a PROVISIONED circuit. The
// provider's fields are not the customer's to set, and FastRoute keeps the BGP addressing fixed
// (checkFixedOnUpdate).
import { oci } from '../../model/errors.ts';
import { ocid, OCI_REGION_KEYS } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { CrossConnectMapping, VirtualCircuit } from '../../model/oci/virtual-circuit.ts';
import type { DrgAttachment } from '../../model/oci/drg.ts';
import { checkAsn, checkDisplayName } from '../../model/validate/oci.ts';
import { checkMappingSyntax, evaluateLink } from '../../model/interconnect/bgp-addressing.ts';
import { AZURE_PROVIDER_NAME, ORACLE_BGP_ASN, fastConnectProviderServices } from '../../model/interconnect/providers.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';
import { findCircuitByServiceKey, onVirtualCircuitCreated, onVirtualCircuitDeleted, onVirtualCircuitReprovisioned } from '../interconnect/handshake.ts';
import { refreshSessions } from '../interconnect/sessions.ts';
import { checkShapeFitsCircuit, offeredShape } from './vc-bandwidth.ts';

export interface CreateVirtualCircuitDetails extends CommonDetails {
  type?: string;
  bandwidthShapeName?: string;
  crossConnectMappings?: CrossConnectMapping[];
  customerAsn?: number;
  customerBgpAsn?: number;
  gatewayId?: string;
  providerServiceId?: string;
  providerServiceKeyName?: string;
  region?: string;
  routingPolicy?: VirtualCircuit['routingPolicy'];
  ipMtu?: 'MTU_1500' | 'MTU_9000';
  isBfdEnabled?: boolean;
  bgpAdminState?: 'ENABLED' | 'DISABLED';
  trafficMode?: 'NORMAL' | 'DRAIN';
  /** Fields of CreateVirtualCircuitDetails that do not apply to a private circuit to Azure. */
  publicPrefixes?: { cidrBlock?: string }[];
  isTransportMode?: boolean;
  providerName?: string;
  providerServiceName?: string;
  providerRemoteRegion?: string;
  remoteAccountId?: string;
}

/** Refuses what a private VC to Microsoft Azure cannot have, naming the field. */
function checkNotApplicable(details: CreateVirtualCircuitDetails, serviceName: { providerName: string; providerServiceName: string }): void {
  if ((details.publicPrefixes?.length ?? 0) > 0) throw oci.invalidParameter('publicPrefixes apply to PUBLIC virtual circuits only.');
  if (details.isTransportMode === true) throw oci.invalidParameter('isTransportMode: FastRoute does not model transport-mode virtual circuits.');
  if (details.providerRemoteRegion !== undefined || details.remoteAccountId !== undefined) {
    throw oci.invalidParameter('providerRemoteRegion and remoteAccountId do not apply to Oracle Interconnect for Microsoft Azure.');
  }
  if (details.providerName !== undefined && details.providerName !== serviceName.providerName) throw oci.invalidParameter(`providerName ${details.providerName} does not match providerServiceId (${serviceName.providerName}).`);
  if (details.providerServiceName !== undefined && details.providerServiceName !== serviceName.providerServiceName) {
    throw oci.invalidParameter(`providerServiceName ${details.providerServiceName} does not match providerServiceId (${serviceName.providerServiceName}).`);
  }
}

function checkMappings(mappings: readonly CrossConnectMapping[] | undefined): CrossConnectMapping[] {
  if (!mappings || mappings.length !== 2) {
    throw oci.invalidParameter('crossConnectMappings must hold exactly two entries (primary and secondary BGP peering addresses) for a virtual circuit to Microsoft Azure.');
  }
  return mappings.map((m, i) => {
    const problem = checkMappingSyntax(m.customerBgpPeeringIp, m.oracleBgpPeeringIp, `crossConnectMappings[${i}]`);
    if (problem) throw oci.invalidParameter(problem);
    const link = evaluateLink(m.customerBgpPeeringIp, m.oracleBgpPeeringIp);
    return {
      customerBgpPeeringIp: m.customerBgpPeeringIp,
      oracleBgpPeeringIp: m.oracleBgpPeeringIp ?? link.oracleIp,
      ...(m.bgpMd5AuthKey === undefined ? {} : { bgpMd5AuthKey: m.bgpMd5AuthKey }),
      ipv4BgpStatus: 'DOWN',
    };
  });
}

export function createVirtualCircuit(tx: Tx, scope: OciScope, details: CreateVirtualCircuitDetails): VirtualCircuit {
  checkDisplayName(details.displayName);
  if (details.type === undefined) throw oci.missingParameter('type');
  if (details.type !== 'PRIVATE' && details.type !== 'PUBLIC') throw oci.invalidParameter(`type must be PRIVATE or PUBLIC, not ${details.type}.`);
  if (details.customerAsn !== undefined && details.customerBgpAsn !== undefined) throw oci.invalidParameter('Supply customerAsn or the deprecated customerBgpAsn, not both.');
  checkAsn(details.customerAsn ?? details.customerBgpAsn, 'customerAsn');
  const service = fastConnectProviderServices(scope.region).find((s) => s.id === details.providerServiceId);
  if (details.providerServiceId === undefined) throw oci.invalidParameter('providerServiceId is required: FastRoute models provider (partner) virtual circuits only.');
  if (!service) throw oci.relatedNotFound('FastConnectProviderService', details.providerServiceId);
  if (!service.supportedVirtualCircuitTypes.includes(details.type)) throw oci.invalidParameter(`Provider service ${service.providerName} does not support ${details.type} virtual circuits.`);
  checkNotApplicable(details, service);
  if (service.providerName !== AZURE_PROVIDER_NAME) throw oci.invalidParameter(`Provider ${service.providerName} is listed for realism only; FastRoute provisions circuits to Microsoft Azure.`);
  const shape = offeredShape(details.bandwidthShapeName ?? '1 Gbps', service.providerName).name;
  const drg = getRelated(tx, scope, 'oci.Drg', details.gatewayId, 'gatewayId');
  const key = details.providerServiceKeyName;
  if (key === undefined || key === '') throw oci.missingParameter('providerServiceKeyName');
  const circuit = findCircuitByServiceKey(tx, key);
  if (!circuit) throw oci.invalidParameter(`The provider service key ${key} is not valid for provider ${service.providerName}.`);
  const taken = tx.list('oci.VirtualCircuit').find((v) => v.providerServiceKeyName?.toLowerCase() === key.toLowerCase() && !isGone(v.lifecycleState));
  if (taken) throw oci.conflict(`The provider service key ${key} is already used by virtual circuit ${taken.id}.`);
  const mappings = checkMappings(details.crossConnectMappings);
  const base = newResource(tx, scope, 'virtualcircuit', details, 'virtualcircuit');
  const vc: VirtualCircuit = {
    ...base,
    type: details.type,
    bandwidthShapeName: shape,
    gatewayId: drg.id,
    crossConnectMappings: mappings,
    ...(details.customerAsn === undefined ? {} : { customerAsn: details.customerAsn }),
    oracleBgpAsn: ORACLE_BGP_ASN,
    bgpManagement: 'CUSTOMER_MANAGED',
    bgpSessionState: 'DOWN',
    bgpIpv6SessionState: 'DOWN',
    bgpAdminState: details.bgpAdminState ?? 'ENABLED',
    isBfdEnabled: details.isBfdEnabled ?? false,
    isTransportMode: false,
    providerServiceId: service.id,
    providerServiceKeyName: key,
    providerName: service.providerName,
    providerServiceName: service.providerServiceName,
    providerState: 'INACTIVE',
    serviceType: 'LAYER3',
    region: (OCI_REGION_KEYS[scope.region] ?? scope.region),
    routingPolicy: details.routingPolicy ?? [],
    ipMtu: details.ipMtu ?? 'MTU_1500',
    trafficMode: details.trafficMode ?? 'NORMAL',
    virtualCircuitRedundancyMetadata: { configuredRedundancyLevel: 'PENDING', ipv4bgpSessionRedundancyStatus: 'NOT_MET_SLA', ipv6bgpSessionRedundancyStatus: 'NOT_MET_SLA' },
    lifecycleState: 'PENDING_PROVIDER',
  };
  tx.put('oci.VirtualCircuit', vc);
  attachToDrg(tx, scope, vc, drg.id);
  onVirtualCircuitCreated(tx, vc.id);
  return vc;
}

/** The VIRTUAL_CIRCUIT attachment OCI creates implicitly on the VC's DRG. */
function attachToDrg(tx: Tx, scope: OciScope, vc: VirtualCircuit, drgId: string): DrgAttachment {
  const drg = getRelated(tx, scope, 'oci.Drg', drgId, 'gatewayId');
  const att: DrgAttachment = {
    id: ocid(tx.ctx.ids, 'drgattachment', scope.region), compartmentId: vc.compartmentId, displayName: `${vc.displayName} attachment`,
    timeCreated: tx.nowIso, freeformTags: vc.freeformTags, definedTags: {}, fr: { ...vc.fr },
    drgId: drg.id, drgRouteTableId: drg.defaultDrgRouteTables.virtualCircuit,
    networkDetails: { type: 'VIRTUAL_CIRCUIT', id: vc.id, transportOnlyMode: false },
    exportDrgRouteDistributionId: drg.defaultExportDrgRouteDistributionId, isCrossTenancy: false, lifecycleState: 'ATTACHING',
  };
  return tx.put('oci.DrgAttachment', att);
}

export function virtualCircuitAttachment(tx: Tx, vcId: string): DrgAttachment | undefined {
  return tx.list('oci.DrgAttachment').find((a) => a.networkDetails.type === 'VIRTUAL_CIRCUIT' && a.networkDetails.id === vcId && !isGone(a.lifecycleState));
}

export interface UpdateVirtualCircuitDetails {
  displayName?: string;
  gatewayId?: string;
  bgpAdminState?: 'ENABLED' | 'DISABLED';
  bandwidthShapeName?: string;
  freeformTags?: Record<string, string>;
  definedTags?: Record<string, Record<string, unknown>>;
  isBfdEnabled?: boolean;
  ipMtu?: 'MTU_1500' | 'MTU_9000';
  routingPolicy?: VirtualCircuit['routingPolicy'];
  trafficMode?: 'NORMAL' | 'DRAIN';
  /** Accepted only when unchanged: see checkFixedOnUpdate. */
  crossConnectMappings?: CrossConnectMapping[];
  customerAsn?: number;
  customerBgpAsn?: number;
  isTransportMode?: boolean;
  providerState?: 'ACTIVE' | 'INACTIVE';
  providerServiceKeyName?: string;
  referenceComment?: string;
}

/**
 * Fields the customer cannot change on a circuit to Azure. The provider's own (providerState,
 * referenceComment, and customerAsn, which the Azure provider manages) are 403 NotAuthorized, as OCI
 * answers a field the caller may not update (UpdateVirtualCircuitDetails: "To be updated only by the
 * provider"). The BGP addressing and the service key are the customer's in OCI, but FastRoute does
 * not re-address or re-key a circuit (400). Sending the current value is fine, so a
 * read-modify-write of the whole circuit works.
 */
function checkFixedOnUpdate(vc: VirtualCircuit, d: UpdateVirtualCircuitDetails): void {
  const same = (a: unknown, b: unknown) => a === undefined || a === b;
  const providerOnly = [
    ...(same(d.customerAsn ?? d.customerBgpAsn, vc.customerAsn ?? vc.customerBgpAsn) ? [] : ['customerAsn']),
    ...(same(d.providerState, vc.providerState) ? [] : ['providerState']),
    ...(same(d.referenceComment, vc.referenceComment) ? [] : ['referenceComment']),
  ];
  if (providerOnly.length > 0) {
    throw oci.notAuthorized(`You do not have authorization to update one or more of the fields included in this request: ${providerOnly.join(', ')} of a virtual circuit to ${vc.providerName ?? AZURE_PROVIDER_NAME} can be updated only by the provider.`);
  }
  if (d.crossConnectMappings !== undefined) {
    const ips = (ms: readonly CrossConnectMapping[]) => JSON.stringify(ms.map((m) => [m.customerBgpPeeringIp, m.oracleBgpPeeringIp ?? null]));
    const sent = d.crossConnectMappings.map((m, i) => ({ ...m, oracleBgpPeeringIp: m.oracleBgpPeeringIp ?? vc.crossConnectMappings[i]?.oracleBgpPeeringIp }));
    if (ips(sent) !== ips(vc.crossConnectMappings)) throw oci.invalidParameter('crossConnectMappings of a virtual circuit to Microsoft Azure cannot change: FastRoute does not re-address the BGP sessions; create a new circuit.');
  }
  if (!same(d.providerServiceKeyName, vc.providerServiceKeyName)) throw oci.invalidParameter('providerServiceKeyName cannot change: FastRoute does not move a virtual circuit to another ExpressRoute circuit; create a new virtual circuit.');
  if (d.isTransportMode === true) throw oci.invalidParameter('isTransportMode: FastRoute does not model transport-mode virtual circuits.');
}

/** A DRG or bandwidth change waits while the circuit is being (re-)provisioned or torn down. */
function checkReprovisionable(vc: VirtualCircuit, what: string): void {
  if (vc.lifecycleState !== 'PROVISIONED' && vc.lifecycleState !== 'PENDING_PROVIDER') throw oci.incorrectState(`The ${what} of VirtualCircuit ${vc.id} cannot change while it is ${vc.lifecycleState}.`);
}

export function updateVirtualCircuit(tx: Tx, scope: OciScope, vcId: string, details: UpdateVirtualCircuitDetails): VirtualCircuit {
  const vc = getOwned(tx, scope, 'oci.VirtualCircuit', vcId);
  if (isGone(vc.lifecycleState)) throw oci.incorrectState(`VirtualCircuit ${vcId} is ${vc.lifecycleState}.`);
  checkDisplayName(details.displayName);
  checkFixedOnUpdate(vc, details);
  const bandwidth = details.bandwidthShapeName !== undefined && details.bandwidthShapeName !== vc.bandwidthShapeName ? details.bandwidthShapeName : undefined;
  if (bandwidth !== undefined) {
    const shape = offeredShape(bandwidth, vc.providerName ?? AZURE_PROVIDER_NAME);
    checkReprovisionable(vc, 'bandwidth');
    checkShapeFitsCircuit(tx, vc, shape);
  }
  const drgChanged = details.gatewayId !== undefined && details.gatewayId !== vc.gatewayId;
  if (drgChanged) {
    checkReprovisionable(vc, 'DRG');
    getRelated(tx, scope, 'oci.Drg', details.gatewayId, 'gatewayId');
  }
  const updated = tx.update('oci.VirtualCircuit', vcId, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (details.bgpAdminState !== undefined) d.bgpAdminState = details.bgpAdminState;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
    if (details.isBfdEnabled !== undefined) d.isBfdEnabled = details.isBfdEnabled;
    if (details.ipMtu !== undefined) d.ipMtu = details.ipMtu;
    if (details.routingPolicy !== undefined) d.routingPolicy = details.routingPolicy;
    if (details.trafficMode !== undefined) d.trafficMode = details.trafficMode;
    if (drgChanged && details.gatewayId !== undefined) d.gatewayId = details.gatewayId;
    if (bandwidth !== undefined) d.bandwidthShapeName = bandwidth;
  });
  if (drgChanged && details.gatewayId !== undefined) {
    const old = virtualCircuitAttachment(tx, vcId);
    if (old) ociTerminate(tx, 'oci.DrgAttachment', old.id, 'oci.attachment.detach');
    attachToDrg(tx, scope, updated, details.gatewayId);
  }
  if (drgChanged) {
    onVirtualCircuitReprovisioned(tx, vcId, 'oci.vc.drg-change', 'DRG changed: the circuit re-provisions on the new DRG and traffic is interrupted until it is PROVISIONED again.');
  } else if (bandwidth !== undefined) {
    onVirtualCircuitReprovisioned(tx, vcId, 'oci.vc.bandwidth-change', `Bandwidth changed to ${bandwidth}: Oracle re-provisions the circuit and traffic is interrupted until it is PROVISIONED again.`);
  }
  refreshSessions(tx, vcId);
  return tx.get('oci.VirtualCircuit', vcId) ?? updated;
}

export function deleteVirtualCircuit(tx: Tx, scope: OciScope, vcId: string): void {
  const vc = getOwned(tx, scope, 'oci.VirtualCircuit', vcId);
  if (vc.lifecycleState === 'TERMINATING' || vc.lifecycleState === 'TERMINATED') return;
  onVirtualCircuitDeleted(tx, vcId);
}

export { scheduleOciReady };
