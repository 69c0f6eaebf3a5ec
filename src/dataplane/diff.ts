// What it takes to turn the applied plan into the next one without tearing anything down: the
// namespaces to create and to delete, the veth links to delete and to create, and for each kept
// namespace the `ip` lines that remove what is gone (run with -force: a route that left with its
// link is no error) and the lines that add or replace what is new, plus its firewall when that
// changed (reloaded atomically), and the `tc` lines for qdisc trees that changed (a bandwidth
// change through either cloud's API, a delay, a new device; qdisc-layout.ts). Pure: tested without root.
import { hostRoutesFirst, routeLine, ruleSelector } from './batch.ts';
import type { DataplanePlan, PlanLink, PlanNamespace, PlanRoute } from './plan.ts';
import { endTree, shapedDevices, transitionLines } from './qdisc-layout.ts';

export interface NamespaceChange {
  ns: PlanNamespace;
  /** `ip -force -batch` lines: links, routes, rules and addresses that are gone. */
  remove: string[];
  /** `ip -batch` lines: new links up, addresses, rules, routes (replace). */
  add: string[];
  /** Sysctls that changed (ip_forward when a VNIC starts skipping the source/destination check). */
  sysctls: Record<string, string>;
  firewallChanged: boolean;
  /** `tc -batch` lines: qdiscs replaced (a new rate or delay, a new device) or deleted (no longer shaped); qdisc-layout.ts. */
  qdiscs: string[];
}

export interface PlanDiff {
  create: PlanNamespace[];
  remove: string[];
  /** Links whose two namespaces both stay (the others go with their namespace). */
  linksGone: PlanLink[];
  linksNew: PlanLink[];
  changes: NamespaceChange[];
}

export const linkKey = (l: PlanLink): string => `${l.kind} ${l.a.ns}/${l.a.dev} ${l.b.ns}/${l.b.dev}`;
const routeKey = (r: PlanRoute): string => `${r.table ?? 'main'} ${r.prefix}`;
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const onDev = (r: PlanRoute, devs: ReadonlySet<string>): boolean => (r.dev !== undefined && devs.has(r.dev)) || (r.nexthops ?? []).some((h) => devs.has(h.dev));

/**
 * `held`: devices (`<ns>/<dev>`) a link-down drill cuts now: their qdisc trees are compared cut on
 * both sides (the cut stays; stopping the drill restores the new plan's tree).
 */
