// On-premises sites in a trace: a packet from a VNet to a site's prefix leaves through the
// ExpressRoute gateway to Microsoft's edge and the site's router (delivered at the site); a packet
// from a site goes by what its router learned from Microsoft's edge, the VNet prefixes only. OCI and
// a site never reach each other: ExpressRoute does not pass routes between customer edges (Oracle's
// edge is one), so neither learns the other's prefixes (docs/differences.md, "On-premises sites").
import { cidr, containsAddress, intToIp } from '../model/cidr.ts';
import type { OnPremisesSite } from '../model/onprem/site.ts';
import { siteForAddress, type SiteRouting } from '../routing/interconnect/on-premises.ts';
import type { Routing } from '../routing/routing.ts';
import type { LinkPath } from '../routing/types.ts';
import type { Walk } from './walk.ts';
import { fromGateway } from './azure-steps.ts';
import { passHop } from './hops.ts';

const circuitName = (r: Routing, id: string) => r.memo.get('azure.ExpressRouteCircuit', id)?.name ?? id;

/** Why an on-premises address is out of OCI's reach, for drops on the OCI side. */
export function onPremisesFromOci(r: Routing, address: number): string | undefined {
  const hit = siteForAddress(r, address);
  if (!hit) return undefined;
  const { site, prefix } = hit;
  return `${intToIp(address)} is on-premises site ${site.name} (${prefix}, AS ${site.asn}) on circuit ${circuitName(r, site.circuitId)}: `
    + 'Microsoft\'s edge passes the site\'s routes to the connected VNets only, never to Oracle\'s edge (ExpressRoute is not a transit router), so OCI has no route to it';
}

function pickPath(w: Walk, sr: SiteRouting): { path: LinkPath; siteIp: string; microsoftIp: string } | undefined {
  const up = sr.sessions.filter((s) => s.up);
  return up.length <= 1 ? up[0] : up[w.flowHash % up.length];
}

function siteHop(w: Walk, site: OnPremisesSite, rule?: string): void {
  if (!w.explain) { w.hop(null); return; }
  const hop = passHop('on-premises', 'on-premises', site.id, site.name, `customer edge (AS ${site.asn}, router ${site.router})`);
  w.hop(rule === undefined ? hop : { ...hop, rule });
}

function linkHops(w: Walk, sr: SiteRouting, link: { path: LinkPath; siteIp: string; microsoftIp: string }, toSite: boolean): void {
  if (!w.explain && !w.elements) { w.hop(null); w.hop(null); return; }
  // An element walk keeps both hops bare: placement reads the link and whether Microsoft's edge came first.
  const msee = passHop('microsoft-edge', 'interconnect', `${sr.circuitId}/msee/${link.path}`, `Microsoft edge (AS 12076) ${link.path}`, w.explain ? `private peering of circuit ${circuitName(w.r, sr.circuitId)} (Microsoft's address ${link.microsoftIp})` : undefined);
  const bare = passHop('link', 'interconnect', `${sr.site.id}/${link.path}`, `${link.path} link to ${sr.site.name}`);
  const wire = w.explain ? { ...bare, rule: `${link.path} ${link.siteIp} ⇄ ${link.microsoftIp}` } : bare;
  for (const h of toSite ? [msee, wire] : [wire, msee]) w.hop(h);
}

/** Azure → on-premises: from the gateway (already walked) to Microsoft's edge and the site's router. */
export function crossToOnPremises(w: Walk, siteId: string, prefix: string): void {
  const sr = w.r.onPremises(siteId);
  const link = sr ? pickPath(w, sr) : undefined;
  if (!sr || !link) {
    w.drop({ kind: 'microsoft-edge', cloud: 'interconnect', resource: sr?.circuitId ?? siteId, reason: 'BGP_SESSION_DOWN', detail: `no session with on-premises site ${sr?.site.name ?? siteId} is up${sr?.down === undefined ? '' : `: ${sr.down}`}` });
    return;
  }
  linkHops(w, sr, link, true);
  siteHop(w, sr.site, `${prefix} announced by the site (AS ${sr.site.asn})`);
  w.deliver('on-premises', sr.site.id, sr.site.name, w.explain ? `delivered to ${intToIp(w.packet.dst)} at on-premises site ${sr.site.name} (${prefix})` : '');
}

/** On-premises → Azure: the site's router forwards by the VNet prefixes it learned from Microsoft's edge. */
export function fromOnPremises(w: Walk, site: OnPremisesSite): void {
  const sr = w.r.onPremises(site.id);
  const hop = { kind: 'on-premises' as const, cloud: 'on-premises' as const, resource: site.id, name: site.name };
  if (!sr || sr.down !== undefined) {
    w.drop({ ...hop, reason: sr?.down?.startsWith('prefix limit') === true ? 'BGP_SESSION_DOWN' : 'CIRCUIT_NOT_PROVISIONED', detail: sr?.down ?? 'the site no longer exists' });
    return;
  }
  const gatewayId = sr.gatewayIds.find((g) => w.r.gatewayAdvertisedFib(g).lookup(w.packet.dst) !== undefined);
  const link = pickPath(w, sr);
  if (gatewayId === undefined || !link) {
    const inOci = w.r.memo.list('oci.Vcn').some((v) => v.cidrBlocks.some((b) => containsAddress(cidr(b), w.packet.dst)));
    const detail = inOci
      ? `${intToIp(w.packet.dst)} is in OCI: the site's router learns only the VNet prefixes from circuit ${circuitName(w.r, sr.circuitId)}; Microsoft's edge never passes it what Oracle's edge announces (ExpressRoute is not a transit router)`
      : sr.gatewayIds.length === 0 ? `no ExpressRoute gateway is connected to circuit ${circuitName(w.r, sr.circuitId)}, so the site learns no VNet prefix` : `the site's router learned no route for ${intToIp(w.packet.dst)} from Microsoft's edge`;
    w.drop({ ...hop, reason: inOci ? 'TRANSIT_NOT_SUPPORTED' : sr.gatewayIds.length === 0 ? 'GATEWAY_NOT_CONNECTED' : 'NO_ROUTE', detail });
    return;
  }
  const learned = w.r.gatewayAdvertisedFib(gatewayId).lookup(w.packet.dst)?.value ?? '';
  siteHop(w, site, `${learned} learned from Microsoft's edge (path 12076)`);
  linkHops(w, sr, link, false);
  fromGateway(w, gatewayId, sr.circuitId);
}
