// Service gateways: one per VCN (OCI answers a second with 400 InvalidParameter, "The maximum limit
// of 1 for Service gateway per VCN has been exceeded"), enabling Services of the gateway's own region
// (the Oracle Services Network), traffic blocked or not, an optional route table of the same VCN.
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { ServiceGateway, ServiceRef } from '../../model/oci/gateways.ts';
import { oracleServices } from '../../model/oci/services.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { scheduleOciReady } from '../generic.ts';
import { applyNameAndTags, checkGatewayRouteTable, refuseIfGone, refuseOverPerVcnLimit, terminateVcnGateway } from './vcn-gateway.ts';

export const SERVICE_GATEWAYS_PER_VCN = 1;

export interface ServiceIdDetails {
  serviceId?: string;
}

export interface CreateServiceGatewayDetails extends CommonDetails {
  vcnId?: string;
  services?: ServiceIdDetails[];
  routeTableId?: string;
}

export interface UpdateServiceGatewayDetails extends Omit<CreateServiceGatewayDetails, 'vcnId' | 'compartmentId' | 'services'> {
  services?: ServiceIdDetails[];
  blockTraffic?: boolean;
}

/** Each named service must be one of the gateway's region (a service gateway is regional). */
function serviceRefs(region: string, requested: readonly ServiceIdDetails[], field: string): ServiceRef[] {
  const catalogue = oracleServices(region);
  const refs: ServiceRef[] = [];
  requested.forEach((r, i) => {
    if (r.serviceId === undefined || r.serviceId === '') throw oci.missingParameter(`${field}[${i}].serviceId`);
    const service = catalogue.find((s) => s.id === r.serviceId);
    if (!service) throw oci.relatedNotFound('Service', r.serviceId);
    if (!refs.some((x) => x.serviceId === service.id)) refs.push({ serviceId: service.id, serviceName: service.name });
  });
  return refs;
}

export function createServiceGateway(tx: Tx, scope: OciScope, details: CreateServiceGatewayDetails): ServiceGateway {
  checkDisplayName(details.displayName);
  const vcn = getRelated(tx, scope, 'oci.Vcn', details.vcnId, 'vcnId');
  refuseOverPerVcnLimit(tx, 'oci.ServiceGateway', vcn.id, SERVICE_GATEWAYS_PER_VCN, 'Service gateway');
  checkGatewayRouteTable(tx, scope, vcn.id, details.routeTableId);
  const services = serviceRefs(vcn.fr.region, details.services ?? [], 'services');
  const base = newResource(tx, scope, 'servicegateway', { ...details, compartmentId: details.compartmentId ?? vcn.compartmentId }, 'servicegateway');
  const sgw: ServiceGateway = {
    ...base, vcnId: vcn.id, blockTraffic: false, services, lifecycleState: 'PROVISIONING',
    ...(details.routeTableId === undefined ? {} : { routeTableId: details.routeTableId }),
  };
  tx.put('oci.ServiceGateway', sgw);
  scheduleOciReady(tx, 'oci.ServiceGateway', sgw.id);
  return sgw;
}

export function updateServiceGateway(tx: Tx, scope: OciScope, id: string, details: UpdateServiceGatewayDetails): ServiceGateway {
  const sgw = getOwned(tx, scope, 'oci.ServiceGateway', id);
  refuseIfGone('oci.ServiceGateway', sgw);
  checkDisplayName(details.displayName);
  checkGatewayRouteTable(tx, scope, sgw.vcnId, details.routeTableId);
  // Omitted, the list stays; an empty list disables every service (the SDK model's rule).
  const services = details.services === undefined ? undefined : serviceRefs(sgw.fr.region, details.services, 'services');
  return tx.update('oci.ServiceGateway', id, (d) => {
    applyNameAndTags(d, details);
    if (details.blockTraffic !== undefined) d.blockTraffic = details.blockTraffic;
    if (details.routeTableId !== undefined) d.routeTableId = details.routeTableId;
    if (services !== undefined) d.services = services;
  });
}

/** AttachServiceId / DetachServiceId: one service in or out; enabling an enabled one changes nothing. */
export function changeServiceGatewayService(tx: Tx, scope: OciScope, id: string, service: ServiceIdDetails, enable: boolean): ServiceGateway {
  const sgw = getOwned(tx, scope, 'oci.ServiceGateway', id);
  refuseIfGone('oci.ServiceGateway', sgw);
  const [ref] = serviceRefs(sgw.fr.region, [service], enable ? 'attachServiceDetails' : 'detachServiceDetails');
  if (ref === undefined) return sgw;
  const present = sgw.services.some((s) => s.serviceId === ref.serviceId);
  if (present === enable) return sgw;
  return tx.update('oci.ServiceGateway', id, (d) => {
    d.services = enable ? [...d.services, ref] : d.services.filter((s) => s.serviceId !== ref.serviceId);
  });
}

export function deleteServiceGateway(tx: Tx, scope: OciScope, id: string): void {
  terminateVcnGateway(tx, scope, 'oci.ServiceGateway', id);
}
