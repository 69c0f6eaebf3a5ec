// How `up` and `down` count, so the two numbers add up. The lab's resources are what `down`
// deletes one by one (lab/teardown.ts: labResourceKinds); `up` reports the same set once it is up.
// The clouds also make parts and defaults with them (a VCN's default route table, security list and
// DHCP options, a DRG's route tables and rules, VNICs, subnets and peerings inside their parents,
// Azure's NetworkWatcher): those come and go with their parents and are reported apart, by kind.
import { ALL_KINDS, parentOf } from '../model/kinds.ts';
import type { Kind, ReadView } from '../model/world.ts';
import { isGone } from '../lifecycle/oci/scope.ts';

/** Present resources per kind. FastRoute's own records and operation records are not resources. */
export type Census = ReadonlyMap<Kind, number>;

const NOT_RESOURCES: ReadonlySet<Kind> = new Set<Kind>(['oci.WorkRequest', 'azure.Deployment']);

/**
 * Present resources per kind. A part whose parent is gone (a TERMINATED distribution's statements)
 * is gone with it: ALL_KINDS lists parents before their parts, so one pass sees the parent first.
 */
export function census(view: ReadView): Census {
  const out = new Map<Kind, number>();
  const gone = new Set<string>();
  for (const kind of ALL_KINDS) {
    if (kind.startsWith('fr.') || NOT_RESOURCES.has(kind)) continue;
    let n = 0;
    for (const e of view.list(kind) as { id: string; lifecycleState?: string }[]) {
      const parent = parentOf(kind, e);
      if (isGone(e.lifecycleState ?? '') || (parent !== undefined && gone.has(parent))) gone.add(e.id);
      else n++;
    }
    if (n > 0) out.set(kind, n);
  }
  return out;
}

export interface KindCount {
  kind: Kind;
  count: number;
}

/** A lab's resources, and the parts and defaults that came or went with them (by kind, most first). */
export interface LabCount {
  resources: number;
  withThem: KindCount[];
}

/**
 * What the lab added between the smaller census `from` and the larger `to` (up: before → after;
 * down: after → before), split into the lab's resources (`labKinds`, one entry each) and the rest.
 */
export function labCount(from: Census, to: Census, labKinds: readonly Kind[]): LabCount {
  const own = new Map<Kind, number>();
  for (const k of labKinds) own.set(k, (own.get(k) ?? 0) + 1);
  const withThem: KindCount[] = [];
  for (const kind of new Set([...from.keys(), ...to.keys()])) {
    const count = (to.get(kind) ?? 0) - (from.get(kind) ?? 0) - (own.get(kind) ?? 0);
    if (count > 0) withThem.push({ kind, count });
  }
  withThem.sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  return { resources: labKinds.length, withThem };
}
