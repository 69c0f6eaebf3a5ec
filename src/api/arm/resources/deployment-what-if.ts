// What-if's comparison (pure): for each resource of the template, its evaluated body against the
// resource as it exists, in ARM's WhatIfChange shape (azure-rest-api-specs, resources.json,
// Deployments_WhatIf: WhatIfOperationResult / WhatIfChange / WhatIfPropertyChange; see
// docs/differences.md). Only what the template says is compared: properties the service fills in
// (ids, etags, provisioningState, defaults) are not changes, as ARM's what-if filters that noise.
type Json = unknown;

export type ChangeType = 'Create' | 'Delete' | 'Modify' | 'NoChange' | 'Ignore' | 'Deploy' | 'Unsupported';

export interface WhatIfPropertyChange {
  path: string;
  propertyChangeType: 'Create' | 'Delete' | 'Modify' | 'Array' | 'NoEffect';
  before?: Json;
  after?: Json;
  children?: WhatIfPropertyChange[];
}

export interface WhatIfChange {
  resourceId: string;
  changeType: ChangeType;
  before?: Json;
  after?: Json;
  delta?: WhatIfPropertyChange[];
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Locations compare as ARM normalizes them ("West Europe" = "westeurope"); resource ids case-insensitively. */
function sameScalar(key: string, before: Json, after: Json): boolean {
  if (typeof before === 'string' && typeof after === 'string') {
    if (key.toLowerCase() === 'location') return before.replace(/\s/g, '').toLowerCase() === after.replace(/\s/g, '').toLowerCase();
    if (after.startsWith('/subscriptions/')) return before.toLowerCase() === after.toLowerCase();
  }
  return before === after;
}

/**
 * The changes from `before` to what the template asks (`after`), at `path`; empty when none. A
 * null in the template sets nothing (the resource provider reads it as "not given", e.g. from
 * if(…, …, null())), so it changes nothing either.
 */
function diff(path: string, key: string, before: Json, after: Json): WhatIfPropertyChange[] {
  if (after === undefined || after === null) return [];
  if (before === undefined || before === null) return [{ path, propertyChangeType: 'Create', after }];
  if (isObject(after) && isObject(before)) {
    return Object.entries(after).flatMap(([k, v]) => diff(path === '' ? k : `${path}.${k}`, k, before[k], v));
  }
  if (Array.isArray(after) && Array.isArray(before)) {
    const children: WhatIfPropertyChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= after.length) children.push({ path: String(i), propertyChangeType: 'Delete', before: before[i] });
      else if (i >= before.length) children.push({ path: String(i), propertyChangeType: 'Create', after: after[i] });
      else {
        const inner = diff('', key, before[i], after[i]);
        if (inner.length > 0) children.push(isObject(after[i]) ? { path: String(i), propertyChangeType: 'Modify', children: inner } : { path: String(i), propertyChangeType: 'Modify', before: before[i], after: after[i] });
      }
    }
    return children.length === 0 ? [] : [{ path, propertyChangeType: 'Array', children }];
  }
  return sameScalar(key, before, after) ? [] : [{ path, propertyChangeType: 'Modify', before, after }];
}

/** `before` with what the template sets laid over it: the resource as the deployment would leave it. */
function merged(before: Json, after: Json): Json {
  if (!isObject(before) || !isObject(after)) return after;
  const out: Record<string, Json> = { ...before };
  for (const [k, v] of Object.entries(after)) out[k] = merged(before[k], v);
  return out;
}

/** One template resource: Create when absent, otherwise Modify with its delta or NoChange. */
export function resourceChange(resourceId: string, identity: Record<string, string>, body: Json, existing: Json): WhatIfChange {
  const after = merged(existing ?? {}, { ...identity, ...(isObject(body) ? body : {}) });
  if (existing === undefined) return { resourceId, changeType: 'Create', after };
  const delta = diff('', '', existing, body);
  return delta.length === 0 ? { resourceId, changeType: 'NoChange', before: existing, after: existing } : { resourceId, changeType: 'Modify', before: existing, after, delta };
}

/** A resource of the group the template does not name: left alone (Ignore), or deleted in Complete mode. */
export function untouchedChange(resourceId: string, existing: Json, complete: boolean): WhatIfChange {
  return complete ? { resourceId, changeType: 'Delete', before: existing } : { resourceId, changeType: 'Ignore' };
}
