// The guest firewall a lab declares on a VM (firewalld, Windows Firewall) as an input chain in the
// VM's own namespace: it filters what arrives at the guest, as the engine's host-firewall hop does
// (security/host-firewall.ts): ICMP iff allowed, TCP/UDP iff no port list or a listed port; replies
// of the guest's own flows pass (guest firewalls track connections).
import type { HostFirewall } from '../model/oci/compute.ts';
import { nftSet } from './nft-match.ts';
import type { PlanChain } from './plan.ts';

export function hostFirewallChain(fw: HostFirewall, vmName: string): PlanChain {
  const tcp: string[] = [];
  const udp: string[] = [];
  let icmp = fw.allowIcmp;
  for (const raw of fw.allowInbound ?? []) {
    const entry = raw.trim().toLowerCase();
    if (entry === 'icmp') icmp = true;
    const match = /^(tcp|udp)\/(\d{1,5}(?:-\d{1,5})?)$/.exec(entry);
    if (match) (match[1] === 'tcp' ? tcp : udp).push(match[2] ?? '');
  }
  const rules = ['iifname "lo" accept', 'ct direction reply accept'];
  if (icmp) rules.push('meta l4proto icmp accept');
  if (fw.allowInbound === undefined) rules.push('meta l4proto { tcp, udp } accept');
  if (tcp.length > 0) rules.push(`tcp dport ${nftSet(tcp)} accept`);
  if (udp.length > 0) rules.push(`udp dport ${nftSet(udp)} accept`);
  rules.push('drop');
  return { name: 'guest', hook: 'input', rules, why: `the guest firewall of ${vmName} (lab: hostFirewall)` };
}
