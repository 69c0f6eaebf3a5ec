// A deciding hop in words, as a diff line shows it: "NSG nsg-workload rule deny-oci-ssh",
// "route table rt-app", "DRG route table drg-main/vcn-table".
import type { Hop, HopKind } from '../trace/types.ts';
import type { Namer } from './names.ts';

const LABELS: Partial<Record<HopKind, string>> = {
  'vnic-egress': 'OCI egress security', 'vnic-ingress': 'OCI ingress security', 'nic-nsg-inbound': 'NSG', 'nic-nsg-outbound': 'NSG',
  'vcn-route-table': 'route table', 'drg-route-table': 'DRG route table', 'vcn-ingress-route-table': 'VCN ingress route table',
  'effective-routes': 'effective routes', 'er-gateway': 'ExpressRoute gateway', 'microsoft-edge': "Microsoft's edge", 'oracle-edge': "Oracle's edge",
  'host-firewall': 'guest firewall', 'virtual-circuit': 'virtual circuit',
};

export function describeHop(hop: Hop, name: Namer): string {
  const label = LABELS[hop.kind] ?? hop.kind.replace(/-/g, ' ');
  const named = name(hop.resource);
  const who = named !== hop.resource || hop.name === undefined ? named : hop.name;
  // Azure names a rule "nsg/rule"; the NSG is already said.
  const rule = hop.rule?.startsWith(`${who}/`) === true ? hop.rule.slice(who.length + 1) : hop.rule;
  return `${label} ${who}${rule === undefined ? '' : ` rule ${rule}`}`;
}
