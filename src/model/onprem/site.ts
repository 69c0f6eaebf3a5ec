// An on-premises site a lab connects to an ExpressRoute circuit's private peering ("bring your own
// router"): its customer edge announces the site's prefixes to Microsoft's edge with its own ASN.
// FastRoute's own record (no cloud API creates one): routing, traces and the doctor read it; the data
// plane runs the router it names. Decisions and sources: docs/differences.md, "On-premises sites".
import { arm } from '../errors.ts';
import { AZURE_BGP_ASN, ORACLE_BGP_ASN } from '../interconnect/providers.ts';

/** Which BGP daemon plays the site's customer edge in the data plane; `external` = the user runs their own. */
export const ON_PREMISES_ROUTERS = ['frr', 'bird', 'gobgp', 'external'] as const;
export type OnPremisesRouter = (typeof ON_PREMISES_ROUTERS)[number];

export interface OnPremisesSite {
  /** `onprem/<lab>/<name>` */
  id: string;
  name: string;
  /** The lab that declared it (teardown removes it with the lab). */
  lab: string;
  asn: number;
  /** The prefixes the site's router announces, in CIDR notation. */
  prefixes: string[];
  router: OnPremisesRouter;
  /** ARM id of the ExpressRoute circuit whose private peering the site's router peers with. */
  circuitId: string;
  /** The /30 of each of the site's two links to Microsoft's edge: 1st usable = the site's router, 2nd = Microsoft. */
  primaryPeerAddressPrefix: string;
  secondaryPeerAddressPrefix: string;
}

export const onPremisesSiteId = (lab: string, name: string): string => `onprem/${lab}/${name}`;

/**
 * The two ASNs a customer edge cannot take on this circuit besides Azure's reserved ones (checked
 * with the peering's own rules): Microsoft's (12076, the session would be iBGP with the MSEE) and
 * Oracle's (31898, the MSEE could not tell the site from Oracle's edge). FastRoute's decision ([U]:
 * Azure documents no error for them); the error is Azure's PeerAsnReserved.
 */
export function checkSiteAsnNotTaken(asn: number, site: string): void {
  if (asn === AZURE_BGP_ASN) throw arm.badRequest('PeerAsnReserved', `Peer ASN ${asn} of on-premises site ${site} is Microsoft's own ASN (12076): the customer edge needs its own.`);
  if (asn === ORACLE_BGP_ASN) throw arm.badRequest('PeerAsnReserved', `Peer ASN ${asn} of on-premises site ${site} is Oracle's ASN (31898), which Oracle's edge uses on the interconnect.`);
}
