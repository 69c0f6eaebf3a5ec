// The tenancy and subscription FastRoute serves when a request does not say whose it is.
// Fixed ids so scripts and docs can name them.
import type { Tx } from '../model/tx.ts';

export const DEFAULT_TENANCY_ID = 'ocid1.tenancy.oc1..aaaaaaaafastroutedefaulttenancy0000000000000000000000000000';
export const DEFAULT_SUBSCRIPTION_ID = '00000000-0000-4000-8000-00000000fa57';
export const DEFAULT_TENANT_ID = '00000000-0000-4000-8000-0000000ad000';
export const DEFAULT_REGION = 'us-ashburn-1';

export function ensureDefaults(tx: Tx): void {
  if (!tx.get('oci.Tenancy', DEFAULT_TENANCY_ID)) {
    tx.put('oci.Tenancy', { id: DEFAULT_TENANCY_ID, name: 'fastroute', homeRegionKey: 'IAD', fr: { region: DEFAULT_REGION } });
  }
  const subId = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}`;
  if (!tx.get('azure.Subscription', subId)) {
    tx.put('azure.Subscription', {
      id: subId, subscriptionId: DEFAULT_SUBSCRIPTION_ID, tenantId: DEFAULT_TENANT_ID, displayName: 'FastRoute', state: 'Enabled',
    });
  }
}
