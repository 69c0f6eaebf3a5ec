// The ARM route table: every operation FastRoute serves, in matching order, and the results the
// diagnostics POSTs answer on their Location URL.
import type { ArmOperation } from '../operation.ts';
import { IDENTITY_OPERATIONS } from './identity.ts';
import { SUBSCRIPTION_OPERATIONS } from './subscriptions.ts';
import { RESOURCE_GROUP_OPERATIONS } from './resource-groups.ts';
import { operationStatusOperations } from './operation-status.ts';
import { NETWORK_OPERATIONS } from './virtual-networks.ts';
import { NSG_OPERATIONS } from './security.ts';
import { ROUTE_TABLE_OPERATIONS } from './route-tables.ts';
import { INTERFACE_OPERATIONS, INTERFACE_POST_RESULTS } from './interfaces.ts';
import { NIC_IP_CONFIGURATION_OPERATIONS } from './nic-ip-configurations.ts';
import { WATCHER_OPERATIONS, WATCHER_POST_RESULTS } from './network-watcher.ts';
import { GATEWAY_OPERATIONS, GATEWAY_POST_RESULTS } from './gateways.ts';
import { EXPRESS_ROUTE_OPERATIONS, EXPRESS_ROUTE_POST_RESULTS } from './express-route.ts';
import { CONNECTION_OPERATIONS } from './connections.ts';
import { OPERATIONS_NOT_MODELLED } from './operations-not-modelled.ts';
import { DEPLOYMENT_OPERATIONS } from './deployments.ts';
// Issue 11 (missing ARM resources): peerings, public IPs (network watchers extend WATCHER_OPERATIONS).
import { VNET_PEERING_OPERATIONS } from './vnet-peerings.ts';
import { PUBLIC_IP_OPERATIONS } from './public-ip-addresses.ts';
// Issue 17: Azure Monitor metrics on the ExpressRoute resources.
import { MONITOR_METRICS_OPERATIONS } from './monitor-metrics.ts';

const POST_RESULTS = { ...INTERFACE_POST_RESULTS, ...WATCHER_POST_RESULTS, ...GATEWAY_POST_RESULTS, ...EXPRESS_ROUTE_POST_RESULTS };

export const ARM_OPERATIONS: readonly ArmOperation[] = [
  ...IDENTITY_OPERATIONS,
  ...SUBSCRIPTION_OPERATIONS,
  ...RESOURCE_GROUP_OPERATIONS,
  ...operationStatusOperations(POST_RESULTS),
  ...NETWORK_OPERATIONS,
  ...NSG_OPERATIONS,
  ...ROUTE_TABLE_OPERATIONS,
  ...INTERFACE_OPERATIONS,
  ...NIC_IP_CONFIGURATION_OPERATIONS,
  ...WATCHER_OPERATIONS,
  ...GATEWAY_OPERATIONS,
  ...EXPRESS_ROUTE_OPERATIONS,
  ...CONNECTION_OPERATIONS,
  ...OPERATIONS_NOT_MODELLED,
  ...DEPLOYMENT_OPERATIONS,
  ...VNET_PEERING_OPERATIONS,
  ...PUBLIC_IP_OPERATIONS,
  ...MONITOR_METRICS_OPERATIONS,
];
