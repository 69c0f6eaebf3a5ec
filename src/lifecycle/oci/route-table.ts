// VCN route tables. Rules are replaced as a whole on update, as in OCI; every target must exist
// and be usable from this VCN (a DRG must be attached to it, a private IP must forward).
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { RouteRule, RouteTable } from '../../model/oci/route-table.ts';
import { checkCidrBlock, checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';
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

function checkTarget(tx: Tx, scope: OciScope, vcnId: string, target: string): void {
  if (target.startsWith('ocid1.drg.')) {
    getRelated(tx, scope, 'oci.Drg', target, 'networkEntityId');
    const attached = tx.children('oci.DrgAttachment', target).some((a) => a.networkDetails.type === 'VCN' && a.networkDetails.id === vcnId && !isGone(a.lifecycleState));
    if (!attached) throw oci.invalidParameter(`Route rule target ${target} is not a DRG attached to VCN ${vcnId}.`);
  } else if (target.startsWith('ocid1.internetgateway.')) {
    const igw = getRelated(tx, scope, 'oci.InternetGateway', target, 'networkEntityId');
    if (igw.vcnId !== vcnId) throw oci.invalidParameter(`Internet gateway ${target} belongs to another VCN.`);
  } else if (target.startsWith('ocid1.privateip.')) {
    const ip = getRelated(tx, scope, 'oci.PrivateIp', target, 'networkEntityId');
    const subnet = tx.get('oci.Subnet', ip.subnetId);
    if (subnet?.vcnId !== vcnId) throw oci.invalidParameter(`Private IP ${target} is not in VCN ${vcnId}.`);
    const vnic = tx.get('oci.Vnic', ip.vnicId);
    if (!vnic?.skipSourceDestCheck) throw oci.invalidParameter(`Private IP ${target} cannot be a route target: its VNIC ${ip.vnicId} does not have skipSourceDestCheck enabled.`);
  } else {
    throw oci.invalidParameter(`Route rule target ${target} is not supported: FastRoute routes to DRGs, internet gateways and private IPs.`);
  }
}

export function checkRouteRules(tx: Tx, scope: OciScope, vcnId: string, rules: readonly RouteRuleDetails[]): RouteRule[] {
  if (rules.length > MAX_ROUTE_RULES) throw oci.invalidParameter(`The requested route rule count '${rules.length}' is invalid for this request type.`);
  const seen = new Set<string>();
  return rules.map((r, i) => {
    const destination = r.destination ?? r.cidrBlock;
    if (destination === undefined) throw oci.missingParameter(`routeRules[${i}].destination`);
    if (r.routeType === 'LOCAL') throw oci.invalidParameter(`routeRules[${i}].routeType LOCAL cannot be set: local routes are managed by OCI.`);
    if ((r.destinationType ?? 'CIDR_BLOCK') !== 'CIDR_BLOCK') throw oci.invalidParameter(`routeRules[${i}].destinationType SERVICE_CIDR_BLOCK is not supported by FastRoute.`);
    checkCidrBlock(destination, 0, 32);
    if (seen.has(destination)) throw oci.invalidParameter(`routeRules[${i}]: duplicate destination ${destination}.`);
    seen.add(destination);
    if (r.networkEntityId === undefined) throw oci.missingParameter(`routeRules[${i}].networkEntityId`);
    checkTarget(tx, scope, vcnId, r.networkEntityId);
    return {
      destination, destinationType: 'CIDR_BLOCK', networkEntityId: r.networkEntityId, routeType: 'STATIC', cidrBlock: destination,
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
  return tx.update('oci.RouteTable', id, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (rules !== undefined) d.routeRules = rules;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
}

export function deleteRouteTable(tx: Tx, scope: OciScope, id: string): void {
  const rt = getOwned(tx, scope, 'oci.RouteTable', id);
  if (isGone(rt.lifecycleState)) return;
  const vcn = tx.get('oci.Vcn', rt.vcnId);
  if (vcn?.defaultRouteTableId === id && !isGone(vcn.lifecycleState)) throw oci.conflict(`RouteTable ${id} is the default route table of VCN ${vcn.id} and cannot be deleted.`);
  const users = [
    ...tx.children('oci.Subnet', rt.vcnId).filter((s) => s.routeTableId === id && !isGone(s.lifecycleState)).map((s) => s.id),
    ...tx.list('oci.DrgAttachment').filter((a) => a.networkDetails.type === 'VCN' && a.networkDetails.routeTableId === id && !isGone(a.lifecycleState)).map((a) => a.id),
    ...tx.children('oci.InternetGateway', rt.vcnId).filter((g) => g.routeTableId === id && !isGone(g.lifecycleState)).map((g) => g.id),
  ];
  if (users.length > 0) throw oci.conflict(`The RouteTable ${id} is used by ${users.join(', ')}. You must remove the reference to proceed with this operation.`);
  ociTerminate(tx, 'oci.RouteTable', id);
}
