// The enterprise world for the routing benchmarks: the enterprise lab plus enough security rules to
// reach ~20,000 (100 per VCN security list and per VNet NSG), brought up once on an in-memory engine.
// `scaledRoutingLab(f)` is the same world with f × the VCNs, VNets, subnets (hence f × the prefixes
// the gateway learns) and rules, on the /19-per-network address plan so that 4× fits.
import { LabSchema } from '../src/lab/schema.ts';
import type { Lab } from '../src/lab/schema.ts';
import { ENTERPRISE, enterpriseLabInput, type LabInput } from './enterprise-lab.ts';

export const EXTRA_RULES_PER_LIST = 95;
export const EXTRA_RULES_PER_NSG = 96;

function withExtraRules(input: LabInput): Lab {
  for (const [i, vcn] of (input.oci.vcns ?? []).entries()) {
    for (const sl of vcn.securityLists ?? []) {
      sl.ingress = [...(sl.ingress ?? []), ...Array.from({ length: EXTRA_RULES_PER_LIST }, (_, k) => ({
        source: `192.168.${(i + k) % 256}.0/24`, protocol: 'tcp' as const, ports: String(1000 + k), description: `app ${k}`,
      }))];
    }
  }
  for (const [i, nsg] of (input.azure.nsgs ?? []).entries()) {
    nsg.rules = [...(nsg.rules ?? []), ...Array.from({ length: EXTRA_RULES_PER_NSG }, (_, k) => ({
      name: `app-${k}`, priority: 200 + k * 10, direction: k % 2 === 0 ? 'Inbound' as const : 'Outbound' as const, access: 'Allow' as const,
      protocol: 'Tcp' as const, source: `192.168.${(i + k) % 256}.0/24`, destination: '*', destinationPorts: String(2000 + k),
    }))];
  }
  return LabSchema.parse(input);
}

export function routingLab(): Lab {
  return withExtraRules(enterpriseLabInput());
}

/**
 * The routing world at `factor` × the enterprise size: VCNs, VNets, subnets and rules scale; the 50
 * VMs per cloud stay (the lab's expectations name them), fewer only when there are fewer networks.
 */
export function scaledRoutingLab(factor: number, rules = true): Lab {
  const n = (x: number) => Math.max(1, Math.round(x * factor));
  const input = enterpriseLabInput({
    vcns: n(ENTERPRISE.vcns), vnets: n(ENTERPRISE.vnets), subnetsPerNetwork: ENTERPRISE.subnetsPerNetwork,
    ociInstances: Math.min(ENTERPRISE.ociInstances, n(ENTERPRISE.vcns)), azureVms: Math.min(ENTERPRISE.azureVms, n(ENTERPRISE.vnets)), addressPlan: 'wide',
  });
  return rules ? withExtraRules(input) : LabSchema.parse(input);
}

export function securityRuleCount(lab: Lab): number {
  let n = 0;
  for (const v of lab.oci.vcns) for (const sl of v.securityLists) n += sl.ingress.length + sl.egress.length;
  for (const nsg of lab.azure.nsgs) n += nsg.rules.length + 6;
  return n;
}
