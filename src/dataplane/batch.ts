// The plan as `ip -batch` text: one batch in the root namespace creates every namespace, another
// every veth pair (each end created directly inside its namespace, so nothing ever appears in the
// root namespace), then one batch per namespace sets its links up and installs its addresses,
// policy rules and routes. Never one process per route. Pure text, so it is tested without root.
import type { DataplanePlan, PlanLink, PlanNamespace, PlanRoute, PlanRule } from './plan.ts';

export function namespacesBatch(plan: DataplanePlan): string {
  return plan.namespaces.map((ns) => `netns add ${ns.name}\n`).join('');
}

/** Every veth pair (`veth`: which links are veth pairs; a userspace link's ends are TAP devices instead). */
export function linksBatch(plan: DataplanePlan, veth: (l: PlanLink) => boolean = () => true): string {
  return plan.links.filter(veth).map((l) => `link add ${l.a.dev} netns ${l.a.ns} type veth peer name ${l.b.dev} netns ${l.b.ns}\n`).join('');
}

/** Deletes namespaces (their interfaces go with them); run with -force so one missing name stops nothing. */
export function deleteBatch(names: readonly string[]): string {
  return names.map((n) => `netns delete ${n}\n`).join('');
}

/** The interfaces of a namespace, from the links that end in it. */
export function devicesOf(plan: DataplanePlan, ns: string): string[] {
  const out: string[] = [];
  for (const l of plan.links) {
    if (l.a.ns === ns) out.push(l.a.dev);
    if (l.b.ns === ns) out.push(l.b.dev);
  }
  return out;
}

/** One route as an `ip` batch line; `replace` installs it whether or not an older one is there (sync). */
export function routeLine(r: PlanRoute, verb: 'add' | 'replace' = 'add'): string {
  const table = r.table === undefined ? '' : ` table ${r.table}`;
  switch (r.type) {
    case 'throw':
    case 'blackhole':
    case 'unreachable':
      return `route ${verb} ${r.type} ${r.prefix}${table}`;
    case 'dev':
      return `route ${verb} ${r.prefix} dev ${r.dev ?? ''}${table}`;
    case 'local':
      return `route ${verb} local ${r.prefix} dev ${r.dev ?? 'lo'}${table}`;
    case 'via': {
      const hops = r.nexthops ?? [];
      const [only] = hops;
      if (hops.length === 1 && only) return `route ${verb} ${r.prefix}${table} via ${only.via} dev ${only.dev} onlink`;
      return `route ${verb} ${r.prefix}${table} ${hops.map((h) => `nexthop via ${h.via} dev ${h.dev} onlink`).join(' ')}`;
    }
  }
}

/** Host (dev) routes first: `via` routes may lean on them. */
export const hostRoutesFirst = (routes: readonly PlanRoute[]): PlanRoute[] => [...routes.filter((r) => r.type === 'dev'), ...routes.filter((r) => r.type !== 'dev')];

/** Everything inside one namespace, for `ip -n NS -batch -`. Host (dev) routes go first: `via` routes may lean on them. */
/** The selector of an `ip rule`: the interface a packet enters by and, when set, its source prefix. */
export function ruleSelector(rule: PlanRule): string {
  return `iif ${rule.iif}${rule.from === undefined ? '' : ` from ${rule.from}`}`;
}

export function namespaceBatch(plan: DataplanePlan, ns: PlanNamespace): string {
  const lines = ['link set lo up', ...devicesOf(plan, ns.name).map((d) => `link set dev ${d} up`)];
  for (const a of ns.addresses) lines.push(`address add ${a.address} dev ${a.dev}`);
  for (const rule of ns.rules) lines.push(`rule add ${ruleSelector(rule)} lookup ${rule.table} priority ${rule.priority}`);
  for (const r of hostRoutesFirst(ns.routes)) lines.push(routeLine(r));
  return `${lines.join('\n')}\n`;
}

/** `sysctl -qw` arguments for a namespace. */
export function sysctlArgs(ns: PlanNamespace): string[] {
  return Object.entries(ns.sysctls).map(([k, v]) => `${k}=${v}`);
}
