// The compiler's workbench: adds namespaces, veth links (with link addresses from FastRoute's own
// range), routing tables and their policy rules, so the per-cloud compilers only say what is where.
import type { DataplanePlan, LinkDelay, NamespaceRole, PlanLink, PlanNamespace, PlanRoute } from './plan.ts';
import { ifname, Labels, namespacePrefix } from './names.ts';

/**
 * Links between FastRoute's routers (DRG ⇄ VCN, DRG ⇄ Oracle edge, Microsoft edge ⇄ gateway) get a
 * /30 from 169.254.0.0/16: neither cloud lets a VCN, a VNet or a BGP peering use link-local space,
 * so these never collide with a lab's addresses.
 */
const TRANSIT_BASE = (169 << 24 | 254 << 16) >>> 0;
const TRANSIT_PAIRS = 16384;

const ipOf = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** Sysctls of every namespace: no reverse-path filter (two parallel links make paths asymmetric), no IPv6 chatter. */
const BASE_SYSCTLS: Record<string, string> = {
  'net.ipv4.conf.all.rp_filter': '0',
  'net.ipv4.conf.default.rp_filter': '0',
  'net.ipv6.conf.all.disable_ipv6': '1',
  'net.ipv6.conf.default.disable_ipv6': '1',
};

/**
 * A router forwards. accept_local 1 skips the kernel's reverse lookup of each forwarded packet's
 * source, which it does in full (through every policy rule) as soon as a namespace has rules of its
 * own, to refuse a source that is one of the router's own addresses (rp_filter is off, so that is
 * all it decides). The routers' own addresses are link /30s and reserved gateway addresses no
 * endpoint the engine models ever sends from, so nothing the engine computes changes; the lookup was
 * about 3 % of the CPU a stream through the tutorial's path costs (docs/dataplane.md, Throughput).
 */
export const FORWARDING: Record<string, string> = { 'net.ipv4.ip_forward': '1', 'net.ipv4.conf.all.accept_local': '1' };
/** A router standing for a cloud's virtual network answers ARP for every address it routes (the fabric does). */
export const FABRIC: Record<string, string> = { ...FORWARDING, 'net.ipv4.conf.all.proxy_arp': '1', 'net.ipv4.conf.default.proxy_arp': '1' };

const FIRST_TABLE = 100;
const FIRST_RULE_PRIORITY = 1000;

export interface NamespaceSpec {
  kind: string;
  role: NamespaceRole;
  cloud: PlanNamespace['cloud'];
  resourceId: string;
  resourceName: string;
  sysctls?: Record<string, string>;
}

export class PlanBuilder {
  readonly plan: DataplanePlan;
  private readonly labels = new Labels();
  private transitNext = 0;
  private readonly tables = new Map<string, Map<string, number>>();

  constructor(runId: string) {
    this.plan = { runId, namespaces: [], links: [], notMaterialised: [] };
  }

  namespace(spec: NamespaceSpec): PlanNamespace {
    const label = this.labels.take(spec.kind, spec.resourceName);
    const ns: PlanNamespace = {
      name: `${namespacePrefix(this.plan.runId)}${label}`, label, role: spec.role, cloud: spec.cloud,
      resourceId: spec.resourceId, resourceName: spec.resourceName,
      sysctls: { ...BASE_SYSCTLS, ...spec.sysctls }, addresses: [], rules: [], routes: [],
    };
    this.plan.namespaces.push(ns);
    return ns;
  }

  link(a: PlanNamespace, aDev: string, b: PlanNamespace, bDev: string, kind: PlanLink['kind'], resourceId: string, delay?: LinkDelay): void {
    this.plan.links.push({ a: { ns: a.name, dev: ifname(aDev) }, b: { ns: b.name, dev: ifname(bDev) }, kind, resourceId, ...(delay ? { delay } : {}) });
  }

  /** A router-to-router link with a /30 of its own; returns each end's address. */
  transit(a: PlanNamespace, aDev: string, b: PlanNamespace, bDev: string, resourceId: string): { a: string; b: string } {
    if (this.transitNext >= TRANSIT_PAIRS) throw new Error('the data plane ran out of link addresses (16,384 router links)');
    const base = TRANSIT_BASE + this.transitNext++ * 4;
    const ends = { a: ipOf(base + 1), b: ipOf(base + 2) };
    this.link(a, aDev, b, bDev, 'transit', resourceId);
    a.addresses.push({ dev: aDev, address: `${ends.a}/30` });
    b.addresses.push({ dev: bDev, address: `${ends.b}/30` });
    return ends;
  }

  /** The number of the routing table standing for `key` in `ns` (one per cloud route table used there). */
  table(ns: PlanNamespace, key: string): { id: number; isNew: boolean } {
    let byKey = this.tables.get(ns.name);
    if (!byKey) this.tables.set(ns.name, (byKey = new Map<string, number>()));
    const found = byKey.get(key);
    if (found !== undefined) return { id: found, isNew: false };
    const id = FIRST_TABLE + byKey.size;
    byKey.set(key, id);
    return { id, isNew: true };
  }

  /** Packets entering `ns` by `dev` (from `from`, when given) are routed by `table`. */
  rule(ns: PlanNamespace, dev: string, table: number, why: string, from?: string): void {
    ns.rules.push({ priority: FIRST_RULE_PRIORITY + ns.rules.length, iif: dev, ...(from === undefined ? {} : { from }), table, why });
  }

  route(ns: PlanNamespace, route: PlanRoute): void {
    ns.routes.push(route);
  }

  notMaterialised(resourceId: string, what: string): void {
    if (!this.plan.notMaterialised.some((n) => n.resourceId === resourceId && n.what === what)) this.plan.notMaterialised.push({ resourceId, what });
  }
}

/** A route to one or more next hops, or nothing when there is none. */
export function viaRoute(prefix: string, nexthops: { via: string; dev: string }[], why: string, table?: number): PlanRoute {
  return { prefix, type: 'via', nexthops, why, ...(table === undefined ? {} : { table }) };
}

/** The interface of `ns` with a host route (main table) to `ip`: where a VM holding that address hangs. */
export function hostRouteDev(ns: PlanNamespace, ip: string): string | undefined {
  return ns.routes.find((x) => x.table === undefined && x.type === 'dev' && x.prefix === `${ip}/32`)?.dev;
}
