// ARM authorises every resource a request body links to, not only the one in the URL: writing a
// peering needs "peer" on the remote VNet, a gateway needs "join" on its public IP and subnet. A
// caller without access to the linked resource's subscription gets 403 LinkedAuthorizationFailed
// (docs/error-code-sources.md). Default mode allows every subscription, so this bites in strict mode.
import { CloudError } from '../../../model/errors.ts';
import type { ArmRequest } from '../operation.ts';
import { mayUseSubscription } from './principals.ts';

export interface LinkedResource {
  /** The resource id the body names (undefined: not named). */
  id: string | undefined;
  /** The action ARM checks on it, e.g. "Microsoft.Network/virtualNetworks/peer/action". */
  action: string;
  /** Reached by redeeming an authorization key, which is the permission: not checked here. */
  viaKey?: boolean;
}

function subscriptionOf(id: string): string | undefined {
  return /^\/subscriptions\/([^/]+)/i.exec(id)?.[1];
}

/** "Microsoft.Network/virtualNetworks/subnets/join/action" for a subnet's id: what joining any resource needs. */
function joinActionOf(id: string): string {
  const m = /\/providers\/([^/]+)\/(.+)$/i.exec(id);
  if (m === null) return 'Microsoft.Resources/subscriptions/resourceGroups/read';
  const types = (m[2] ?? '').split('/').filter((_, i) => i % 2 === 0);
  return `${m[1] ?? ''}/${types.join('/')}/join/action`;
}

/** Every resource id anywhere in a raw body (fields FastRoute does not model included); tags are free text. */
function idsIn(raw: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof raw === 'string') {
    if (/^\/subscriptions\/[^/]+/i.test(raw)) out.push(raw);
  } else if (typeof raw === 'object' && raw !== null && depth < 32) {
    for (const [k, v] of Object.entries(raw)) if (k !== 'tags') idsIn(v, out, depth + 1);
  }
  return out;
}

/**
 * Throws 403 LinkedAuthorizationFailed when the caller may not use a linked resource's subscription:
 * the resources the handler declares (with their actions), and any other id the raw body names,
 * which ARM authorises alike (join on its type) whether or not FastRoute models the field.
 */
export function requireLinkedAccess(req: ArmRequest, action: string, scope: string, declared: readonly LinkedResource[]): void {
  const p = req.principal;
  if (p === undefined) return;
  const known = new Set(declared.flatMap((l) => (l.id === undefined ? [] : [l.id.toLowerCase()])));
  const others = idsIn(req.body).filter((id) => !known.has(id.toLowerCase()) && id.toLowerCase() !== scope.toLowerCase());
  const linked = [...declared.filter((l) => l.viaKey !== true), ...[...new Set(others)].map((id) => ({ id, action: joinActionOf(id) }))];
  const denied = linked.filter((l) => {
    const sub = l.id === undefined ? undefined : subscriptionOf(l.id);
    return sub !== undefined && !mayUseSubscription(p, sub);
  });
  if (denied.length === 0) return;
  // ARM names one action when every linked scope needs the same one, else the list "(respectively)".
  const actions = [...new Set(denied.map((d) => d.action))];
  const needs = actions.length === 1 ? `action '${actions[0] ?? ''}'` : `action(s) '${denied.map((d) => d.action).join(',')}'`;
  throw new CloudError('azure', 403, 'LinkedAuthorizationFailed',
    `The client '${p.clientId}' with object id '${p.clientId}' has permission to perform action '${action}' on scope '${scope}'; however, it does not have permission to perform ${needs} on the linked scope(s) '${denied.map((d) => d.id ?? '').join(',')}'${actions.length === 1 ? '' : ' (respectively)'} or the linked scope(s) are invalid.`);
}

/** The id a body's sub-resource reference names ({ id } or null/absent), for a LinkedResource. */
export function refId(ref: unknown): string | undefined {
  const id = (ref as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
