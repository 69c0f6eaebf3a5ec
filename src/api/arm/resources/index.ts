// The ARM route table: every operation FastRoute serves, in matching order.
import type { ArmOperation } from '../operation.ts';
import { IDENTITY_OPERATIONS } from './identity.ts';
import { SUBSCRIPTION_OPERATIONS } from './subscriptions.ts';
import { RESOURCE_GROUP_OPERATIONS } from './resource-groups.ts';
import { operationStatusOperations } from './operation-status.ts';
import { NETWORK_OPERATIONS } from './virtual-networks.ts';
import { POST_RESULTS } from './post-results.ts';

export const ARM_OPERATIONS: readonly ArmOperation[] = [
  ...IDENTITY_OPERATIONS,
  ...SUBSCRIPTION_OPERATIONS,
  ...RESOURCE_GROUP_OPERATIONS,
  ...operationStatusOperations(POST_RESULTS),
  ...NETWORK_OPERATIONS,
];