export function diffPlans(before: DataplanePlan, after: DataplanePlan, held: ReadonlySet<string> = new Set()): PlanDiff {
  const old = new Map(before.namespaces.map((n) => [n.name, n]));
  const next = new Map(after.namespaces.map((n) => [n.name, n]));
  const create = after.namespaces.filter((n) => !old.has(n.name));
  const remove = before.namespaces.filter((n) => !next.has(n.name)).map((n) => n.name);
  const oldLinks = new Map(before.links.map((l) => [linkKey(l), l]));
  const newLinks = new Map(after.links.map((l) => [linkKey(l), l]));
  const kept = (l: PlanLink): boolean => next.has(l.a.ns) && next.has(l.b.ns) && old.has(l.a.ns) && old.has(l.b.ns);
  const linksGone = before.links.filter((l) => !newLinks.has(linkKey(l)) && kept(l));
  const linksNew = after.links.filter((l) => !oldLinks.has(linkKey(l)));

  const changes: NamespaceChange[] = [];
  for (const ns of after.namespaces) {
    const was = old.get(ns.name);
    if (!was) continue;
    // Devices whose veth is deleted or created anew: whatever the kernel held on them is gone.
    const renewed = new Set<string>();
    for (const l of [...linksGone, ...linksNew]) for (const end of [l.a, l.b]) if (end.ns === ns.name) renewed.add(end.dev);
    const remove: string[] = linksGone.filter((l) => l.a.ns === ns.name).map((l) => `link del dev ${l.a.dev}`);
    const add: string[] = linksNew.flatMap((l) => [l.a, l.b]).filter((e) => e.ns === ns.name).map((e) => `link set dev ${e.dev} up`);

    const oldAddresses = new Set(was.addresses.filter((a) => !renewed.has(a.dev)).map((a) => `${a.address} dev ${a.dev}`));
    const newAddresses = new Set(ns.addresses.map((a) => `${a.address} dev ${a.dev}`));
    const oldRules = new Map(was.rules.map((r) => [`${r.priority}`, `${ruleSelector(r)} lookup ${r.table} priority ${r.priority}`]));
    const newRules = new Map(ns.rules.map((r) => [`${r.priority}`, `${ruleSelector(r)} lookup ${r.table} priority ${r.priority}`]));
    const oldRoutes = new Map(was.routes.filter((r) => !onDev(r, renewed)).map((r) => [routeKey(r), r]));
    const newRoutes = new Map(ns.routes.map((r) => [routeKey(r), r]));

    for (const [key, r] of oldRoutes) if (!newRoutes.has(key)) remove.push(`route del ${r.prefix}${r.table === undefined ? '' : ` table ${r.table}`}`);
    for (const [key, line] of oldRules) if (newRules.get(key) !== line) remove.push(`rule del priority ${key}`);
    for (const a of oldAddresses) if (!newAddresses.has(a)) remove.push(`address del ${a}`);

    for (const a of newAddresses) if (!oldAddresses.has(a)) add.push(`address add ${a}`);
    for (const [key, line] of newRules) if (oldRules.get(key) !== line) add.push(`rule add ${line}`);
    const changedRoutes = [...newRoutes].filter(([key, r]) => !sameJson(stripWhy(oldRoutes.get(key)), stripWhy(r))).map(([, r]) => r);
    for (const r of hostRoutesFirst(changedRoutes)) add.push(routeLine(r, 'replace'));

    const sysctls = Object.fromEntries(Object.entries(ns.sysctls).filter(([k, v]) => was.sysctls[k] !== v));
    const firewallChanged = !sameJson(was.firewall, ns.firewall);
    const qdiscs = qdiscChanges(was, ns, renewed, held);
    if (remove.length > 0 || add.length > 0 || Object.keys(sysctls).length > 0 || firewallChanged || qdiscs.length > 0) changes.push({ ns, remove, add, sysctls, firewallChanged, qdiscs });
  }
  return { create, remove, linksGone, linksNew, changes };
}

/**
 * The qdisc lines of a kept namespace (qdisc-layout.ts): per device, from the tree the old plan gave
 * it to the tree the new one gives it (a renewed device starts from the veth default). A device a
 * drill cuts stays cut on both sides: a new rate under netem reaches its tbf child while netem keeps
 * dropping; a root drop stays, and stopping the drill restores the new plan's tree.
 */
function qdiscChanges(was: PlanNamespace, ns: PlanNamespace, renewed: ReadonlySet<string>, cut: ReadonlySet<string>): string[] {
  const devs = [...new Set([...shapedDevices(was).filter((d) => !renewed.has(d)), ...shapedDevices(ns)])];
  return devs.flatMap((dev) => {
    const isCut = cut.has(`${ns.name}/${dev}`);
    return transitionLines(renewed.has(dev) ? { dev } : endTree(was, dev, isCut), endTree(ns, dev, isCut));
  });
}

/** A route without its explanation: a new reason for the same route changes nothing in the kernel. */
function stripWhy(r: PlanRoute | undefined): Omit<PlanRoute, 'why'> | undefined {
  if (!r) return undefined;
  const { why: _why, ...rest } = r;
  return rest;
}

/** The namespaces of kept routers whose routes the diff changes (what a drill moved). */
export const reroutedNamespaces = (d: PlanDiff): string[] =>
  d.changes.filter((c) => [...c.remove, ...c.add].some((l) => l.startsWith('route '))).map((c) => c.ns.name);

export const isEmptyDiff = (d: PlanDiff): boolean => d.create.length === 0 && d.remove.length === 0 && d.linksGone.length === 0 && d.linksNew.length === 0 && d.changes.length === 0;
