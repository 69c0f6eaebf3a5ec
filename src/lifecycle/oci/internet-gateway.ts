// Internet gateways: one per VCN, optionally with a route table of the same VCN (ingress routing),
// and not deletable while a route rule targets them.
import type { Tx } from '../../model/tx.ts';
import type { InternetGateway } from '../../model/oci/vcn.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { scheduleOciReady } from '../generic.ts';
import { applyNameAndTags, checkGatewayRouteTable, refuseIfGone, refuseOverPerVcnLimit, terminateVcnGateway } from './vcn-gateway.ts';

export interface CreateInternetGatewayDetails extends CommonDetails {
  vcnId?: string;
  isEnabled?: boolean;
  routeTableId?: string;
}

export type UpdateInternetGatewayDetails = Omit<CreateInternetGatewayDetails, 'vcnId' | 'compartmentId'>;

export function createInternetGateway(tx: Tx, scope: OciScope, details: CreateInternetGatewayDetails): InternetGateway {
  checkDisplayName(details.displayName);
  const vcn = getRelated(tx, scope, 'oci.Vcn', details.vcnId, 'vcnId');
  refuseOverPerVcnLimit(tx, 'oci.InternetGateway', vcn.id, 1, 'Internet gateway');
  checkGatewayRouteTable(tx, scope, vcn.id, details.routeTableId);
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
  refuseIfGone('oci.InternetGateway', igw);
  checkDisplayName(details.displayName);
  checkGatewayRouteTable(tx, scope, igw.vcnId, details.routeTableId);
  return tx.update('oci.InternetGateway', id, (d) => {
    applyNameAndTags(d, details);
    if (details.isEnabled !== undefined) d.isEnabled = details.isEnabled;
    if (details.routeTableId !== undefined) d.routeTableId = details.routeTableId;
  });
}

export function deleteInternetGateway(tx: Tx, scope: OciScope, id: string): void {
  terminateVcnGateway(tx, scope, 'oci.InternetGateway', id);
}
