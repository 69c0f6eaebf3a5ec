// Subscriptions exist before anything is put in them: the default one (defaults.ts) and those named
// in the configuration (armPrincipals) or registered through the admin API.
import { arm } from '../../model/errors.ts';
import type { Subscription } from '../../model/azure/common.ts';
import type { Tx } from '../../model/tx.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ensureSubscription(tx: Tx, s: { subscriptionId: string; tenantId: string; displayName?: string }): Subscription {
  if (!GUID.test(s.subscriptionId)) throw arm.badRequest('InvalidSubscriptionId', `The provided subscription identifier '${s.subscriptionId}' is malformed or invalid.`);
  const id = `/subscriptions/${s.subscriptionId.toLowerCase()}`;
  const existing = tx.get('azure.Subscription', id);
  if (existing) return existing;
  return tx.put('azure.Subscription', { id, subscriptionId: s.subscriptionId.toLowerCase(), tenantId: s.tenantId, displayName: s.displayName ?? `FastRoute ${s.subscriptionId.slice(0, 8)}`, state: 'Enabled' });
}
