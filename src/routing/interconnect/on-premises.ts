// On-premises sites on an ExpressRoute circuit's private peering (bring your own router): each site's
// customer edge holds two BGP sessions with Microsoft's edge (the MSEEs), announces its prefixes
// with its own ASN as the AS path, and learns the VNet prefixes of the gateways connected to the
// circuit. Microsoft's edge passes the site's prefixes to those gateways only: ExpressRoute is no
// transit router, so what it learns from one customer edge (the site, or Oracle's edge on the
// interconnect) never goes to another, on the same circuit or another one without Global Reach
// (docs/differences.md, "On-premises sites"). The sessions are computed here; the data plane runs
// the daemons the site names.
import { cidr, containsAddress, intToIp, nthAddress, parseCidr } from '../../model/cidr.ts';
import type { OnPremisesSite } from '../../model/onprem/site.ts';
import { AZURE_BGP_ASN, privatePeeringPrefixLimit } from '../../model/interconnect/providers.ts';
import { privatePeeringOf } from '../../lifecycle/interconnect/handshake.ts';
import type { BgpRoute, LinkPath } from '../types.ts';
import type { Routing } from '../routing.ts';

export interface SiteSession {
  path: LinkPath;
  /** The site router's address (1st usable of the link's /30) and Microsoft's (2nd). */
  siteIp: string;
  microsoftIp: string;
  up: boolean;
  /** Routes Microsoft's edge learned from the site on this session (path = the site's ASN). */
  fromSite: BgpRoute[];
}

export interface SiteRouting {
  site: OnPremisesSite;
  /** The circuit as stored (the site keeps the id the lab gave). */
  circuitId: string;
  /** Why the site's sessions are down, when they are. */
  down?: string;
  sessions: SiteSession[];
  /** Gateways connected to the circuit: they learn the site's prefixes with path "12076 <asn>". */
  gatewayIds: string[];
  /** What the site's router learns from Microsoft's edge: the VNet prefixes, path 12076; never OCI's. */
  toSite: string[];
}

const PATHS: readonly LinkPath[] = ['primary', 'secondary'];

function linkAddresses(block: string): { siteIp: string; microsoftIp: string } | undefined {
  const parsed = parseCidr(block);
  if (!parsed.ok || parsed.prefix.length !== 30) return undefined;
  return { siteIp: intToIp(nthAddress(parsed.prefix, 1)), microsoftIp: intToIp(nthAddress(parsed.prefix, 2)) };
}

/** The gateways connected to the circuit with a live connection, as the interconnect on it computes them. */
function circuitGateways(r: Routing, circuitId: string, serviceKey: string): string[] {
  const key = serviceKey.toLowerCase();
  const vc = r.memo.list('oci.VirtualCircuit').find((v) => v.providerServiceKeyName?.toLowerCase() === key && v.lifecycleState === 'PROVISIONED');
  if (!vc) return [];
  const ic = r.interconnect(vc.id);
  return ic.circuitId?.toLowerCase() === circuitId.toLowerCase() ? ic.gatewayIds : [];
}

export function computeSiteRouting(r: Routing, siteId: string): SiteRouting | undefined {
  const site = r.memo.get('fr.OnPremisesSite', siteId);
  if (!site) return undefined;
  const circuit = r.memo.get('azure.ExpressRouteCircuit', site.circuitId);
  const base = { site, circuitId: site.circuitId, sessions: [], gatewayIds: [], toSite: [] };
  if (!circuit || circuit.properties.provisioningState === 'Deleting') return { ...base, down: 'the ExpressRoute circuit no longer exists' };
  if (circuit.properties.serviceProviderProvisioningState !== 'Provisioned') return { ...base, down: `circuit ${circuit.name} is ${circuit.properties.serviceProviderProvisioningState}: its private peering does not exist yet` };
  const peering = privatePeeringOf(r.memo, circuit);
  if (!peering || peering.properties.state !== 'Enabled' || circuit.properties.provisioningState === 'Failed') return { ...base, down: `the private peering of circuit ${circuit.name} is ${peering ? peering.properties.state : 'missing'}` };
  const limit = privatePeeringPrefixLimit(circuit.sku.tier);
  const overLimit = site.prefixes.length > limit;
  const sessions: SiteSession[] = [];
  PATHS.forEach((path) => {
    const link = linkAddresses(path === 'primary' ? site.primaryPeerAddressPrefix : site.secondaryPeerAddressPrefix);
    if (!link) return;
    const fromSite = overLimit ? [] : site.prefixes.map((p): BgpRoute => ({ prefix: p, network: cidr(p), asPath: [site.asn], nextHop: link.siteIp }));
    sessions.push({ path, ...link, up: !overLimit, fromSite });
  });
  const gatewayIds = circuitGateways(r, circuit.id, circuit.properties.serviceKey);
  const toSite = [...new Set(gatewayIds.flatMap((g) => r.gatewayAdvertised(g)))];
  if (overLimit) return { ...base, sessions, gatewayIds, toSite, down: `prefix limit exceeded: the site announces ${site.prefixes.length} prefixes to the ${circuit.sku.tier} private peering (limit ${limit})` };
  return { site, circuitId: site.circuitId, sessions, gatewayIds, toSite };
}

/** The AS path a gateway shows for a site's prefix: Microsoft's edge, then the site. */
export const siteGatewayPath = (site: OnPremisesSite): number[] => [AZURE_BGP_ASN, site.asn];

/** Sites on a circuit (ids compared as ARM compares them, case-insensitively). */
export function sitesOnCircuit(r: Routing, circuitId: string): OnPremisesSite[] {
  const id = circuitId.toLowerCase();
  return r.memo.list('fr.OnPremisesSite').filter((s) => s.circuitId.toLowerCase() === id).sort((a, b) => a.id.localeCompare(b.id));
}

/** The site whose prefixes hold the address (longest match), if any. */
export function siteForAddress(r: Routing, address: number): { site: OnPremisesSite; prefix: string } | undefined {
  let best: { site: OnPremisesSite; prefix: string; length: number } | undefined;
  for (const site of r.memo.list('fr.OnPremisesSite')) {
    for (const p of site.prefixes) {
      const net = cidr(p);
      if (containsAddress(net, address) && (!best || net.length > best.length)) best = { site, prefix: p, length: net.length };
    }
  }
  return best ? { site: best.site, prefix: best.prefix } : undefined;
}
