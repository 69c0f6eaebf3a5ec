// FastConnect's read-only catalogue as the API shows it: provider services of a region, their
// bandwidth shapes, and the provider's view of a service key (here: the ExpressRoute circuit's).
import { oci } from '../../model/errors.ts';
import type { ReadView } from '../../model/world.ts';
import {
  AZURE_PROVIDER_NAME, FASTCONNECT_AZURE_SHAPES, fastConnectProviderServices, type BandwidthShape, type FastConnectProviderService,
} from '../../model/interconnect/providers.ts';
import { findCircuitByServiceKey } from '../interconnect/handshake.ts';

/** [U] Shapes OCI offers for colocated (cross-connect) circuits; FastRoute provisions none of them. */
export const COLOCATED_SHAPES: readonly BandwidthShape[] = [
  { name: '1 Gbps', bandwidthInMbps: 1000 },
  { name: '10 Gbps', bandwidthInMbps: 10000 },
  { name: '100 Gbps', bandwidthInMbps: 100000 },
  { name: '400 Gbps', bandwidthInMbps: 400000 },
];

export interface ProviderServiceKey {
  name: string;
  bandwidthShapeName?: string;
  peeringLocation?: string;
}

export function getProviderService(region: string, providerServiceId: string): FastConnectProviderService {
  const service = fastConnectProviderServices(region).find((s) => s.id === providerServiceId);
  if (!service) throw oci.notFound('FastConnectProviderService', providerServiceId);
  return service;
}

export function providerShapes(region: string, providerServiceId: string): readonly BandwidthShape[] {
  getProviderService(region, providerServiceId);
  return FASTCONNECT_AZURE_SHAPES;
}

/** OCI's shape name for a bandwidth: "1 Gbps", "500 Mbps". */
export function shapeNameFor(mbps: number): string {
  return FASTCONNECT_AZURE_SHAPES.find((s) => s.bandwidthInMbps === mbps)?.name ?? (mbps >= 1000 && mbps % 1000 === 0 ? `${mbps / 1000} Gbps` : `${mbps} Mbps`);
}

/**
 * What the provider knows of a service key. Only the Azure provider has keys: an ExpressRoute
 * circuit's service key (any subscription: the key itself is the authorisation, as in Azure).
 */
export function providerServiceKey(view: ReadView, region: string, providerServiceId: string, key: string): ProviderServiceKey {
  const service = getProviderService(region, providerServiceId);
  const circuit = service.providerName === AZURE_PROVIDER_NAME ? findCircuitByServiceKey(view, key) : undefined;
  if (!circuit) throw oci.notFound('FastConnectProviderServiceKey', key);
  const props = circuit.properties.serviceProviderProperties;
  return { name: key, bandwidthShapeName: shapeNameFor(props.bandwidthInMbps), peeringLocation: props.peeringLocation };
}
