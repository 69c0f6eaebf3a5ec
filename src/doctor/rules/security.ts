// Security rules that need no expectation (interconnect-facts §1.4 task 1, §4.1): an OCI subnet that
// routes to Azure must admit something from Azure; Oracle warns that the default security list's
// 0.0.0.0/0 SSH rule also admits the VNet; guest firewalls (firewalld) often drop ICMP.
import { cidr } from '../../model/cidr.ts';
import type { IngressSecurityRule, NsgSecurityRule } from '../../model/oci/security.ts';
import type { Subnet } from '../../model/oci/vcn.ts';
import type { HostFirewall } from '../../model/oci/compute.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { azurePrefixesOfDrg, capped, finding, interconnectedVcns, interconnectedVnets, listOf, vcnName, type LearnedPrefix } from '../context.ts';
import { PrefixIndex } from '../../model/prefix-index.ts';
import { coveringRoute } from './oci-routing.ts';

const SSH = 22;

/** Does this ingress rule admit TCP 22 from anywhere? */
function admitsSshFromAnywhere(rule: IngressSecurityRule): boolean {
  if (rule.source !== '0.0.0.0/0' || rule.sourceType !== 'CIDR_BLOCK') return false;
  if (rule.protocol === 'all') return true;
  if (rule.protocol !== '6') return false;
  const range = rule.tcpOptions?.destinationPortRange;
  return range === undefined || (range.min <= SSH && SSH <= range.max);
}

function defaultListOpen(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const vcnId of [...interconnectedVcns(r).keys()].sort()) {
    const vcn = r.memo.get('oci.Vcn', vcnId);
    const list = vcn === undefined ? undefined : r.memo.get('oci.SecurityList', vcn.defaultSecurityListId);
    if (!vcn || !list) continue;
    const open = list.ingressSecurityRules.map((rule, i) => ({ rule, i })).filter((x) => admitsSshFromAnywhere(x.rule));
    if (open.length === 0) continue;
    const users = r.memo.children('oci.Subnet', vcnId).filter((s) => s.securityListIds.includes(list.id) && s.lifecycleState !== 'TERMINATED');
    if (users.length === 0) continue;
    out.push(finding('DEFAULT_SECLIST_OPEN', [list.id, ...users.map((s) => s.id)],
      `Default security list ${list.displayName} of VCN ${vcn.displayName} admits ${listOf(open.map((x) => `${x.rule.protocol === 'all' ? 'all traffic' : 'TCP 22'} from 0.0.0.0/0 (ingress[${x.i}])`))} `
      + `and subnet${users.length > 1 ? 's' : ''} ${capped(users.map((s) => s.displayName).sort())} use${users.length > 1 ? '' : 's'} it: on an interconnected VCN that also admits SSH from every VNet reachable over the interconnect (Oracle warns about exactly this).`,
      `Scope the rule to the sources that need SSH (e.g. the Azure VNet's CIDR, or a bastion), or take the default list off ${users.length > 1 ? 'these subnets' : 'this subnet'} and use a list whose ingress rules name the other cloud's CIDRs.`));
  }
  return out;
}

/** An ingress rule a subnet's VNICs are subject to: from a security list of the subnet or an NSG of a VNIC. */
export interface SubnetIngressRule {
  source: string | undefined;
  rule: IngressSecurityRule | NsgSecurityRule;
}

export interface SubnetToAzure {
  subnet: Subnet;
  vcnId: string;
  drgId: string;
  /** Prefixes the DRG learned from Azure. */
  learned: LearnedPrefix[];
  /** Does a CIDR source overlap one of them? */
  fromAzure: (source: string | undefined) => boolean;
  /** Every CIDR ingress rule of its security lists and of its VNICs' NSGs. */
  ingress: SubnetIngressRule[];
}

/** Available subnets of interconnected VCNs whose route table sends some Azure prefix to the DRG. */
export function subnetsRoutingToAzure(r: Routing): SubnetToAzure[] {
  return r.memo.compute('doctor', 'subnetsRoutingToAzure', () => {
    const nsgsBySubnet = new Map<string, Set<string>>();
    for (const v of r.memo.list('oci.Vnic')) {
      if (v.lifecycleState === 'TERMINATED' || v.lifecycleState === 'TERMINATING') continue;
      const set = nsgsBySubnet.get(v.subnetId) ?? new Set<string>();
      for (const n of v.nsgIds) set.add(n);
      nsgsBySubnet.set(v.subnetId, set);
    }
    const out: SubnetToAzure[] = [];
    for (const [vcnId, drgId] of [...interconnectedVcns(r)].sort((a, b) => a[0].localeCompare(b[0]))) {
      const learned = azurePrefixesOfDrg(r, drgId);
      if (learned.length === 0) continue;
      const azure = new PrefixIndex<LearnedPrefix>(learned.map((p) => ({ prefix: p.network, value: p })));
      const fromAzure = (source: string | undefined) => source !== undefined && azure.overlaps(cidr(source));
      for (const subnet of r.memo.children('oci.Subnet', vcnId).sort((a, b) => a.displayName.localeCompare(b.displayName))) {
        if (subnet.lifecycleState !== 'AVAILABLE') continue;
        const table = r.vcnTable(subnet.routeTableId);
        if (table === undefined || !learned.some((p) => coveringRoute(table, p.network)?.networkEntityId === drgId)) continue;
        const ingress: SubnetIngressRule[] = [
          ...subnet.securityListIds.flatMap((id) => (r.memo.get('oci.SecurityList', id)?.ingressSecurityRules ?? [])
            .filter((x) => x.sourceType === 'CIDR_BLOCK').map((rule) => ({ source: rule.source, rule }))),
          ...[...(nsgsBySubnet.get(subnet.id) ?? [])].flatMap((id) => r.memo.children('oci.NsgSecurityRule', id)
            .filter((x) => x.direction === 'INGRESS' && x.sourceType === 'CIDR_BLOCK').map((rule) => ({ source: rule.source, rule }))),
        ];
        out.push({ subnet, vcnId, drgId, learned, fromAzure, ingress });
      }
    }
    return out;
  });
}

