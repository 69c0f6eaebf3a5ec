// Packet size across the interconnect (sources in docs/findings.md): ExpressRoute carries the standard
// 1,500-byte MTU (TCP/UDP payloads above 1,400 bytes are fragmented), while OCI instances default to
// 9,000 and a virtual circuit may be set to MTU_9000. Oracle's "Hanging Connection" page: path MTU
// discovery must work on both sides, so the security lists must admit ICMP type 3 code 4.
import type { IngressSecurityRule, NsgSecurityRule } from '../../model/oci/security.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { capped, finding, interconnects, vcnName } from '../context.ts';
import { subnetsRoutingToAzure } from './security.ts';
import { cidr, overlaps } from '../../model/cidr.ts';

const ICMP = '1';
const DEST_UNREACHABLE = 3;
const FRAGMENTATION_NEEDED = 4;

function jumboCircuits(r: Routing): Finding[] {
  return interconnects(r).filter((ic) => ic.vc.ipMtu === 'MTU_9000').map((ic) => finding('VC_MTU_ABOVE_EXPRESSROUTE', [ic.vc.id, ic.circuit?.id],
    `Virtual circuit ${ic.vc.displayName} is set to ipMtu MTU_9000, but its far end is ExpressRoute circuit ${ic.circuit?.name ?? '(none)'}, which carries the standard 1,500-byte MTU `
    + '(and fragments TCP/UDP payloads above 1,400 bytes): jumbo packets from OCI are dropped or fragmented at the Microsoft edge, and flows hang wherever path MTU discovery is blocked.',
    `Set ipMtu to MTU_1500 on ${ic.vc.displayName} (UpdateVirtualCircuit; lab: virtualCircuit.mtu: 1500), and keep ICMP type 3 code 4 admitted on both sides so hosts that send 9,000-byte packets learn the path MTU.`));
}

/** Does the rule admit ICMP "fragmentation needed" (type 3 code 4)? */
function admitsFragNeeded(rule: IngressSecurityRule | NsgSecurityRule): boolean {
  if (rule.protocol === 'all') return true;
  if (rule.protocol !== ICMP) return false;
  const o = rule.icmpOptions;
  return o === undefined || (o.type === DEST_UNREACHABLE && (o.code === undefined || o.code === FRAGMENTATION_NEEDED));
}

function pmtudBlocked(r: Routing): Finding[] {
  // Only VCNs Azure can reach: one that is not advertised gets no traffic from Azure at all.
  const advertised = interconnects(r).flatMap((ic) => [...ic.routing.bestToAzure.keys()].map((p) => cidr(p)));
  const out: Finding[] = [];
  for (const { subnet, vcnId, learned, fromAzure, ingress } of subnetsRoutingToAzure(r)) {
    if (!advertised.some((p) => overlaps(p, cidr(subnet.cidrBlock)))) continue;
    const fromAzureRules = ingress.filter((x) => fromAzure(x.source));
    // Admitting nothing from Azure is SECURITY_LIST_NO_OTHER_CLOUD's finding.
    if (fromAzureRules.length === 0 || fromAzureRules.some((x) => admitsFragNeeded(x.rule))) continue;
    const names = subnet.securityListIds.map((id) => r.memo.get('oci.SecurityList', id)?.displayName ?? id);
    out.push(finding('PMTUD_ICMP_BLOCKED', [subnet.id, ...subnet.securityListIds],
      `Subnet ${subnet.displayName} of VCN ${vcnName(r, vcnId)} admits traffic from Azure (${capped(learned.map((p) => p.prefix))}) but no ingress rule of its security lists ${capped(names)} (or of its VNICs' NSGs) admits ICMP type 3 code 4 from there: `
      + 'path MTU discovery across the interconnect cannot work (OCI instances send up to 9,000 bytes, ExpressRoute carries 1,500), so connections that ping fine hang once they send full-size packets.',
      `Add a stateful ingress rule to ${names[0] ?? 'a security list of the subnet'}: source ${learned[0]?.prefix ?? 'the VNet CIDR'}, protocol ICMP, type 3, code 4 (lab: { source: ${learned[0]?.prefix ?? '<VNet CIDR>'}, protocol: icmp, icmpType: 3, icmpCode: 4 }), as OCI's default security list and the tutorial do; `
      + 'let the instances\' guest firewalls admit it too.'));
  }
  return out;
}

export function mtuRules(r: Routing, _lab?: Lab): Finding[] {
  return [...jumboCircuits(r), ...pmtudBlocked(r)];
}
