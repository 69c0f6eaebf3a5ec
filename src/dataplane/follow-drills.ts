// How the running data plane follows the engine through a drill, as a diff (no teardown):
// - a link-down drill on a link makes that link drop every frame, silently, at both ends (carrier
//   stays up); stopping it restores the link's qdisc (shaping.ts dropLine / restoreLine);
// - the routes the drill changes in the engine (the edges move traffic to the other link) are
//   replaced in the namespaces whose routes differ: `route replace` for new or changed routes,
//   `route del` for routes gone. Pure: it renders the scripts, service.ts runs them.
import { routeLine } from './batch.ts';
import type { DataplanePlan, PlanNamespace, PlanRoute } from './plan.ts';
import { dropLine, restoreLine } from './shaping.ts';

const INTERCONNECT_KINDS = new Set(['interconnect-primary', 'interconnect-secondary']);

const routeKey = (r: PlanRoute): string => `${r.table ?? 'main'} ${r.prefix}`;

/** The `ip -batch` lines taking a namespace's routes from `before` to `after` (empty: nothing changed). */
export function routeDiffBatch(before: readonly PlanRoute[], after: readonly PlanRoute[]): string {
  const old = new Map(before.map((r) => [routeKey(r), routeLine(r)]));
  const now = new Map(after.map((r) => [routeKey(r), r]));
  const lines: string[] = [];
  for (const r of before) if (!now.has(routeKey(r))) lines.push(`route del ${r.prefix}${r.table === undefined ? '' : ` table ${r.table}`}`);
  // Host (dev) routes first, as at up: a via route may lean on them.
  const ordered = [...now.values()].sort((a, b) => Number(b.type === 'dev') - Number(a.type === 'dev'));
  for (const r of ordered) if (old.get(routeKey(r)) !== routeLine(r)) lines.push(routeLine(r, 'replace'));
  return lines.map((l) => `${l}\n`).join('');
}

/** Per namespace present in both plans under the same name, the route diff (only those that changed). */
export function rerouted(current: DataplanePlan, next: DataplanePlan): { ns: string; batch: string }[] {
  const out: { ns: string; batch: string }[] = [];
  for (const ns of next.namespaces) {
    const was = current.namespaces.find((n) => n.name === ns.name);
    if (!was) continue;
    const batch = routeDiffBatch(was.routes, ns.routes);
    if (batch !== '') out.push({ ns: ns.name, batch });
  }
  return out;
}

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
      lines.push(now ? dropLine(end.dev) : restoreLine(ns, end.dev));
      byNs.set(ns.name, lines);
    }
  }
  return [...byNs].map(([ns, lines]) => ({ ns, batch: lines.map((l) => `${l}\n`).join('') }));
}
