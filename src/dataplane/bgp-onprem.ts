// BGP on the wire for on-premises sites (bring your own router): each site's router peers with its
// circuit's Microsoft edge (MSEE) over the site's two /30s, with the site's ASN, announcing the site's
// prefixes; the MSEE announces it the VNet prefixes of the gateways connected to the circuit, as the
// engine computes them (routing/interconnect/on-premises.ts `toSite`). Pure. The no-transit rule is
// each neighbor's own export list on the MSEE: Oracle's sessions get what they got before (the
// gateways' prefixes, never a site's), a site's sessions get its `toSite` (never OCI's prefixes).
// A site whose router is `external` gets the namespace, its addresses and the MSEE's neighbor
// configuration only: the user runs their own daemon there.
import type { Routing } from '../routing/routing.ts';
import type { BgpEdge, BgpNeighbor, BgpSpeaker } from './bgp-model.ts';
import type { DataplanePlan, PlanNamespace } from './plan.ts';

const hostOn = (ns: PlanNamespace, dev: string): string | undefined => ns.addresses.find((a) => a.dev === dev)?.address.split('/')[0];

/** The edge with the sites linked to its MSEE: their sessions on the MSEE, and their routers. */
export function withSites(r: Routing, plan: DataplanePlan, edge: BgpEdge, msee: PlanNamespace): BgpEdge {
  const sites: BgpSpeaker[] = [];
  const external: BgpEdge['external'] = [];
  const mseeNeighbors: BgpNeighbor[] = [];
  for (const ns of plan.namespaces.filter((n) => n.role === 'on-premises')) {
    const links = plan.links.filter((l) => l.kind === 'on-premises' && l.a.ns === ns.name && l.b.ns === msee.name);
    const site = r.memo.get('fr.OnPremisesSite', ns.resourceId);
    const sr = r.onPremises(ns.resourceId);
    if (!site || !sr || links.length === 0) continue;
    const siteNeighbors: BgpNeighbor[] = [];
    for (const l of links) {
      const path = l.resourceId.endsWith('/secondary') ? 'secondary' : 'primary';
      const siteIp = hostOn(ns, l.a.dev);
      const microsoftIp = hostOn(msee, l.b.dev);
      if (siteIp === undefined || microsoftIp === undefined) continue;
      // Held down by the engine for a reason the wire does not carry (the peering, the prefix limit as the engine counts it).
      const shutdown = sr.down;
      mseeNeighbors.push({ path, dev: l.b.dev, localIp: microsoftIp, peerIp: siteIp, prepend: 0, site: ns.label, peerAsn: site.asn, announce: [...sr.toSite].sort(), ...(shutdown === undefined ? {} : { shutdown }) });
      siteNeighbors.push({ path, dev: l.a.dev, localIp: siteIp, peerIp: microsoftIp, prepend: 0 });
    }
    if (siteNeighbors.length === 0) continue;
    const announce = [...site.prefixes].sort();
    if (site.router === 'external') {
      external.push({ site: site.name, ns: ns.name, asn: site.asn, peerAsn: edge.microsoft.asn, announce, neighbors: siteNeighbors.map((n) => ({ path: n.path, localIp: n.localIp, peerIp: n.peerIp })) });
      continue;
    }
    const m = edge.microsoft;
    // The site's router: no BFD (a customer's choice; the MSEE offers it), the edges' timers.
    sites.push({
      side: 'onprem', daemon: site.router, ns: ns.name, label: ns.label, asn: site.asn, peerAsn: m.asn, routerId: siteNeighbors[0]?.localIp ?? '0.0.0.0',
      announce, neighbors: siteNeighbors, bfd: false, keepalive: m.keepalive, hold: m.hold, connectRetry: m.connectRetry, bfdIntervalMs: m.bfdIntervalMs, bfdMultiplier: m.bfdMultiplier,
    });
  }
  return { ...edge, microsoft: { ...edge.microsoft, neighbors: [...edge.microsoft.neighbors, ...mseeNeighbors] }, sites, external };
}
