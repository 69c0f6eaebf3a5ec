// Provider catalogues on both sides of the interconnect: OCI's FastConnect provider service for
// Microsoft Azure with its bandwidth shapes, and Azure's ExpressRoute service provider
// "Oracle Cloud FastConnect" with its peering locations and offers (interconnect-facts §1.1, §1.8).
import { OCI_REGION_KEYS } from '../ids.ts';
import { ALL_PEERING_LOCATIONS } from './region-pairs.ts';

export const ORACLE_BGP_ASN = 31898;
export const AZURE_BGP_ASN = 12076;
export const ER_GATEWAY_ASN = 65515;
export const AZURE_RESERVED_ASNS = [65515, 65516, 65517, 65518, 65519, 65520] as const;

export const AZURE_PROVIDER_NAME = 'Microsoft Azure';
export const ORACLE_ER_PROVIDER_NAME = 'Oracle Cloud FastConnect';

export interface BandwidthShape { name: string; bandwidthInMbps: number }

export const FASTCONNECT_AZURE_SHAPES: readonly BandwidthShape[] = [
  { name: '1 Gbps', bandwidthInMbps: 1000 },
  { name: '2 Gbps', bandwidthInMbps: 2000 },
  { name: '5 Gbps', bandwidthInMbps: 5000 },
  { name: '10 Gbps', bandwidthInMbps: 10000 },
];

export interface FastConnectProviderService {
  id: string;
  providerName: string;
  providerServiceName: string;
  description: string;
  type: 'LAYER2' | 'LAYER3';
  supportedVirtualCircuitTypes: ('PUBLIC' | 'PRIVATE')[];
  privatePeeringBgpManagement: 'CUSTOMER_MANAGED' | 'PROVIDER_MANAGED' | 'ORACLE_MANAGED';
  publicPeeringBgpManagement: 'CUSTOMER_MANAGED' | 'PROVIDER_MANAGED' | 'ORACLE_MANAGED';
  customerAsnManagement: 'CUSTOMER_MANAGED' | 'PROVIDER_MANAGED' | 'ORACLE_MANAGED';
  providerServiceKeyManagement: 'CUSTOMER_MANAGED' | 'PROVIDER_MANAGED' | 'ORACLE_MANAGED';
  bandwithShapeManagement: 'CUSTOMER_MANAGED' | 'PROVIDER_MANAGED' | 'ORACLE_MANAGED';
  requiredTotalCrossConnects: number;
}

/** Provider service OCIDs are fixed per region so clients can hard-code them as they do in real OCI. */
export function fastConnectProviderServices(region: string): FastConnectProviderService[] {
  const key = OCI_REGION_KEYS[region] ?? region;
  const id = (n: string) => `ocid1.providerservice.oc1.${key}.aaaaaaaafastroute${n}`.padEnd(72, 'a');
  return [
    {
      // [U] management flags for the Azure partner: the customer supplies the service key and BGP
      // addresses, the ASN on the far side is Microsoft's (provider-managed).
      id: id('azure'), providerName: AZURE_PROVIDER_NAME, providerServiceName: 'ExpressRoute',
      description: 'Oracle Interconnect for Microsoft Azure: a private virtual circuit to an ExpressRoute circuit.',
      type: 'LAYER3', supportedVirtualCircuitTypes: ['PRIVATE'],
      privatePeeringBgpManagement: 'CUSTOMER_MANAGED', publicPeeringBgpManagement: 'ORACLE_MANAGED',
      customerAsnManagement: 'PROVIDER_MANAGED', providerServiceKeyManagement: 'CUSTOMER_MANAGED',
      bandwithShapeManagement: 'CUSTOMER_MANAGED', requiredTotalCrossConnects: 0,
    },
    {
      id: id('equinix'), providerName: 'Equinix', providerServiceName: 'Equinix Fabric',
      description: 'A FastConnect partner modelled only so provider lists look real; it never provisions.',
      type: 'LAYER2', supportedVirtualCircuitTypes: ['PRIVATE', 'PUBLIC'],
      privatePeeringBgpManagement: 'CUSTOMER_MANAGED', publicPeeringBgpManagement: 'CUSTOMER_MANAGED',
      customerAsnManagement: 'CUSTOMER_MANAGED', providerServiceKeyManagement: 'CUSTOMER_MANAGED',
      bandwithShapeManagement: 'CUSTOMER_MANAGED', requiredTotalCrossConnects: 0,
    },
  ];
}

export function isAzureProviderService(region: string, providerServiceId: string): boolean {
  return fastConnectProviderServices(region).some((s) => s.id === providerServiceId && s.providerName === AZURE_PROVIDER_NAME);
}

export interface ExpressRouteServiceProvider {
  name: string;
  peeringLocations: string[];
  bandwidthsOffered: { offerName: string; valueInMbps: number }[];
}

const ER_OFFERS = [50, 100, 200, 500, 1000, 2000, 5000, 10000].map((v) => ({
  offerName: v >= 1000 ? `${v / 1000}Gbps` : `${v}Mbps`,
  valueInMbps: v,
}));

export const EXPRESS_ROUTE_SERVICE_PROVIDERS: readonly ExpressRouteServiceProvider[] = [
  { name: ORACLE_ER_PROVIDER_NAME, peeringLocations: [...ALL_PEERING_LOCATIONS], bandwidthsOffered: ER_OFFERS },
  { name: 'Equinix', peeringLocations: ['Washington DC', 'Silicon Valley', 'Amsterdam', 'London', 'Tokyo'], bandwidthsOffered: ER_OFFERS },
];

export function findErProvider(name: string): ExpressRouteServiceProvider | undefined {
  return EXPRESS_ROUTE_SERVICE_PROVIDERS.find((p) => p.name.toLowerCase() === name.toLowerCase());
}

/** IPv4 prefix limit on the Azure private peering by circuit tier (interconnect-facts §5.2). */
export function privatePeeringPrefixLimit(tier: string): number {
  return tier === 'Premium' ? 10000 : 4000;
}
