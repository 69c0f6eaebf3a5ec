// How the running data plane cuts the links of link-down drills: that link drops every frame,
// silently, at both ends (carrier stays up); stopping the drill restores the link's qdiscs. The
// cut keeps the other qdisc in place (netem's loss under which tbf stays, or a root drop where
// there is no netem; qdisc-layout.ts). The routes a drill moves reach the kernel by the sync's
// diff (diff.ts). Pure: it renders the scripts, service.ts runs them.
import type { DataplanePlan, PlanNamespace } from './plan.ts';
import { endTree, transitionLines } from './qdisc-layout.ts';

const INTERCONNECT_KINDS = new Set(['interconnect-primary', 'interconnect-secondary']);

/** The interconnect links of a plan, keyed `<virtual circuit id>/<primary|secondary>`. */
export const interconnectLinks = (plan: DataplanePlan) => plan.links.filter((l) => INTERCONNECT_KINDS.has(l.kind));

/**
 * `tc -batch` text per namespace for the links whose state changes: dropping (in `down` now, not
 * before) or restored (before, not now). Both ends of each link.
 */
export function linkStateBatches(plan: DataplanePlan, wasDown: ReadonlySet<string>, down: ReadonlySet<string>): { ns: string; batch: string }[] {
  const byNs = new Map<string, string[]>();
  for (const link of interconnectLinks(plan)) {
    const now = down.has(link.resourceId);
    if (now === wasDown.has(link.resourceId)) continue;
    for (const end of [link.a, link.b]) {
      const ns: PlanNamespace | undefined = plan.namespaces.find((n) => n.name === end.ns);
      if (!ns) continue;
      const lines = byNs.get(ns.name) ?? [];
      lines.push(...transitionLines(endTree(ns, end.dev, !now), endTree(ns, end.dev, now)));
      byNs.set(ns.name, lines);
    }
  }
  return [...byNs].map(([ns, lines]) => ({ ns, batch: lines.map((l) => `${l}\n`).join('') }));
}

/** The devices (`<ns>/<dev>`, both ends) of the links a drill cuts: their qdisc trees are the cut ones. */
export function heldDevices(plan: DataplanePlan, down: ReadonlySet<string>): Set<string> {
  return new Set(interconnectLinks(plan).filter((l) => down.has(l.resourceId)).flatMap((l) => [`${l.a.ns}/${l.a.dev}`, `${l.b.ns}/${l.b.dev}`]));
}
