// VCN route tables. Rules are replaced as a whole on update, as in OCI; every target must exist
// and be usable from this VCN (a DRG must be attached to it, a gateway must be the VCN's, a private
// IP must forward), and a service CIDR label goes only with a service gateway.
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { RouteRule, RouteTable } from '../../model/oci/route-table.ts';
import { checkCidrBlock, checkDisplayName } from '../../model/validate/oci.ts';
import { oracleServices } from '../../model/oci/services.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';
import { refreshPeerAdvertised } from './local-peering-gateway.ts';
import { MAX_ROUTE_RULES } from '../../model/oci/limits.ts';

export interface RouteRuleDetails {
  destination?: string;
  destinationType?: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK';
  cidrBlock?: string;
  networkEntityId?: string;
  description?: string;
  /** LOCAL rules are OCI's own (VCN-local routes); users write STATIC ones. */
  routeType?: 'STATIC' | 'LOCAL';
}

export interface CreateRouteTableDetails extends CommonDetails {
  vcnId?: string;
  routeRules?: RouteRuleDetails[];
}

type TargetKind = 'drg' | 'internetgateway' | 'natgateway' | 'servicegateway' | 'localpeeringgateway' | 'privateip';

/** The kind of entity a route target OCID names (ocid1.<kind>.…), or undefined for any other. */
function targetKind(target: string): TargetKind | undefined {
  const kind = target.split('.')[1];
  return kind === 'drg' || kind === 'internetgateway' || kind === 'natgateway' || kind === 'servicegateway' || kind === 'localpeeringgateway' || kind === 'privateip' ? kind : undefined;
}

const GATEWAY_KINDS = {
  internetgateway: ['oci.InternetGateway', 'Internet gateway'],
  natgateway: ['oci.NatGateway', 'NAT gateway'],
  servicegateway: ['oci.ServiceGateway', 'Service gateway'],
  localpeeringgateway: ['oci.LocalPeeringGateway', 'Local peering gateway'],
} as const;

function checkTarget(tx: Tx, scope: OciScope, vcnId: string, target: string, kind: TargetKind | undefined): void {
  if (kind === 'drg') {
    getRelated(tx, scope, 'oci.Drg', target, 'networkEntityId');
    const attached = tx.children('oci.DrgAttachment', target).some((a) => a.networkDetails.type === 'VCN' && a.networkDetails.id === vcnId && !isGone(a.lifecycleState));
    if (!attached) throw oci.invalidParameter(`Route rule target ${target} is not a DRG attached to VCN ${vcnId}.`);
  } else if (kind === 'privateip') {
    const ip = getRelated(tx, scope, 'oci.PrivateIp', target, 'networkEntityId');
    const subnet = tx.get('oci.Subnet', ip.subnetId);
    if (subnet?.vcnId !== vcnId) throw oci.invalidParameter(`Private IP ${target} is not in VCN ${vcnId}.`);
    const vnic = tx.get('oci.Vnic', ip.vnicId);
    if (!vnic?.skipSourceDestCheck) throw oci.invalidParameter(`Private IP ${target} cannot be a route target: its VNIC ${ip.vnicId} does not have skipSourceDestCheck enabled.`);
  } else if (kind !== undefined) {
    const [entityKind, what] = GATEWAY_KINDS[kind];
    const gateway = getRelated(tx, scope, entityKind, target, 'networkEntityId');
    if (gateway.vcnId !== vcnId) throw oci.invalidParameter(`${what} ${target} belongs to another VCN.`);
  } else {
    throw oci.invalidParameter(`Route rule target ${target} is not supported: FastRoute routes to DRGs, internet, NAT, service and local peering gateways, and private IPs.`);
  }
}

/**
 * OCI's pairing of destination type and target: a SERVICE_CIDR_BLOCK destination (a service CIDR
 * label of the VCN's region) only with a service gateway, and a service gateway only with one.
 */
function checkDestination(tx: Tx, vcnId: string, r: RouteRuleDetails, destination: string, kind: TargetKind | undefined, at: string): 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK' {
  const type = r.destinationType ?? 'CIDR_BLOCK';
  if (type === 'SERVICE_CIDR_BLOCK') {
    if (kind !== 'servicegateway') throw oci.invalidParameter(`${at}: a SERVICE_CIDR_BLOCK destination can only target a service gateway.`);
    const region = tx.get('oci.Vcn', vcnId)?.fr.region ?? '';
    if (!oracleServices(region).some((s) => s.cidrBlock === destination)) throw oci.invalidParameter(`${at}.destination ${destination} is not a service CIDR label of ${region}.`);
    return type;
  }
  if (kind === 'servicegateway') throw oci.invalidParameter(`${at}: a service gateway can only be the target of a SERVICE_CIDR_BLOCK destination.`);
  checkCidrBlock(destination, 0, 32);
  return type;
}

