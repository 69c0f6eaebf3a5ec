// An appliance (an OCI instance whose VNIC skips the source/destination check, an Azure VM whose NIC
// forwards IP) is a stateful firewall in the engine: a flow only one direction of crosses it gets the
// verdict its state table gives (ASYMMETRIC_RETURN, trace/asymmetry.ts). In its namespace, the forward chain does what a
// stateful firewall does when it sees one direction only: conntrack marks a reply without its request
// (an echo reply, a SYN-ACK) or a client's ACK whose SYN-ACK went elsewhere as invalid, and it is
// dropped; new TCP must start with a SYN. Strict TCP tracking (nf_conntrack_tcp_loose 0) keeps
// conntrack from picking a connection up mid-stream, which would hide the asymmetry.
import type { PlanChain, PlanNamespace } from './plan.ts';

/** An appliance's sysctls: it forwards, and conntrack picks no TCP connection up mid-stream. */
export const STATEFUL_APPLIANCE: Record<string, string> = { 'net.ipv4.ip_forward': '1', 'net.netfilter.nf_conntrack_tcp_loose': '0' };
/**
 * A VM that does not forward says so explicitly (the kernel's defaults): the sync sets only the
 * sysctls a new plan lists, so a VNIC that stops skipping the source/destination check must list
 * the values that undo the appliance's.
 */
export const PLAIN_HOST: Record<string, string> = { 'net.ipv4.ip_forward': '0', 'net.netfilter.nf_conntrack_tcp_loose': '1' };

/** A VM namespace that forwards (compile-vm.ts) is an appliance, a stateful firewall as the engine treats it. */
export const isAppliance = (ns: PlanNamespace): boolean => ns.role === 'vm' && ns.sysctls['net.ipv4.ip_forward'] === '1';

export function applianceChain(vmName: string): PlanChain {
  return {
    name: 'appliance', hook: 'forward',
    rules: ['ct state invalid drop', 'tcp flags & (fin | syn | rst | ack) != syn ct state new drop'],
    why: `${vmName} forwards as a stateful firewall (the engine's ASYMMETRIC_RETURN): an echo reply or a TCP packet it saw no flow start for is dropped`,
  };
}
