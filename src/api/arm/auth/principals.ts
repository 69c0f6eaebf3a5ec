// Who may call ARM. Default mode: anyone with a bearer token, as the default principal, on every
// subscription. Strict mode: the service principals configured (client id + secret, tenant, the
// subscriptions each may use); one of them may be the managed identity `az login --identity` gets.

export interface ArmPrincipal {
  clientId: string;
  clientSecret?: string;
  tenantId: string;
  /** Subscription ids this principal may use; undefined = all (default mode). */
  subscriptions?: readonly string[];
  managedIdentity?: boolean;
}

export function mayUseSubscription(p: ArmPrincipal, subscriptionId: string): boolean {
  return p.subscriptions === undefined || p.subscriptions.some((s) => s.toLowerCase() === subscriptionId.toLowerCase());
}
