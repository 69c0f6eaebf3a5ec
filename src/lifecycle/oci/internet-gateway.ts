// Internet gateways: one per VCN, optionally with a route table of the same VCN (ingress routing),
// and not deletable while a route rule targets them.
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { InternetGateway } from '../../model/oci/vcn.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';

export interface CreateInternetGatewayDetails extends CommonDetails {
  vcnId?: string;
  isEnabled?: boolean;
  routeTableId?: string;
}

export type UpdateInternetGatewayDetails = Omit<CreateInternetGatewayDetails, 'vcnId' | 'compartmentId'>;

function checkRouteTable(tx: Tx, scope: OciScope, vcnId: string, routeTableId: string | undefined): void {
  if (routeTableId === undefined) return;
  const rt = getRelated(tx, scope, 'oci.RouteTable', routeTableId, 'routeTableId');
  if (rt.vcnId !== vcnId) throw oci.invalidParameter(`Route table ${routeTableId} belongs to another VCN.`);
}

export function createInternetGateway(tx: Tx, scope: OciScope, details: CreateInternetGatewayDetails): InternetGateway {
  checkDisplayName(details.displayName);
  const vcn = getRelated(tx, scope, 'oci.Vcn', details.vcnId, 'vcnId');
  if (tx.children('oci.InternetGateway', vcn.id).some((g) => !isGone(g.lifecycleState))) throw oci.perVcnLimit(1, 'Internet gateway', vcn.id);
  checkRouteTable(tx, scope, vcn.id, details.routeTableId);
  const base = newResource(tx, scope, 'internetgateway', { ...details, compartmentId: details.compartmentId ?? vcn.compartmentId }, 'igw');
  const igw: InternetGateway = {
    ...base, vcnId: vcn.id, isEnabled: details.isEnabled ?? true, lifecycleState: 'PROVISIONING',
    ...(details.routeTableId === undefined ? {} : { routeTableId: details.routeTableId }),
  };
  tx.put('oci.InternetGateway', igw);
  scheduleOciReady(tx, 'oci.InternetGateway', igw.id);
  return igw;
}

export function updateInternetGateway(tx: Tx, scope: OciScope, id: string, details: UpdateInternetGatewayDetails): InternetGateway {
  const igw = getOwned(tx, scope, 'oci.InternetGateway', id);
  if (isGone(igw.lifecycleState)) throw oci.incorrectState(`InternetGateway ${id} is ${igw.lifecycleState}.`);
  checkDisplayName(details.displayName);
  checkRouteTable(tx, scope, igw.vcnId, details.routeTableId);
  return tx.update('oci.InternetGateway', id, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (details.isEnabled !== undefined) d.isEnabled = details.isEnabled;
    if (details.routeTableId !== undefined) d.routeTableId = details.routeTableId;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
}

export function deleteInternetGateway(tx: Tx, scope: OciScope, id: string): void {
  const igw = getOwned(tx, scope, 'oci.InternetGateway', id);
  if (isGone(igw.lifecycleState)) return;
  const rt = tx.children('oci.RouteTable', igw.vcnId).find((t) => t.routeRules.some((r) => r.networkEntityId === id) && !isGone(t.lifecycleState));
  if (rt) throw oci.conflict(`The InternetGateway ${id} is the target of a rule in route table ${rt.id}. You must remove the reference to proceed with this operation.`);
  ociTerminate(tx, 'oci.InternetGateway', id);
}
