// Trace input and output shapes (the JSON `fastroute trace --json` prints).
import type { ReasonCode } from './reasons.ts';
import type { Asymmetry } from './asymmetry.ts';

export interface TraceRequest {
  /** A VM (OCI instance or Azure VM) by name or id, or an IP address. */
  from: string;
  to: string;
  protocol: 'icmp' | 'tcp' | 'udp';
  /** Destination port (tcp/udp). */
  port?: number;
  /** Source port (tcp/udp); default 49152. */
  sourcePort?: number;
}

export type HopKind =
  | 'vnic-egress' | 'vnic-ingress' | 'vcn-route-table' | 'drg' | 'drg-route-table' | 'vcn-ingress-route-table'
  | 'virtual-circuit' | 'oracle-edge' | 'link' | 'microsoft-edge' | 'er-gateway' | 'fastpath'
  | 'nic-nsg-outbound' | 'nic-nsg-inbound' | 'effective-routes' | 'vnet-peering' | 'appliance' | 'host-firewall' | 'destination'
  | 'internet-gateway' | 'nat-gateway' | 'service-gateway' | 'local-peering-gateway' | 'remote-peering-connection' | 'on-premises';

export interface Hop {
  kind: HopKind;
  cloud: 'oci' | 'azure' | 'interconnect' | 'on-premises';
  /** The resource the decision was made at (OCID, ARM id, or a path name for links and edges). */
  resource: string;
  name?: string;
  decision: 'allow' | 'forward' | 'deliver' | 'drop';
  /** The rule or route that made the decision, in words a user recognises. */
  rule?: string;
  reason: ReasonCode;
  detail?: string;
}

export interface PathResult {
  verdict: 'delivered' | 'dropped';
  reason: ReasonCode;
  hops: Hop[];
}

export interface TraceResult extends PathResult {
  flow: { protocol: string; src: string; dst: string; srcPort?: number; dstPort?: number };
  /** The reply's path (evaluated only when the request was delivered). */
  returnPath?: PathResult;
  /**
   * Stateful appliances (by id) only one direction crosses, when both directions arrive. A ping or
   * UDP flow can survive it (the verdict says); TCP the same way cannot (trace/asymmetry.ts).
   */
  asymmetry?: Asymmetry;
}
