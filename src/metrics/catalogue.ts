// The metrics FastRoute serves, in each cloud's own terms: the REST name, unit, default aggregation
// and dimensions Microsoft Learn's "supported metrics" tables and Oracle's oci_fastconnect page give
// (docs/metrics.md names the sources). `source` says where a value comes from: the engine's own
// state (sessions, ARP, routes) or the traffic provider (zero until the traffic model lands).

export type MetricCloud = 'azure' | 'oci';
export type AzureAggregation = 'Average' | 'Minimum' | 'Maximum' | 'Total' | 'Count';

export interface MetricDef {
  cloud: MetricCloud;
  /** ARM resource type ("Microsoft.Network/expressRouteCircuits") or OCI namespace ("oci_fastconnect"). */
  namespace: string;
  /** The REST name, as the cloud spells it. */
  name: string;
  displayName: string;
  description: string;
  unit: string;
  aggregation: AzureAggregation;
  dimensions: readonly string[];
  source: 'engine' | 'traffic';
  /** The Prometheus metric family (snake_case, base unit suffix). */
  prom: string;
}

export const ER_CIRCUIT = 'Microsoft.Network/expressRouteCircuits';
export const VNET_GATEWAY = 'Microsoft.Network/virtualNetworkGateways';
export const CONNECTION = 'Microsoft.Network/connections';
export const OCI_FASTCONNECT = 'oci_fastconnect';

const az = (namespace: string, name: string, displayName: string, description: string, unit: string, aggregation: AzureAggregation, dimensions: readonly string[], source: MetricDef['source'], prom: string): MetricDef =>
  ({ cloud: 'azure', namespace, name, displayName, description, unit, aggregation, dimensions, source, prom });
const oci = (name: string, description: string, unit: string, aggregation: AzureAggregation, source: MetricDef['source'], prom: string): MetricDef =>
  ({ cloud: 'oci', namespace: OCI_FASTCONNECT, name, displayName: name, description, unit, aggregation, dimensions: ['resourceId'], source, prom });

