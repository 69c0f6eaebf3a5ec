// Network Watcher as a resource: at most one per subscription and region (NRP's
// NetworkWatcherCountLimitReached). Azure creates "NetworkWatcher_<region>" in "NetworkWatcherRG" on
// its own when a VNet is created; FastRoute creates nothing the caller did not ask for, and its
// nextHop/ipFlowVerify answer for a watcher that was never created (docs/differences.md).
import { arm } from '../../model/errors.ts';
import { armNetworkId } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { NetworkWatcher } from '../../model/azure/network-watcher.ts';
import { etag, getArm, meta, preparePut, type ArmBody, type AzureScope } from './scope.ts';
import { armDelete, scheduleArmSucceeded } from '../generic.ts';

export type NetworkWatcherBody = ArmBody<Record<string, unknown>>;

export function putNetworkWatcher(tx: Tx, scope: AzureScope, rgName: string, name: string, body: NetworkWatcherBody): NetworkWatcher {
  const existing = tx.get('azure.NetworkWatcher', armNetworkId(scope.subscriptionId, rgName, 'networkWatchers', name));
  const { rg, location } = preparePut(tx, scope, 'Microsoft.Network/networkWatchers', rgName, name, body.location, existing);
  const id = existing?.id ?? armNetworkId(scope.subscriptionId, rg, 'networkWatchers', name);
  const sub = `/subscriptions/${scope.subscriptionId}/`.toLowerCase();
  const other = tx.list('azure.NetworkWatcher').find((w) => w.id.toLowerCase() !== id.toLowerCase() && w.id.toLowerCase().startsWith(sub) && w.location === location && w.properties.provisioningState !== 'Deleting');
  if (other) throw arm.badRequest('NetworkWatcherCountLimitReached', 'Cannot create more than 1 network watchers for this subscription in this region.');
  const watcher: NetworkWatcher = {
    id, name: existing?.name ?? name, type: 'Microsoft.Network/networkWatchers', location, tags: body.tags ?? existing?.tags ?? {}, etag: etag(tx),
    properties: { provisioningState: 'Updating' },
    fr: meta(scope, rg),
  };
  tx.put('azure.NetworkWatcher', watcher);
  scheduleArmSucceeded(tx, 'azure.NetworkWatcher', id);
  return watcher;
}

export function deleteNetworkWatcher(tx: Tx, scope: AzureScope, rgName: string, name: string): void {
  const watcher = getArm(tx, scope, 'azure.NetworkWatcher', rgName, 'networkWatchers', name);
  armDelete(tx, 'azure.NetworkWatcher', watcher.id);
}