export function checkRouteRules(tx: Tx, scope: OciScope, vcnId: string, rules: readonly RouteRuleDetails[]): RouteRule[] {
  if (rules.length > MAX_ROUTE_RULES) throw oci.invalidParameter(`The requested route rule count '${rules.length}' is invalid for this request type.`);
  const seen = new Set<string>();
  return rules.map((r, i) => {
    const destination = r.destination ?? r.cidrBlock;
    if (destination === undefined) throw oci.missingParameter(`routeRules[${i}].destination`);
    if (r.routeType === 'LOCAL') throw oci.invalidParameter(`routeRules[${i}].routeType LOCAL cannot be set: local routes are managed by OCI.`);
    if (r.networkEntityId === undefined) throw oci.missingParameter(`routeRules[${i}].networkEntityId`);
    const kind = targetKind(r.networkEntityId);
    const destinationType = checkDestination(tx, vcnId, r, destination, kind, `routeRules[${i}]`);
    if (seen.has(destination)) throw oci.invalidParameter(`routeRules[${i}]: duplicate destination ${destination}.`);
    seen.add(destination);
    checkTarget(tx, scope, vcnId, r.networkEntityId, kind);
    return {
      destination, destinationType, networkEntityId: r.networkEntityId, routeType: 'STATIC',
      // The deprecated cidrBlock alias exists for CIDR destinations only.
      ...(destinationType === 'CIDR_BLOCK' ? { cidrBlock: destination } : {}),
      ...(r.description === undefined ? {} : { description: r.description }),
    };
  });
}

export function createRouteTable(tx: Tx, scope: OciScope, details: CreateRouteTableDetails): RouteTable {
  checkDisplayName(details.displayName);
  const vcn = getRelated(tx, scope, 'oci.Vcn', details.vcnId, 'vcnId');
  const routeRules = checkRouteRules(tx, scope, vcn.id, details.routeRules ?? []);
  const base = newResource(tx, scope, 'routetable', { ...details, compartmentId: details.compartmentId ?? vcn.compartmentId }, 'routetable');
  const rt: RouteTable = { ...base, vcnId: vcn.id, routeRules, lifecycleState: 'PROVISIONING' };
  tx.put('oci.RouteTable', rt);
  scheduleOciReady(tx, 'oci.RouteTable', rt.id);
  return rt;
}

export function updateRouteTable(tx: Tx, scope: OciScope, id: string, details: Omit<CreateRouteTableDetails, 'vcnId' | 'compartmentId'>): RouteTable {
  const rt = getOwned(tx, scope, 'oci.RouteTable', id);
  if (isGone(rt.lifecycleState)) throw oci.incorrectState(`RouteTable ${id} is ${rt.lifecycleState}.`);
  checkDisplayName(details.displayName);
  const rules = details.routeRules === undefined ? undefined : checkRouteRules(tx, scope, rt.vcnId, details.routeRules);
  const updated = tx.update('oci.RouteTable', id, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (rules !== undefined) d.routeRules = rules;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
  // A peered LPG advertises its route table's destinations (transit): its peer sees the change.
  if (rules !== undefined) for (const lpg of tx.children('oci.LocalPeeringGateway', rt.vcnId)) if (lpg.routeTableId === id) refreshPeerAdvertised(tx, lpg);
  return updated;
}

export function deleteRouteTable(tx: Tx, scope: OciScope, id: string): void {
  const rt = getOwned(tx, scope, 'oci.RouteTable', id);
  if (isGone(rt.lifecycleState)) return;
  const vcn = tx.get('oci.Vcn', rt.vcnId);
  if (vcn?.defaultRouteTableId === id && !isGone(vcn.lifecycleState)) throw oci.conflict(`RouteTable ${id} is the default route table of VCN ${vcn.id} and cannot be deleted.`);
  const users = [
    ...tx.children('oci.Subnet', rt.vcnId).filter((s) => s.routeTableId === id && !isGone(s.lifecycleState)).map((s) => s.id),
    ...tx.list('oci.DrgAttachment').filter((a) => a.networkDetails.type === 'VCN' && a.networkDetails.routeTableId === id && !isGone(a.lifecycleState)).map((a) => a.id),
    ...(['oci.InternetGateway', 'oci.NatGateway', 'oci.ServiceGateway', 'oci.LocalPeeringGateway'] as const)
      .flatMap((kind) => tx.children(kind, rt.vcnId).filter((g) => g.routeTableId === id && !isGone(g.lifecycleState)).map((g) => g.id)),
  ];
  if (users.length > 0) throw oci.conflict(`The RouteTable ${id} is used by ${users.join(', ')}. You must remove the reference to proceed with this operation.`);
  ociTerminate(tx, 'oci.RouteTable', id);
}
