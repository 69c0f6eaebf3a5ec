// The topology the web console draws: both clouds' networking resources as nodes, the links and
// attachments between them as edges, each with a live state. Computed by a pure function of the
// world (and the interconnect status), served by GET /fastroute/v1/topology.

/** Colour classes of the console: what a user needs to see at a glance. */
export type TopologyState = 'provisioning' | 'up' | 'down' | 'failed' | 'deleting';

export type TopologyNodeKind =
  | 'oci.Vcn' | 'oci.Subnet' | 'oci.Instance' | 'oci.Drg' | 'oci.VirtualCircuit'
  | 'azure.VirtualNetwork' | 'azure.Subnet' | 'azure.VirtualMachine' | 'azure.VirtualNetworkGateway' | 'azure.ExpressRouteCircuit';

export interface TopologyNode {
  /** The resource's id (OCID or ARM id, ARM ids as created). */
  id: string;
  kind: TopologyNodeKind;
  cloud: 'oci' | 'azure';
  /** Display name (OCI displayName, ARM name). */
  label: string;
  /** The node that contains this one (subnet → VCN/VNet, VM → subnet), for grouping. */
  parent?: string;
  state: TopologyState;
  /** The cloud's own state word(s), e.g. "AVAILABLE", "Succeeded", "PROVISIONED / UP". */
  detail: string;
  cidrs?: string[];
  /** A VM's private IP. */
  ip?: string;
  /** Why it is in its state (failed, down), when the model knows. */
  reason?: string;
}

export type TopologyEdgeKind =
  /** DRG ⇄ VCN attachment. */
  | 'attachment'
  /** ER gateway ⇄ VNet (the gateway lives in its GatewaySubnet). */
  | 'gateway'
  /** One BGP path of the interconnect: virtual circuit ⇄ ExpressRoute circuit. */
  | 'link'
  /** ExpressRoute connection: circuit ⇄ gateway. */
  | 'connection'
  /** Virtual circuit ⇄ its DRG. */
  | 'circuit'
  /** Azure VNet peering (hub ⇄ spoke), one edge per pair of VNets. */
  | 'peering';

/**
 * Edges point from OCI towards Azure, so a left-to-right layout reads VCN → DRG → virtual circuit →
 * ExpressRoute circuit → gateway → VNet: attachment VCN → DRG, circuit DRG → VC, link VC → ER
 * circuit, connection ER circuit → gateway, gateway gateway → VNet, peering hub VNet → spoke VNet.
 * Every edge's `from` and `to` are ids of nodes in the same Topology.
 */
export interface TopologyEdge {
  /** Stable: "<kind>:<from>:<to>[:<path>]". */
  id: string;
  kind: TopologyEdgeKind;
  from: string;
  to: string;
  state: TopologyState;
  /** For links: which BGP session. */
  path?: 'Primary' | 'Secondary';
  label?: string;
  /** The cloud's own state word(s), e.g. "ATTACHED", "Connected", "BGP UP · 10.99.0.1 ⇄ 10.99.0.2". */
  detail?: string;
  /** Why it is down, when the model knows. */
  reason?: string;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}
