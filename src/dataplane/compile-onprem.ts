// On-premises sites (bring your own router) as namespaces: each site is one namespace standing for
// its customer edge, linked to Microsoft's edge (the MSEE of its circuit) by its two /30s, primary
// and secondary (1st usable address = the site's router, 2nd = Microsoft's, as the engine's
// peering says). Every address of the site's prefixes is the namespace's own (a `local` route in
// table local: this kernel has no dummy interfaces, and a ping or a listener on any address inside
// answers), so traffic to the site ends there. Routes follow the engine (routing/interconnect/
// on-premises.ts): the MSEE reaches the site's prefixes over its up sessions, the site the VNet
// prefixes it learns, the ExpressRoute gateways connected to the circuit the site's prefixes through
// their link to the MSEE; Oracle's edge never (no transit). With BGP on the wire, the MSEE's and the
// site's routes across the site links are the daemons' (bgp-model.ts), except a GoBGP site's own
// routes, which stay static: gobgpd programs no kernel routes without zebra.
import { armKey } from '../model/ids.ts';
import type { OnPremisesSite } from '../model/onprem/site.ts';
import type { SiteRouting } from '../routing/interconnect/on-premises.ts';
import type { LinkPath } from '../routing/types.ts';
import { FORWARDING, viaRoute } from './builder.ts';
import type { CompileContext } from './compile-context.ts';
import { slug } from './names.ts';
import type { PlanNamespace } from './plan.ts';

/** RT_TABLE_LOCAL: where the kernel looks for a host's own addresses (binding to one needs it there). */
export const LOCAL_TABLE = 255;
/** The site's devices, named as the interconnect's are. */
export const SITE_DEV: Record<LinkPath, string> = { primary: 'pri', secondary: 'sec' };

/** The MSEE's device towards a site's link: the site's name, cut to fit, and the path. */
export function mseeSiteDev(msee: PlanNamespace, site: OnPremisesSite, path: LinkPath): string {
  const base = `${slug(site.name).slice(0, 10).replace(/-+$/, '')}-${path === 'primary' ? 'pri' : 'sec'}`;
  const taken = (dev: string): boolean => msee.addresses.some((a) => a.dev === dev);
  if (!taken(base)) return base;
  for (let n = 2; n < 100; n++) if (!taken(`s${n}-${base}`.slice(0, 15))) return `s${n}-${base}`.slice(0, 15);
  throw new Error(`no device name left on ${msee.name} for site ${site.name}`);
}

export interface CompiledSite {
  site: OnPremisesSite;
  ns: PlanNamespace;
  msee: PlanNamespace;
  /** Per path with a link: the MSEE's device and both addresses. */
  links: { path: LinkPath; mseeDev: string; siteIp: string; microsoftIp: string }[];
}

/**
 * Every site whose circuit has a Microsoft edge in the plan. `bgp`: the interconnect's (and the
 * sites') BGP runs in daemons, so the routes they install are left out of the plan.
 */
export function compileOnPremises(ctx: CompileContext, bgp: boolean): CompiledSite[] {
  const { r, b } = ctx;
  const out: CompiledSite[] = [];
  for (const site of r.memo.list('fr.OnPremisesSite')) {
    const msee = ctx.msees.get(site.circuitId.toLowerCase());
    const sr = r.onPremises(site.id);
    if (!msee || !sr) {
      if (ctx.scope === undefined) b.notMaterialised(site.id, `on-premises site ${site.name}: its circuit has no interconnect in the data plane, so no Microsoft edge to link it to`);
      continue;
    }
    const ns = b.namespace({ kind: 'onprem', role: 'on-premises', cloud: 'on-premises', resourceId: site.id, resourceName: site.name, sysctls: FORWARDING });
    for (const prefix of site.prefixes) b.route(ns, { prefix, type: 'local', table: LOCAL_TABLE, why: `the site's own prefix (AS ${site.asn})` });
    const links: CompiledSite['links'] = [];
    for (const s of sr.sessions) {
      const mseeDev = mseeSiteDev(msee, site, s.path);
      b.link(ns, SITE_DEV[s.path], msee, mseeDev, 'on-premises', `${site.id}/${s.path}`);
      ns.addresses.push({ dev: SITE_DEV[s.path], address: `${s.siteIp}/30` });
      msee.addresses.push({ dev: mseeDev, address: `${s.microsoftIp}/30` });
      links.push({ path: s.path, mseeDev, siteIp: s.siteIp, microsoftIp: s.microsoftIp });
    }
    const compiled = { site, ns, msee, links };
    siteRoutes(ctx, compiled, sr, bgp);
    out.push(compiled);
  }
  return out;
}

function siteRoutes(ctx: CompileContext, c: CompiledSite, sr: SiteRouting, bgp: boolean): void {
  const { b } = ctx;
  const up = c.links.filter((l) => sr.down === undefined && sr.sessions.some((s) => s.path === l.path && s.up));
  if (up.length === 0) return;
  const paths = up.map((l) => l.path).join(', ');
  // The site's router: the VNet prefixes it learns from Microsoft's edge (never OCI's). GoBGP installs nothing itself.
  if (!bgp || c.site.router === 'gobgp') {
    for (const prefix of sr.toSite) b.route(c.ns, viaRoute(prefix, up.map((l) => ({ via: l.microsoftIp, dev: SITE_DEV[l.path] })), `learned from AS 12076 (${paths})`));
  }
  if (!bgp) {
    for (const prefix of c.site.prefixes) b.route(c.msee, viaRoute(prefix, up.map((l) => ({ via: l.siteIp, dev: l.mseeDev })), `learned from on-premises site ${c.site.name} (AS ${c.site.asn}; ${paths})`));
  }
  // The gateways connected to the circuit: through their link to the MSEE (static: gateways run no daemon here).
  for (const gatewayId of sr.gatewayIds) {
    const gw = b.plan.namespaces.find((n) => n.role === 'er-gateway' && armKey(n.resourceId) === armKey(gatewayId));
    const link = gw && b.plan.links.find((l) => l.kind === 'transit' && l.a.ns === gw.name && l.b.ns === c.msee.name);
    const via = link && c.msee.addresses.find((a) => a.dev === link.b.dev)?.address.split('/')[0];
    if (!gw || !link || via === undefined) continue;
    for (const prefix of c.site.prefixes) {
      if (gw.routes.some((x) => x.table === undefined && x.prefix === prefix)) continue;
      b.route(gw, viaRoute(prefix, [{ via, dev: link.a.dev }], `learned from circuit ${c.msee.resourceName}: on-premises site ${c.site.name} (12076 ${c.site.asn})`));
    }
  }
}
