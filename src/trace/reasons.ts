// The catalogue of trace reason codes: every verdict and every hop decision names one of these.
// docs/reasons.md documents each; a test fails when the doc and this catalogue disagree.

export const REASONS = {
  DELIVERED: 'The packet reached the destination and its guest accepted it.',
  FORWARDED: 'The hop forwarded the packet (the hop says by which route or rule).',
  ALLOWED: 'A security rule allowed the packet at this hop.',
  NO_ROUTE: 'No route matches the destination in the route table used at this hop (OCI drops, Azure has no route).',
  BLACKHOLE: 'The matching route drops the packet (a DRG BLACKHOLE rule, or an Azure route with next hop None).',
  SECURITY_LIST_DENY: 'No OCI security list or NSG rule of the VNIC allows the packet (OCI denies by default).',
  NSG_DENY: 'An Azure network security group rule (NIC or subnet) denies the packet.',
  HOST_FIREWALL_DENY: "The destination VM's guest firewall (declared in the lab) drops the packet.",
  BGP_SESSION_DOWN: 'No BGP session of the interconnect is up, so no route crosses it.',
  NOT_EXPORTED: 'The route exists on one side but is not advertised across the interconnect (export or import distribution, or gateway propagation disabled).',
  NOT_IMPORTED: 'A DRG route table does not import the route (its import distribution does not match the attachment).',
  TRANSIT_NOT_SUPPORTED: 'The path would transit between two virtual circuits, from an on-premises attachment, or between OCI and an on-premises site on an ExpressRoute circuit; OCI and Azure drop it.',
  CIRCUIT_NOT_PROVISIONED: 'The ExpressRoute circuit or the FastConnect virtual circuit is not provisioned.',
  GATEWAY_NOT_CONNECTED: 'The VNet has no ExpressRoute gateway connected to the circuit.',
  ASYMMETRIC_RETURN: 'The request and the reply cross different stateful firewalls: one that sees only the reply (ICMP, TCP) or only the request of TCP drops the flow; on an allowing hop, a ping or UDP flow that survives the asymmetry.',
  SOURCE_DEST_CHECK: 'A VNIC received a packet not addressed to it and does not have skipSourceDestCheck (or an Azure NIC without IP forwarding).',
  UNKNOWN_ENDPOINT: 'The source or destination is not a VM or an address FastRoute knows.',
  LOOP: 'The packet revisited a hop; the path loops.',
  INVALID_ROUTE: 'The only matching route is Invalid (e.g. a UDR pointing at an ExpressRoute gateway).',
} as const;

export type ReasonCode = keyof typeof REASONS;
