// The Identity API operation networking scripts cannot do without: ListAvailabilityDomains
// (GET /20160918/availabilityDomains, the IdentityClient's own API version). It answers for the
// request's region (its path prefix) and is not paginated, as in OCI.
import { z } from 'zod';
import { listAvailabilityDomains } from '../../../lifecycle/oci/availability-domains.ts';
import { requireCompartment } from '../../../lifecycle/oci/scope.ts';
import type { OciOperation } from '../operation.ts';
import { parseQuery } from '../protocol/body.ts';

const listAvailabilityDomainsQuery = z.object({ compartmentId: z.string() });

export const IDENTITY_OPERATIONS: readonly OciOperation[] = [
  {
    name: 'listAvailabilityDomains', client: 'IdentityClient', method: 'GET', path: '/availabilityDomains',
    async handle(req) {
      const q = parseQuery(listAvailabilityDomainsQuery, req.query);
      // Any compartment of the tenancy may be named; the ADs are the tenancy's either way.
      await req.engine.read((view) => requireCompartment(view, req.scope, q.compartmentId));
      return { body: listAvailabilityDomains(req.scope) };
    },
  },
];