function noOtherCloud(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const { subnet: s, vcnId, learned, fromAzure, ingress } of subnetsRoutingToAzure(r)) {
    if (ingress.some((x) => fromAzure(x.source))) continue;
    const names = s.securityListIds.map((id) => r.memo.get('oci.SecurityList', id)?.displayName ?? id);
    out.push(finding('SECURITY_LIST_NO_OTHER_CLOUD', [s.id, ...s.securityListIds],
      `Subnet ${s.displayName} of VCN ${vcnName(r, vcnId)} routes to Azure (${capped(learned.map((p) => p.prefix))}) but no ingress rule of its security list${names.length > 1 ? 's' : ''} ${listOf(names)} (or of its VNICs' NSGs) admits any of those prefixes: `
      + 'every flow started from Azure is dropped (OCI denies by default; replies to OCI-initiated flows still pass, as the rules are stateful).',
      `Add ingress rules for the other cloud to ${names[0] ?? 'a security list of the subnet'} (or an NSG of the VNICs): e.g. source ${learned[0]?.prefix ?? 'the VNet CIDR'} ICMP type 8, TCP 22 and TCP 1521, as in the interconnect tutorial's Task 1.`));
  }
  return out;
}

function hostFirewalls(r: Routing): Finding[] {
  const out: Finding[] = [];
  const vcns = interconnectedVcns(r);
  const blocks = (fw: HostFirewall | undefined) => fw !== undefined && !fw.allowIcmp && !(fw.allowInbound ?? []).some((e) => e.trim().toLowerCase() === 'icmp');
  for (const i of r.memo.list('oci.Instance').sort((a, b) => a.displayName.localeCompare(b.displayName))) {
    if (i.lifecycleState === 'TERMINATED' || !blocks(i.fr.hostFirewall)) continue;
    const vnic = r.memo.list('oci.Vnic').find((v) => v.fr.instanceId === i.id && v.isPrimary);
    const vcnId = vnic === undefined ? undefined : r.memo.get('oci.Subnet', vnic.subnetId)?.vcnId;
    if (vcnId === undefined || !vcns.has(vcnId)) continue;
    out.push(finding('HOST_FIREWALL_BLOCKS_ICMP', [i.id],
      `The guest firewall of instance ${i.displayName} (${vnic?.privateIp ?? ''}, VCN ${vcnName(r, vcnId)}) drops ICMP: pings from Azure fail even where security lists and NSGs allow them (firewalld on Oracle images often does this).`,
      `Allow ICMP in the guest: \`sudo firewall-cmd --permanent --add-protocol=icmp && sudo firewall-cmd --reload\` (lab: hostFirewall.allowIcmp: true), or test with TCP instead of ping.`));
  }
  const vnets = interconnectedVnets(r);
  for (const vm of r.memo.list('azure.VirtualMachine').sort((a, b) => a.name.localeCompare(b.name))) {
    if (!blocks(vm.fr.hostFirewall)) continue;
    const nicId = vm.properties.networkProfile.networkInterfaces[0]?.id;
    const nic = nicId === undefined ? undefined : r.memo.get('azure.NetworkInterface', nicId);
    const subnetId = nic?.properties.ipConfigurations[0]?.properties.subnet.id;
    const vnetId = subnetId === undefined ? undefined : r.memo.get('azure.Subnet', subnetId)?.fr.parentId;
    if (vnetId === undefined || !vnets.has(vnetId.toLowerCase())) continue;
    out.push(finding('HOST_FIREWALL_BLOCKS_ICMP', [vm.id],
      `The guest firewall of VM ${vm.name} (${nic?.properties.ipConfigurations[0]?.properties.privateIPAddress ?? ''}) drops ICMP: pings from OCI fail even where the NSGs allow them.`,
      'Allow inbound ICMPv4 echo in the guest firewall (Windows: "File and Printer Sharing (Echo Request - ICMPv4-In)"; Linux: firewalld/ufw) (lab: hostFirewall.allowIcmp: true), or test with TCP instead of ping.'));
  }
  return out;
}

export function securityRules(r: Routing, _lab?: Lab): Finding[] {
  return [...defaultListOpen(r), ...noOtherCloud(r), ...hostFirewalls(r)];
}
