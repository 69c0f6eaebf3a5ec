// The contract of the security evaluators (OCI security lists ∪ NSGs, Azure NSGs, guest firewalls).
// Pure: given rules and a packet, say allow/deny and which rule decided.

export type Protocol = 'icmp' | 'tcp' | 'udp';

/** One packet as a security rule sees it, from the point of view of the evaluated VNIC/NIC. */
export interface Packet {
  protocol: Protocol;
  /** Addresses as unsigned 32-bit integers. */
  src: number;
  dst: number;
  srcPort?: number;
  dstPort?: number;
  icmpType?: number;
  icmpCode?: number;
}

export type Direction = 'ingress' | 'egress';

export interface SecurityDecision {
  allowed: boolean;
  /** Machine-readable: which kind of rule decided. */
  reason: 'RULE_ALLOW' | 'RULE_DENY' | 'DEFAULT_DENY' | 'DEFAULT_RULE' | 'NO_FILTER';
  /** The rule that decided, for humans and the trace (e.g. "sl-oci ingress[2]" or "nsg-workload/DenyAllInBound"). */
  rule?: string;
  /** The resource that holds the deciding rule (OCID or ARM id). */
  resource?: string;
  /** OCI: whether the deciding rule is stateless (its reply needs its own rule). Azure NSGs are always stateful. */
  stateless?: boolean;
}
