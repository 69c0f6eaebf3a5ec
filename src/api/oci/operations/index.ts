// The OCI route table: every implemented operation, grouped by resource. The server registers
// these and scripts/oci-coverage.ts builds the README's coverage table from them.
import type { OciOperation } from '../operation.ts';
import { VCN_OPERATIONS } from './vcn.ts';
import { SUBNET_OPERATIONS } from './subnet.ts';
import { ROUTE_TABLE_OPERATIONS } from './route-table.ts';
import { SECURITY_LIST_OPERATIONS } from './security-list.ts';
import { NSG_OPERATIONS } from './nsg.ts';
import { INTERNET_GATEWAY_OPERATIONS } from './internet-gateway.ts';
import { DRG_OPERATIONS } from './drg.ts';
import { DRG_ATTACHMENT_OPERATIONS } from './drg-attachment.ts';
import { DRG_ROUTE_TABLE_OPERATIONS } from './drg-route-table.ts';
import { DRG_ROUTE_DISTRIBUTION_OPERATIONS } from './drg-route-distribution.ts';
import { FASTCONNECT_OPERATIONS } from './fastconnect.ts';
import { VIRTUAL_CIRCUIT_OPERATIONS } from './virtual-circuit.ts';
import { COMPUTE_OPERATIONS } from './compute.ts';
import { COMPUTE_CATALOGUE_OPERATIONS } from './compute-catalogue.ts';
import { VNIC_OPERATIONS } from './vnic.ts';
import { PRIVATE_IP_OPERATIONS } from './private-ip.ts';
import { WORK_REQUEST_OPERATIONS } from './work-request.ts';
import { DHCP_OPTIONS_OPERATIONS } from './dhcp-options.ts';
import { CHANGE_COMPARTMENT_OPERATIONS } from './change-compartment.ts';
import { IDENTITY_OPERATIONS } from './identity.ts';
import { COMPARTMENT_OPERATIONS } from './compartment.ts';
import { NAT_GATEWAY_OPERATIONS } from './nat-gateway.ts';
import { SERVICE_GATEWAY_OPERATIONS } from './service-gateway.ts';
import { LOCAL_PEERING_GATEWAY_OPERATIONS } from './local-peering-gateway.ts';
import { REMOTE_PEERING_CONNECTION_OPERATIONS } from './remote-peering-connection.ts';

export const OCI_OPERATIONS: readonly OciOperation[] = [
  ...VCN_OPERATIONS,
  ...SUBNET_OPERATIONS,
  ...ROUTE_TABLE_OPERATIONS,
  ...SECURITY_LIST_OPERATIONS,
  ...NSG_OPERATIONS,
  ...INTERNET_GATEWAY_OPERATIONS,
  ...DRG_OPERATIONS,
  ...DRG_ATTACHMENT_OPERATIONS,
  ...DRG_ROUTE_TABLE_OPERATIONS,
  ...DRG_ROUTE_DISTRIBUTION_OPERATIONS,
  ...FASTCONNECT_OPERATIONS,
  ...VIRTUAL_CIRCUIT_OPERATIONS,
  ...COMPUTE_OPERATIONS,
  ...COMPUTE_CATALOGUE_OPERATIONS,
  ...VNIC_OPERATIONS,
  ...PRIVATE_IP_OPERATIONS,
  ...WORK_REQUEST_OPERATIONS,
  ...DHCP_OPTIONS_OPERATIONS,
  ...CHANGE_COMPARTMENT_OPERATIONS,
  ...IDENTITY_OPERATIONS,
  ...COMPARTMENT_OPERATIONS,
  ...NAT_GATEWAY_OPERATIONS,
  ...SERVICE_GATEWAY_OPERATIONS,
  ...LOCAL_PEERING_GATEWAY_OPERATIONS,
  ...REMOTE_PEERING_CONNECTION_OPERATIONS,
];
