// The clouds' state words folded into the console's five colour classes. `undefined` means the
// resource is gone (TERMINATED, DETACHED) and is left out of the topology.
import type { ProvisioningState } from '../model/azure/common.ts';
import type { ConnectionStatus } from '../model/azure/expressroute.ts';
import type { TopologyState } from './types.ts';

/** OCI lifecycleState of networking resources, instances and attachments. */
export function ociState(lifecycleState: string): TopologyState | undefined {
  switch (lifecycleState) {
    case 'AVAILABLE': case 'ATTACHED': case 'PROVISIONED': case 'RUNNING': case 'ACTIVE': case 'CREATING_IMAGE':
      return 'up';
    case 'PROVISIONING': case 'ATTACHING': case 'UPDATING': case 'CREATING': case 'STARTING': case 'MOVING':
    case 'PENDING_PROVIDER': case 'VERIFYING':
      return 'provisioning';
    case 'TERMINATING': case 'DETACHING': case 'DELETING':
      return 'deleting';
    case 'STOPPING': case 'STOPPED': case 'INACTIVE':
      return 'down';
    case 'TERMINATED': case 'DETACHED': case 'DELETED':
      return undefined;
    default: // FAILED, and any word this table does not know
      return 'failed';
  }
}

/** ARM provisioningState. Canceled (the last operation was cancelled) shows as failed. */
export function armState(provisioningState: ProvisioningState): TopologyState {
  switch (provisioningState) {
    case 'Succeeded': return 'up';
    case 'Creating': case 'Updating': return 'provisioning';
    case 'Deleting': return 'deleting';
    case 'Failed': case 'Canceled': return 'failed';
  }
}

/** An ExpressRoute connection: its ARM state first (deleting, failed), then its connectionStatus. */
export function connectionState(provisioningState: ProvisioningState, status: ConnectionStatus): TopologyState {
  const arm = armState(provisioningState);
  if (arm === 'deleting' || arm === 'failed') return arm;
  switch (status) {
    case 'Connected': return 'up';
    case 'Connecting': case 'Unknown': return 'provisioning';
    case 'NotConnected': return 'down';
  }
}
