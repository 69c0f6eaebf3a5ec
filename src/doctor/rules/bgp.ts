// The two BGP sessions (interconnect-facts §1.5, §1.9): each /30 gives Oracle the 2nd address and
// Azure the 3rd; Azure's private peering takes /30 only; both sessions are needed for redundancy
// (and Microsoft's SLA).
import { formatPrefix, intToIp, nthAddress, parseInterfaceAddress, prefixOf } from '../../model/cidr.ts';
import { evaluateLink } from '../../model/interconnect/bgp-addressing.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { finding, interconnects, listOf } from '../context.ts';

const PATHS = ['primary', 'secondary'] as const;

/** The /30 the user most likely meant, and its two addresses. */
function intended(customer: string | undefined): { block: string; oracle: string; azure: string } | undefined {
  const a = customer === undefined ? undefined : parseInterfaceAddress(customer);
  if (!a) return undefined;
  const block = prefixOf(a.address, 30);
  return { block: formatPrefix(block), oracle: `${intToIp(nthAddress(block, 1))}/30`, azure: `${intToIp(nthAddress(block, 2))}/30` };
}

function addressing(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const ic of interconnects(r)) {
    ic.vc.crossConnectMappings.forEach((m, i) => {
      const path = PATHS[i] ?? `mapping ${i}`;
      const link = evaluateLink(m.customerBgpPeeringIp, m.oracleBgpPeeringIp);
      if (link.problem === undefined) return;
      const want = intended(m.customerBgpPeeringIp);
      const other = ic.routing.sessions.find((s) => s.path !== path);
      const impact = other?.up ? `the ${other.path} session carries everything alone` : 'no session can carry routes';
      out.push(finding('BGP_ADDRESSING_INVALID', [ic.vc.id, ic.circuit?.id],
        `The ${path} BGP session of virtual circuit ${ic.vc.displayName} cannot come up: ${link.problem} `
        + `(customer/Azure ${m.customerBgpPeeringIp ?? 'missing'}, Oracle ${m.oracleBgpPeeringIp ?? 'inferred'}); ${impact}.`,
        want
          ? `Use a /30 per session with the 2nd address for Oracle and the 3rd for Azure ("customer"): for the ${path} session, block ${want.block} → oracleBgpPeeringIp ${want.oracle}, customerBgpPeeringIp ${want.azure} `
            + `(lab: ${path}: { block: ${want.block} }). Recreate the virtual circuit's mapping with those addresses.`
          : `Give the ${path} mapping a customer (Azure) BGP address: the 3rd address of a /30 (lab: ${path}: { block: <a /30> }).`));
    });
  }
  return out;
}

function redundancy(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const ic of interconnects(r)) {
    const s = ic.routing.sessions;
    if (s.length < 2 || ic.routing.down === 'CIRCUIT_NOT_PROVISIONED') continue;
    const up = s.filter((x) => x.up);
    const down = s.filter((x) => !x.up);
    if (up.length === 1) {
      out.push(finding('SINGLE_BGP_SESSION', [ic.vc.id, ic.circuit?.id],
        `Only the ${up[0]?.path ?? ''} BGP session of interconnect ${ic.vc.displayName} is up; ${listOf(down.map((d) => `${d.path}: ${d.reason ?? 'down'}`))}. `
        + 'Every prefix depends on one link: losing it cuts the interconnect, and Microsoft requires both sessions for the ExpressRoute SLA (redundancy NOT_MET_SLA).',
        `Bring the ${listOf(down.map((d) => d.path))} session back up: fix the cause above (addressing, link or drill), so both links carry every prefix.`));
    }
    if (up.length === 0) {
      // Addressing and the prefix limit have their own findings; report what is left.
      const explained = (reason: string | undefined) => reason !== undefined && (reason.startsWith('prefix limit exceeded') || ic.vc.crossConnectMappings.some((m) => evaluateLink(m.customerBgpPeeringIp, m.oracleBgpPeeringIp).problem === reason));
      if (down.every((d) => explained(d.reason))) continue;
      out.push(finding('BGP_SESSIONS_DOWN', [ic.vc.id, ic.circuit?.id],
        `Interconnect ${ic.vc.displayName} is provisioned but no BGP session is up (${listOf(down.map((d) => `${d.path}: ${d.reason ?? 'down'}`))}): no route crosses it.`,
        'Remove the cause named for each session: enable the virtual circuit\'s BGP admin state and the circuit\'s AzurePrivatePeering, stop any link-down or BGP-reset drill, and check the ARP and route-table summaries per device path.'));
    }
  }
  return out;
}

export function bgpRules(r: Routing, _lab?: Lab): Finding[] {
  return [...addressing(r), ...redundancy(r)];
}
