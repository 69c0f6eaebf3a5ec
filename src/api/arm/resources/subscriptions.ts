// Subscriptions and tenants as the CLI reads them at login (`GET /subscriptions`) and the SDKs
// read them: a caller sees only the subscriptions it may use.
import type { Subscription } from '../../../model/azure/common.ts';
import { arm } from '../../../model/errors.ts';
import { mayUseSubscription, type ArmPrincipal } from '../auth/principals.ts';
import { requireSubscriptionAccess } from '../auth/tokens.ts';
import type { ArmOperation } from '../operation.ts';

function present(s: Subscription): Record<string, unknown> {
  return {
    id: s.id, subscriptionId: s.subscriptionId, tenantId: s.tenantId, displayName: s.displayName, state: s.state,
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'FastRoute_2026-01-01', spendingLimit: 'Off' },
    authorizationSource: 'RoleBased', managedByTenants: [],
  };
}

function visible(subs: readonly Subscription[], p: ArmPrincipal | undefined): Subscription[] {
  return subs.filter((s) => p !== undefined && mayUseSubscription(p, s.subscriptionId)).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export const SUBSCRIPTION_OPERATIONS: ArmOperation[] = [
  {
    name: 'subscriptions.list', method: 'GET', path: '/subscriptions',
    async handle(req) {
      return req.engine.read((view) => ({ body: { value: visible(view.list('azure.Subscription'), req.principal).map(present) } }));
    },
  },
  {
    name: 'subscriptions.get', method: 'GET', path: '/subscriptions/{subscriptionId}',
    async handle(req) {
      return req.engine.read((view) => {
        const id = req.params.subscriptionId ?? '';
        const s = view.get('azure.Subscription', `/subscriptions/${id}`);
        if (!s) throw arm.subscriptionNotFound(id);
        if (req.principal) requireSubscriptionAccess(req.principal, id, 'Microsoft.Resources/subscriptions/read');
        return { body: present(s) };
      });
    },
  },
  {
    name: 'tenants.list', method: 'GET', path: '/tenants',
    async handle(req) {
      return req.engine.read((view) => {
        const ids = new Set(visible(view.list('azure.Subscription'), req.principal).map((s) => s.tenantId));
        if (req.principal) ids.add(req.principal.tenantId);
        return { body: { value: [...ids].sort().map((tenantId) => ({ id: `/tenants/${tenantId}`, tenantId, tenantCategory: 'Home', displayName: 'FastRoute', defaultDomain: 'fastroute.local', domains: ['fastroute.local'] })) } };
      });
    },
  },
];
