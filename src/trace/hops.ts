// Hop builders for the hot path: plain object literals (no spreads) in the key order the trace has
// always printed, so `fastroute trace --json` and the API keep their exact shape.
import type { Hop, HopKind } from './types.ts';
import type { Walk } from './walk.ts';

/** A hop that forwarded the packet by a route or rule; `name` and `detail` only when known. */
export function forwardHop(kind: HopKind, cloud: Hop['cloud'], resource: string, name: string | undefined, rule: string, detail?: string): Hop {
  if (name === undefined) {
    return detail === undefined ? { kind, cloud, resource, decision: 'forward', rule, reason: 'FORWARDED' } : { kind, cloud, resource, decision: 'forward', rule, reason: 'FORWARDED', detail };
  }
  return detail === undefined ? { kind, cloud, resource, name, decision: 'forward', rule, reason: 'FORWARDED' } : { kind, cloud, resource, name, decision: 'forward', rule, reason: 'FORWARDED', detail };
}

/** A security check (or guest firewall) that let the packet through. */
export function allowHop(kind: HopKind, cloud: Hop['cloud'], resource: string, name: string, rule: string): Hop {
  return { kind, cloud, resource, name, rule, decision: 'allow', reason: 'ALLOWED' };
}

/** A hop the packet crossed that has no rule to show (edges, circuits, gateways, appliances, peerings). */
export function passHop(kind: HopKind, cloud: Hop['cloud'], resource: string, name: string, detail?: string): Hop {
  return detail === undefined ? { kind, cloud, resource, name, decision: 'forward', reason: 'FORWARDED' } : { kind, cloud, resource, name, decision: 'forward', reason: 'FORWARDED', detail };
}

/**
 * A hop traffic placement loads (an ExpressRoute gateway, an appliance): in full on an explained
 * walk, bare (name, no detail) on an element walk, none on a decide-only walk. Name and detail are
 * built only when needed.
 */
export function elementHop(w: Walk, kind: HopKind, cloud: Hop['cloud'], resource: string, name: () => string, detail: () => string): void {
  w.hop(w.explain ? passHop(kind, cloud, resource, name(), detail()) : w.elements ? passHop(kind, cloud, resource, name()) : null);
}