export const METRICS: readonly MetricDef[] = [
  az(ER_CIRCUIT, 'ArpAvailability', 'Arp Availability', 'ARP Availability from MSEE towards all peers.', 'Percent', 'Average', ['PeeringType', 'Peer'], 'engine', 'fastroute_azure_er_circuit_arp_availability_percent'),
  az(ER_CIRCUIT, 'BgpAvailability', 'Bgp Availability', 'BGP Availability from MSEE towards all peers.', 'Percent', 'Average', ['PeeringType', 'Peer'], 'engine', 'fastroute_azure_er_circuit_bgp_availability_percent'),
  az(ER_CIRCUIT, 'BitsInPerSecond', 'BitsInPerSecond', 'Bits ingressing Azure per second', 'BitsPerSecond', 'Average', ['PeeringType', 'DeviceRole'], 'traffic', 'fastroute_azure_er_circuit_in_bits_per_second'),
  az(ER_CIRCUIT, 'BitsOutPerSecond', 'BitsOutPerSecond', 'Bits egressing Azure per second', 'BitsPerSecond', 'Average', ['PeeringType', 'DeviceRole'], 'traffic', 'fastroute_azure_er_circuit_out_bits_per_second'),
  az(ER_CIRCUIT, 'QosDropBitsInPerSecond', 'DroppedInBitsPerSecond', 'Ingress bits of data dropped per second', 'BitsPerSecond', 'Average', [], 'traffic', 'fastroute_azure_er_circuit_dropped_in_bits_per_second'),
  az(ER_CIRCUIT, 'QosDropBitsOutPerSecond', 'DroppedOutBitsPerSecond', 'Egress bits of data dropped per second', 'BitsPerSecond', 'Average', [], 'traffic', 'fastroute_azure_er_circuit_dropped_out_bits_per_second'),
  az(VNET_GATEWAY, 'ExpressRouteGatewayCountOfRoutesLearnedFromPeer', 'Count Of Routes Learned From Peer (Preview)', 'Count Of Routes Learned From Peer', 'Count', 'Maximum', ['roleInstance', 'BgpPeerAddress'], 'engine', 'fastroute_azure_er_gateway_routes_learned'),
  az(VNET_GATEWAY, 'ExpressRouteGatewayCountOfRoutesAdvertisedToPeer', 'Count Of Routes Advertised to Peer (Preview)', 'Count Of Routes Advertised To Peer by ExpressRoute Gateway', 'Count', 'Maximum', ['roleInstance', 'BgpPeerAddress'], 'engine', 'fastroute_azure_er_gateway_routes_advertised'),
  az(VNET_GATEWAY, 'ExpressRouteGatewayBitsPerSecond', 'Bits Received Per second', 'Total Bits received on ExpressRoute Gateway per second', 'BitsPerSecond', 'Average', ['roleInstance'], 'traffic', 'fastroute_azure_er_gateway_bits_per_second'),
  az(VNET_GATEWAY, 'ExpressRouteGatewayPacketsPerSecond', 'Packets received per second', 'Total Packets received on ExpressRoute Gateway per second', 'CountPerSecond', 'Average', ['roleInstance'], 'traffic', 'fastroute_azure_er_gateway_packets_per_second'),
  az(CONNECTION, 'BitsInPerSecond', 'BitsInPerSecond', 'Bits ingressing Azure per second', 'BitsPerSecond', 'Average', [], 'traffic', 'fastroute_azure_connection_in_bits_per_second'),
  az(CONNECTION, 'BitsOutPerSecond', 'BitsOutPerSecond', 'Bits egressing Azure per second', 'BitsPerSecond', 'Average', [], 'traffic', 'fastroute_azure_connection_out_bits_per_second'),
  oci('ConnectionState', 'Operational state of the virtual circuit: 1 up, 0 down.', 'state', 'Average', 'engine', 'fastroute_oci_fastconnect_connection_state'),
  oci('Ipv4BgpSessionState', 'IPv4 BGP session state of the virtual circuit: 1 up, 0 down.', 'state', 'Average', 'engine', 'fastroute_oci_fastconnect_ipv4_bgp_session_state'),
  oci('BitsReceived', 'Bits received at Oracle\'s end of the virtual circuit.', 'bits', 'Total', 'traffic', 'fastroute_oci_fastconnect_received_bits'),
  oci('BitsSent', 'Bits sent from Oracle\'s end of the virtual circuit.', 'bits', 'Total', 'traffic', 'fastroute_oci_fastconnect_sent_bits'),
  oci('BytesReceived', 'Bytes received at Oracle\'s end of the virtual circuit.', 'bytes', 'Total', 'traffic', 'fastroute_oci_fastconnect_received_bytes'),
  oci('BytesSent', 'Bytes sent from Oracle\'s end of the virtual circuit.', 'bytes', 'Total', 'traffic', 'fastroute_oci_fastconnect_sent_bytes'),
  oci('PacketsReceived', 'Packets received at Oracle\'s end of the virtual circuit.', 'packets', 'Total', 'traffic', 'fastroute_oci_fastconnect_received_packets'),
  oci('PacketsSent', 'Packets sent from Oracle\'s end of the virtual circuit.', 'packets', 'Total', 'traffic', 'fastroute_oci_fastconnect_sent_packets'),
  oci('PacketsError', 'Packets dropped because of errors (e.g. misconfiguration).', 'packets', 'Total', 'traffic', 'fastroute_oci_fastconnect_error_packets'),
  oci('PacketsDiscarded', 'Packets discarded (e.g. over the bandwidth).', 'packets', 'Total', 'traffic', 'fastroute_oci_fastconnect_discarded_packets'),
];

/** The metrics of one ARM resource type or OCI namespace (case-insensitive, as ARM compares types). */
export function metricsOf(namespace: string): MetricDef[] {
  const ns = namespace.toLowerCase();
  return METRICS.filter((m) => m.namespace.toLowerCase() === ns);
}

/** A metric's key in the history: namespace and name (two namespaces share BitsInPerSecond). */
export function metricKey(m: Pick<MetricDef, 'namespace' | 'name'>): string {
  return `${m.namespace}/${m.name}`;
}
