// On-premises sites on an interconnect's circuit (bring your own router): a site's prefixes must not
// overlap the VCNs and VNets across the circuit, and OCI ⇄ on-premises never works through it, since
// ExpressRoute passes no route from one customer edge (the site, or Oracle's edge) to another
// (docs/differences.md, "On-premises sites"). A lab expecting such a flow delivered gets an error that
// says why; one declaring it dropped gets the same explanation as an info.
import { cidr, overlaps } from '../../model/cidr.ts';
import type { OnPremisesSite } from '../../model/onprem/site.ts';
import type { Routing } from '../../routing/routing.ts';
import { resolveEndpoint } from '../../trace/endpoints.ts';
import type { Lab } from '../../lab/types.ts';
import { traceEndpoint } from '../../lab/services.ts';
import type { Finding } from '../types.ts';
import { finding, interconnects, listOf } from '../context.ts';

const circuitName = (r: Routing, id: string) => r.memo.get('azure.ExpressRouteCircuit', id)?.name ?? id;

interface Space { id: string; what: string; prefixes: string[] }

/** The VCNs and VNets across the site's circuit: the DRG's VCNs and the VNets behind the connected gateways. */
function spacesAcross(r: Routing, site: OnPremisesSite): Space[] {
  const out = new Map<string, Space>();
  for (const ic of interconnects(r)) {
    if (ic.circuit?.id.toLowerCase() !== site.circuitId.toLowerCase()) continue;
    for (const a of ic.vcnAttachments) {
      const vcn = r.memo.get('oci.Vcn', a.networkDetails.id);
      if (vcn) out.set(vcn.id, { id: vcn.id, what: `VCN ${vcn.displayName}`, prefixes: vcn.cidrBlocks });
    }
    for (const v of ic.azureVnetIds) {
      const vnet = r.memo.get('azure.VirtualNetwork', v);
      if (vnet) out.set(vnet.id.toLowerCase(), { id: vnet.id, what: `VNet ${vnet.name}`, prefixes: vnet.properties.addressSpace.addressPrefixes });
    }
  }
  return [...out.values()];
}

function overlapFindings(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const site of r.memo.list('fr.OnPremisesSite')) {
    for (const space of spacesAcross(r, site)) {
      const clashes = site.prefixes.flatMap((p) => space.prefixes.filter((q) => overlaps(cidr(p), cidr(q))).map((q) => `${p} ⇄ ${q}`));
      if (clashes.length === 0) continue;
      const vnet = space.what.startsWith('VNet');
      out.push(finding('ONPREM_PREFIX_OVERLAP', [site.id, space.id, site.circuitId],
        `On-premises site ${site.name} (AS ${site.asn}) announces prefixes that overlap ${space.what} across circuit ${circuitName(r, site.circuitId)}: ${listOf(clashes)}. `
        + (vnet ? 'The VNet\'s own system route wins over the BGP route, so the VNet cannot reach that part of the site, and replies from it stay inside the VNet.'
          : 'The gateway learns the same space from Oracle\'s edge and from the site, so the VNets reach only one of them.'),
        `Renumber the overlapping part, or announce only non-overlapping prefixes from site ${site.name} (onPremises[].prefixes).`));
    }
  }
  return out;
}

function transitFindings(r: Routing, lab: Lab): Finding[] {
  const region = lab.oci.region;
  const out: Finding[] = [];
  for (const e of lab.expectations) {
    const from = resolveEndpoint(r, traceEndpoint(e.from, region));
    const to = resolveEndpoint(r, traceEndpoint(e.to, region));
    const site = from?.cloud === 'onprem' ? from.site : to?.cloud === 'onprem' ? to.site : undefined;
    const oci = from?.cloud === 'oci' ? from : to?.cloud === 'oci' ? to : undefined;
    if (!site || !oci) continue;
    const circuit = circuitName(r, site.circuitId);
    const why = `ExpressRoute is not a transit router: Microsoft's edge passes what on-premises site ${site.name} announces on circuit ${circuit} to the connected VNets only, never to Oracle's edge, and never passes OCI's prefixes to the site; Oracle does not support on-premises ⇄ VCN through the VNet either`;
    const fix = `Connect site ${site.name} to OCI directly (its own FastConnect virtual circuit or an IPSec tunnel on the DRG); keep Azure ⇄ ${site.name} on ExpressRoute and OCI ⇄ Azure on the interconnect.`;
    if (e.expect === 'delivered') {
      out.push(finding('ONPREM_TRANSIT_EXPECTED', [site.id, oci.hostId, site.circuitId], `Expectation ${e.name} (${e.from} → ${e.to}) expects delivered, but OCI ⇄ on-premises cannot cross the interconnect: ${why}.`, fix));
    } else {
      out.push(finding('ONPREM_NO_TRANSIT', [site.id, oci.hostId, site.circuitId], `Expectation ${e.name} (${e.from} → ${e.to}) is dropped with TRANSIT_NOT_SUPPORTED because ${why}.`, fix));
    }
  }
  return out;
}

export function onPremisesRules(r: Routing, lab?: Lab): Finding[] {
  return [...overlapFindings(r), ...(lab ? transitFindings(r, lab) : [])];
}
