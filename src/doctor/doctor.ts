// The doctor: every rule family over the world `r` sees, findings sorted errors first, then
// warnings, then infos, and deterministically within a severity (code, resources, message).
// Pure: rules only read the model through routing (and trace flows), so the same world always gives
// the same report.
import type { Routing } from '../routing/routing.ts';
import type { Lab } from '../lab/types.ts';
import type { DoctorReport, Finding } from './types.ts';
import { SEVERITY_RANK } from './catalogue.ts';
import { overlapRules } from './rules/overlap.ts';
import { bgpRules } from './rules/bgp.ts';
import { provisioningRules } from './rules/provisioning.ts';
import { capacityRules } from './rules/capacity.ts';
import { circuitLinkRules } from './rules/circuit-links.ts';
import { gatewaySubnetRules } from './rules/gateway-subnet.ts';
import { gatewaySubnetConfigRules } from './rules/gateway-subnet-config.ts';
import { fastPathRules } from './rules/fastpath.ts';
import { mtuRules } from './rules/mtu.ts';
import { ociRoutingRules } from './rules/oci-routing.ts';
import { drgRules } from './rules/drg.ts';
import { transitRules } from './rules/transit.ts';
import { onPremisesRules } from './rules/on-premises.ts';
import { azureRoutingRules } from './rules/azure-routing.ts';
import { securityRules } from './rules/security.ts';
import { flowRules } from './rules/flows.ts';
import { costRules, type DoctorTraffic } from './rules/cost.ts';
import { dnsRules } from './rules/dns.ts';

/** `traffic`: the declared flows, for the rules that price them (cost); a lab's own flows otherwise. */
export type Rule = (r: Routing, lab?: Lab, traffic?: DoctorTraffic) => Finding[];

/** Every rule family, in the order a reader would check them. */
export const RULES: readonly { family: string; run: Rule }[] = [
  { family: 'provisioning', run: provisioningRules },
  { family: 'bgp', run: bgpRules },
  { family: 'overlap', run: overlapRules },
  { family: 'capacity', run: capacityRules },
  { family: 'circuit-links', run: circuitLinkRules },
  { family: 'gateway-subnet', run: gatewaySubnetRules },
  { family: 'gateway-subnet-config', run: gatewaySubnetConfigRules },
  { family: 'fastpath', run: fastPathRules },
  { family: 'mtu', run: mtuRules },
  { family: 'oci-routing', run: ociRoutingRules },
  { family: 'drg', run: drgRules },
  { family: 'transit', run: transitRules },
  { family: 'on-premises', run: onPremisesRules },
  { family: 'azure-routing', run: azureRoutingRules },
  { family: 'security', run: securityRules },
  { family: 'flows', run: flowRules },
  { family: 'cost', run: costRules },
  { family: 'dns', run: dnsRules },
];

export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
    || a.code.localeCompare(b.code)
    || a.resources.join('\n').localeCompare(b.resources.join('\n'))
    || a.message.localeCompare(b.message);
}

/**
 * Runs every rule over the world `r` sees. `lab` (optional) enables the rules about its expectations;
 * `traffic` (optional) the declared flows the cost rules price (default: the lab's).
 */
export function runDoctor(r: Routing, lab?: Lab, traffic?: DoctorTraffic): DoctorReport {
  const findings = RULES.flatMap((rule) => rule.run(r, lab, traffic));
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = `${f.code}\n${f.resources.join('\n')}\n${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { findings: unique.sort(compareFindings) };
}
