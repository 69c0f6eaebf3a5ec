// The catalogue of doctor findings: every rule's code, its severity and a one-line title.
// docs/findings.md documents each code (what it means, how to fix it); test/doctor/catalogue.test.ts
// fails when the two disagree.
import type { Severity } from './types.ts';

export const FINDINGS = {
  // Cross-cloud DNS (docs/dns.md)
  DNS_NO_CONDITIONAL_FORWARDER: { severity: 'error', title: 'A resolver has no conditional forwarder for the other cloud’s private zone' },
  DNS_ENDPOINT_UNREACHABLE: { severity: 'error', title: 'A forwarding rule’s target does not answer: no route, UDP 53 blocked, or no listener' },
  DNS_FORWARDING_LOOP: { severity: 'error', title: 'Forwarders loop: a query comes back to a resolver it crossed' },
  DNS_ZONE_NOT_LINKED: { severity: 'warning', title: 'An Azure private DNS zone is linked to no virtual network' },
  // Addressing
  CIDR_OVERLAP: { severity: 'error', title: 'A VCN CIDR overlaps a VNet address space across the interconnect' },
  BGP_BLOCK_OVERLAP: { severity: 'error', title: 'A BGP peering block overlaps a VCN, a VNet or the other BGP block' },
  BGP_ADDRESSING_INVALID: { severity: 'error', title: 'A BGP session’s addresses break the /30 rule (2nd = Oracle, 3rd = Azure)' },
  // Provisioning and the link
  UNSUPPORTED_REGION_PAIR: { severity: 'error', title: 'The OCI region and the ExpressRoute peering location are not an interconnect pair' },
  CIRCUIT_NOT_PROVISIONED: { severity: 'error', title: 'The virtual circuit or the ExpressRoute circuit is not provisioned' },
  GATEWAY_NOT_CONNECTED: { severity: 'error', title: 'The circuit is provisioned but no ExpressRoute gateway is connected to it' },
  BGP_SESSIONS_DOWN: { severity: 'error', title: 'Both BGP sessions of a provisioned interconnect are down' },
  SINGLE_BGP_SESSION: { severity: 'warning', title: 'Only one BGP session is up: the interconnect is not redundant' },
  // Capacity and limits
  BANDWIDTH_MISMATCH: { severity: 'warning', title: 'The virtual circuit’s bandwidth does not match the ExpressRoute circuit’s' },
  GATEWAY_SKU_BELOW_CIRCUIT: { severity: 'warning', title: 'The ExpressRoute gateway SKU carries less than the circuit’s bandwidth' },
  PREFIX_LIMIT_EXCEEDED: { severity: 'error', title: 'OCI advertises more prefixes than the private peering accepts (the sessions drop)' },
  PREFIX_LIMIT_NEAR: { severity: 'warning', title: 'OCI advertises 80 % or more of the private peering’s prefix limit' },
  GATEWAY_ROUTES_DROPPED: { severity: 'error', title: 'The ExpressRoute gateway learns more routes than its SKU holds and drops some' },
  GATEWAY_ROUTES_NEAR_LIMIT: { severity: 'warning', title: 'The ExpressRoute gateway holds 80 % or more of its SKU’s learned-route limit' },
  GATEWAY_ADVERTISED_LIMIT_EXCEEDED: { severity: 'error', title: 'A gateway advertises more than the 1,000 prefixes one ExpressRoute connection carries (it disconnects)' },
  GATEWAY_ADVERTISED_NEAR_LIMIT: { severity: 'warning', title: 'A gateway advertises 80 % or more of the 1,000 prefixes one ExpressRoute connection carries' },
  // Circuit links
  VNET_OUTSIDE_CIRCUIT_REACH: { severity: 'error', title: 'A VNet outside the circuit SKU’s reach is linked (Standard: another geopolitical region; Local: not a local region)' },
  SAME_LOCATION_CIRCUITS_EXCEEDED: { severity: 'error', title: 'A VNet is linked to more than 4 circuits from the same peering location' },
  GATEWAY_CIRCUIT_CONNECTIONS_EXCEEDED: { severity: 'error', title: 'A gateway has more circuit connections than its SKU supports' },
  CIRCUIT_VNET_LINKS_EXCEEDED: { severity: 'error', title: 'A circuit has more VNet links than its SKU and bandwidth allow' },
  // Azure gateway placement
  GATEWAY_SUBNET_MISSING: { severity: 'error', title: 'A VNet that must reach OCI has no GatewaySubnet (and so no ExpressRoute gateway)' },
  ER_GATEWAY_MISSING: { severity: 'error', title: 'A VNet that must reach OCI has a GatewaySubnet but no ExpressRoute gateway' },
  GATEWAY_SUBNET_TOO_SMALL: { severity: 'error', title: 'The GatewaySubnet is smaller than /29 (or than /27 for UltraPerformance/ErGw3AZ)' },
  GATEWAY_SUBNET_SMALL: { severity: 'warning', title: 'The GatewaySubnet is smaller than the recommended /27' },
  GATEWAY_SUBNET_NSG: { severity: 'error', title: 'A network security group is associated with the GatewaySubnet (not supported)' },
  GATEWAY_SUBNET_DEFAULT_ROUTE: { severity: 'error', title: 'The GatewaySubnet’s route table has a user-defined 0.0.0.0/0 route (not supported)' },
  GATEWAY_SUBNET_PROPAGATION_DISABLED: { severity: 'error', title: 'The GatewaySubnet’s route table disables BGP route propagation (the gateway stops working)' },
  GATEWAY_SUBNET_UDR_OVERLAP: { severity: 'warning', title: 'A user-defined route overlaps the GatewaySubnet’s range' },
  // FastPath and packet size
  FASTPATH_IGNORES_GATEWAY_UDR: { severity: 'warning', title: 'FastPath bypasses the GatewaySubnet’s UDRs for the gateway VNet (provider circuit)' },
  FASTPATH_NOT_FOR_SPOKES: { severity: 'info', title: 'FastPath does not cover the spokes: their traffic still crosses the gateway' },
  VC_MTU_ABOVE_EXPRESSROUTE: { severity: 'warning', title: 'The virtual circuit’s 9,000-byte MTU exceeds ExpressRoute’s 1,500' },
  PMTUD_ICMP_BLOCKED: { severity: 'warning', title: 'An OCI subnet that admits Azure traffic blocks ICMP type 3 code 4 (path MTU discovery)' },
  // OCI routing
  MISSING_ROUTE_RULE: { severity: 'error', title: 'A subnet’s route table does not send the Azure prefixes to the DRG' },
  DRG_IMPORT_DROPS_AZURE: { severity: 'error', title: 'A VCN attachment’s DRG route table does not import the routes learned from Azure' },
  DRG_EXPORT_REMOVED: { severity: 'error', title: 'The virtual circuit attachment has no export distribution: nothing is advertised to Azure' },
  DRG_NOTHING_EXPORTED: { severity: 'error', title: 'The virtual circuit’s DRG route table imports no VCN: nothing is advertised to Azure' },
  DRG_VCN_NOT_EXPORTED: { severity: 'info', title: 'A VCN attached to the DRG is not advertised to Azure' },
  DRG_CONFLICT_SHADOWS_VC_ROUTE: { severity: 'warning', title: 'A static DRG rule overrides a route learned from Azure' },
  DRG_ROUTE_CONFLICT: { severity: 'info', title: 'A DRG route table holds conflicting routes for one destination' },
  // Transit
  TRANSIT_VC_TO_VC: { severity: 'error', title: 'A virtual circuit’s DRG route table imports another virtual circuit’s routes (no transit)' },
  TRANSIT_ADVERTISED_BACK: { severity: 'error', title: 'OCI advertises prefixes that Azure itself advertises back to Azure' },
  ONPREM_TRANSIT_EXPECTED: { severity: 'error', title: 'A lab expects OCI ⇄ an on-premises site to be delivered through the interconnect (no transit)' },
  ONPREM_NO_TRANSIT: { severity: 'info', title: 'OCI ⇄ an on-premises site is dropped: ExpressRoute passes no route between customer edges' },
  ONPREM_PREFIX_OVERLAP: { severity: 'error', title: 'An on-premises site announces prefixes that overlap a VCN or VNet across its circuit' },
  SPOKE_NO_GATEWAY_TRANSIT: { severity: 'warning', title: 'An Azure spoke is peered with the gateway VNet without gateway transit' },
  // Azure routing
  UDR_TO_ER_GATEWAY: { severity: 'error', title: 'A user-defined route targets the ExpressRoute gateway (never valid)' },
  AZURE_NO_ROUTE_TO_OCI: { severity: 'error', title: 'Azure subnets have no usable route to the OCI prefixes learned over ExpressRoute' },
  // Security
  SECURITY_BLOCKS_EXPECTATION: { severity: 'error', title: 'A security rule drops a flow the lab expects to be delivered' },
  SECURITY_DENIES_FLOW: { severity: 'info', title: 'A security rule drops a flow the lab declares dropped (the rule named)' },
  SECURITY_LIST_NO_OTHER_CLOUD: { severity: 'warning', title: 'An OCI subnet that routes to Azure admits nothing from Azure' },
  HOST_FIREWALL_BLOCKS_ICMP: { severity: 'warning', title: 'A VM’s guest firewall drops ICMP across the interconnect' },
  DEFAULT_SECLIST_OPEN: { severity: 'warning', title: 'The default security list admits SSH from 0.0.0.0/0 on an interconnected VCN' },
  ASYMMETRIC_ROUTING: { severity: 'error', title: 'A flow crosses a stateful firewall in one direction only' },
  // Cost (with declared traffic)
  COST_UNLIMITED_CHEAPER: { severity: 'warning', title: 'A MeteredData circuit sends so much out of Azure that UnlimitedData costs less' },
  COST_METERED_CHEAPER: { severity: 'warning', title: 'An UnlimitedData circuit sends so little out of Azure that MeteredData would cost less' },
  COST_GATEWAY_OVERSIZED: { severity: 'warning', title: 'An ExpressRoute gateway SKU is far above the throughput the traffic needs' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type FindingCode = keyof typeof FINDINGS;

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
