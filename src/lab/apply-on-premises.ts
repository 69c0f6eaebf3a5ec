// The lab's on-premises sites: one fr.OnPremisesSite per site, on the ExpressRoute circuit it names
// (created just before by applyInterconnects). The ASN and the link /30s get the checks and errors
// Azure gives a private peering's peer (InvalidPeerAsn, PeerAsnReserved, InvalidAddressPrefixFormat).
import { CloudError } from '../model/errors.ts';
import type { Tx } from '../model/tx.ts';
import { checkSiteAsnNotTaken, onPremisesSiteId } from '../model/onprem/site.ts';
import { checkPeeringFields } from '../lifecycle/azure/circuit-customer-peering.ts';
import type { LabIds } from './names.ts';
import { defaultSitePeering, siteCircuitName, type Lab } from './schema.ts';
import { A } from './apply-azure.ts';

/** Azure's error, with the site named (Azure's own messages name the peering, which a site has not). */
function forSite(site: string, check: () => void): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof CloudError)) throw e;
    throw new CloudError(e.cloud, e.status, e.code, `on-premises site ${site}: ${e.message}`, e.target);
  }
}

export function applyOnPremises(tx: Tx, lab: Lab, ids: LabIds): void {
  lab.onPremises.forEach((site, i) => {
    const peering = site.peering ?? defaultSitePeering(i);
    forSite(site.name, () => {
      checkPeeringFields({ peerASN: site.asn, primaryPeerAddressPrefix: peering.primary, secondaryPeerAddressPrefix: peering.secondary }, `on-premises site ${site.name}`);
    });
    checkSiteAsnNotTaken(site.asn, site.name);
    const circuit = siteCircuitName(lab, site);
    const id = onPremisesSiteId(lab.name, site.name);
    tx.put('fr.OnPremisesSite', {
      id, name: site.name, lab: lab.name, asn: site.asn, prefixes: [...site.prefixes], router: site.router,
      circuitId: ids.get(A.circuit(circuit ?? '')), primaryPeerAddressPrefix: peering.primary, secondaryPeerAddressPrefix: peering.secondary,
    });
    ids.set(`onprem/${site.name}`, id);
  });
}
