// FastConnect's catalogue: provider services (fixed per region), their bandwidth shapes, and the
// provider's view of a service key, which for Microsoft Azure is the ExpressRoute circuit's.
import { z } from 'zod';
import { requireCompartment } from '../../../lifecycle/oci/scope.ts';
import { COLOCATED_SHAPES, getProviderService, providerServiceKey, providerShapes } from '../../../lifecycle/oci/fastconnect.ts';
import { fastConnectProviderServices } from '../../../model/interconnect/providers.ts';
import { pageReply } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { parseQuery } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';

const page = { limit: listQueryFields.limit, page: listQueryFields.page };
const compartmentPageQuery = z.object({ compartmentId: z.string(), ...page });
const pageQuery = z.object(page);

/**
 * Catalogue entries have no creation time (shapes not even an OCID): page them in the catalogue's
 * own order (Azure first, shapes by bandwidth) with their position as the keyset sort key.
 */
export function inCatalogueOrder<T extends { id?: string; name?: string }>(items: readonly T[]): (T & { id: string; timeCreated: string })[] {
  return items.map((x, i) => ({ ...x, id: x.id ?? x.name ?? '', timeCreated: String(i).padStart(6, '0') }));
}
export const ascending = <Q extends object>(q: Q) => ({ ...q, sortBy: 'TIMECREATED' as const, sortOrder: 'ASC' as const });
const showShape = ({ name, bandwidthInMbps }: { name: string; bandwidthInMbps: number }) => ({ name, bandwidthInMbps });

export const FASTCONNECT_OPERATIONS: readonly OciOperation[] = [
  {
    name: 'listFastConnectProviderServices', client: 'VirtualNetworkClient', method: 'GET', path: '/fastConnectProviderServices',
    async handle(req) {
      const q = parseQuery(compartmentPageQuery, req.query);
      await req.engine.read((view) => requireCompartment(view, req.scope, q.compartmentId));
      return pageReply(inCatalogueOrder(fastConnectProviderServices(req.scope.region)), ascending(q), ({ timeCreated: _t, ...s }) => s);
    },
  },
  {
    name: 'getFastConnectProviderService', client: 'VirtualNetworkClient', method: 'GET', path: '/fastConnectProviderServices/{providerServiceId}',
    handle: (req) => Promise.resolve({ body: getProviderService(req.scope.region, req.params.providerServiceId ?? '') }),
  },
  {
    name: 'getFastConnectProviderServiceKey', client: 'VirtualNetworkClient', method: 'GET',
    path: '/fastConnectProviderServices/{providerServiceId}/providerServiceKeys/{providerServiceKeyName}',
    async handle(req) {
      const body = await req.engine.read((view) => providerServiceKey(view, req.scope.region, req.params.providerServiceId ?? '', req.params.providerServiceKeyName ?? ''));
      return { body };
    },
  },
  {
    name: 'listFastConnectProviderVirtualCircuitBandwidthShapes', client: 'VirtualNetworkClient', method: 'GET',
    path: '/fastConnectProviderServices/{providerServiceId}/virtualCircuitBandwidthShapes',
    handle(req) {
      const q = parseQuery(pageQuery, req.query);
      const shapes = inCatalogueOrder(providerShapes(req.scope.region, req.params.providerServiceId ?? ''));
      return Promise.resolve(pageReply(shapes, ascending(q), showShape));
    },
  },
  {
    name: 'listVirtualCircuitBandwidthShapes', client: 'VirtualNetworkClient', method: 'GET', path: '/virtualCircuitBandwidthShapes',
    async handle(req) {
      const q = parseQuery(compartmentPageQuery, req.query);
      await req.engine.read((view) => requireCompartment(view, req.scope, q.compartmentId));
      return pageReply(inCatalogueOrder(COLOCATED_SHAPES), ascending(q), showShape);
    },
  },
];
