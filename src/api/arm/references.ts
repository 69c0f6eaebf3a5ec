// Every `{ "id": … }` a PUT body names must be a resource that exists, as ARM checks: a missing one
// in the caller's subscription is 400 InvalidResourceReference ("Resource … referenced by resource …
// was not found"), whichever field names it, modelled or not. A reference to a resource type
// FastRoute does not model (a load balancer, an ExpressRoute Direct port, an IPAM pool…) can never
// exist here, so it is refused by name as not modelled rather than answered as if it were missing.
import { arm } from '../../model/errors.ts';
import type { Kind, ReadView } from '../../model/world.ts';
import { kindOfType } from './resources/deployment-dispatch.ts';
import { featureOfType, notModelled } from './not-modelled.ts';
import { INLINE_CHILDREN, requestedOf } from './passthrough.ts';

interface Found { id: string; path: string }

function refsIn(raw: unknown, path: string, out: Found[] = [], depth = 0): Found[] {
  if (typeof raw !== 'object' || raw === null || depth > 32) return out;
  if (Array.isArray(raw)) {
    raw.forEach((v, i) => refsIn(v, `${path}[${i}]`, out, depth + 1));
    return out;
  }
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'tags') continue;
    const at = path === '' ? k : `${path}.${k}`;
    if (k === 'id' && typeof v === 'string' && path !== '') out.push({ id: v, path: at });
    else refsIn(v, at, out, depth + 1);
  }
  return out;
}

/** The references a body makes, read-only values (ignored by ARM, possibly stale) left out. */
function bodyRefs(kind: Kind, body: unknown): Found[] {
  const own = requestedOf(kind, body);
  const out = refsIn({ ...own.top, properties: own.properties ?? {} }, '');
  const props = (body as { properties?: Record<string, unknown> } | null)?.properties;
  for (const [field, childKind] of INLINE_CHILDREN[kind] ?? []) {
    const list = props?.[field];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      for (const r of bodyRefs(childKind, item)) out.push({ id: r.id, path: `properties.${field}[${i}].${r.path}` });
    });
  }
  return out;
}

function typeOf(id: string): { sub: string; type: string } | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/[^/]+\/providers\/([^/]+)\/(.+)$/i.exec(id);
  if (m === null) return undefined;
  const segments = (m[3] ?? '').split('/');
  if (segments.length % 2 !== 0) return undefined;
  return { sub: m[1] ?? '', type: `${m[2] ?? ''}/${segments.filter((_, i) => i % 2 === 0).join('/')}` };
}

/**
 * Throws ARM's error for the first reference in `body` that is not there (the resource's own ids
 * excepted). References to types FastRoute does not model are named first: they would never exist.
 */
export function checkReferences(view: ReadView, kind: Kind, body: unknown, selfId: string, subscriptionId: string): void {
  const self = selfId.toLowerCase();
  const refs = bodyRefs(kind, body).flatMap((ref) => {
    const lower = ref.id.toLowerCase();
    const parsed = lower === self || lower.startsWith(`${self}/`) ? undefined : typeOf(ref.id);
    return parsed === undefined ? [] : [{ ...ref, ...parsed, kind: kindOfType(parsed.type) }];
  });
  for (const ref of refs) {
    // A part of a modelled resource (a VNet peering, a NIC's ip configuration) is the lifecycle's to check.
    if (ref.kind !== undefined || !ref.type.toLowerCase().startsWith('microsoft.network/') || kindOfType(ref.type.split('/').slice(0, 2).join('/')) !== undefined) continue;
    throw notModelled(featureOfType(ref.type), ref.path.replace(/\.id$/, ''));
  }
  for (const ref of refs) {
    if (ref.kind === undefined || ref.sub.toLowerCase() !== subscriptionId.toLowerCase()) continue;
    if (view.get(ref.kind, ref.id) === undefined) {
      throw arm.badRequest('InvalidResourceReference', `Resource ${ref.id} referenced by resource ${selfId} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`, ref.path);
    }
  }
}
