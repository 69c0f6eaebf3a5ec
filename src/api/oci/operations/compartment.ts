// Identity API compartments: CreateCompartment, GetCompartment and ListCompartments (IdentityClient,
// /20160918). FastRoute models one level of compartments under the tenancy (itself the root
// compartment, which GetCompartment of the tenancy OCID answers); the rest of the
// compartment API (move, update, delete, recover, bulk actions) answers 501 NotImplemented.
import { z } from 'zod';
import { createCompartment, rootCompartment } from '../../../lifecycle/oci/compartment.ts';
import { requireCompartment } from '../../../lifecycle/oci/scope.ts';
import type { Compartment } from '../../../model/oci/common.ts';
import { createOp, entityReply, getOp, pageReply, type Show } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { parseQuery } from '../protocol/body.ts';
import { MAX_PAGE_SIZE } from '../protocol/list.ts';
import { present } from '../present.ts';
import { definedTags, freeformTags } from '../schemas/common.ts';

const createCompartmentDetails = z.strictObject({
  compartmentId: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  freeformTags: freeformTags.optional(),
  definedTags: definedTags.optional(),
});

// ListCompartments' own query (not the Core lists' common one): sortBy NAME, accessLevel, subtree.
const listCompartmentsQuery = z.object({
  compartmentId: z.string().optional(),
  page: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  accessLevel: z.enum(['ANY', 'ACCESSIBLE']).optional(),
  compartmentIdInSubtree: z.enum(['true', 'false']).optional(),
  name: z.string().optional(),
  sortBy: z.enum(['TIMECREATED', 'NAME']).optional(),
  sortOrder: z.enum(['ASC', 'DESC']).optional(),
  lifecycleState: z.enum(['CREATING', 'ACTIVE', 'INACTIVE', 'DELETING', 'DELETED']).optional(),
});

/** Compartments made by labs predate tags: shown with empty ones, as OCI shows every compartment. */
const withTags: Show<'oci.Compartment'> = (c) => ({ ...c, freeformTags: c.freeformTags ?? {}, definedTags: c.definedTags ?? {} });

/** GetCompartment of the caller's tenancy OCID answers the root compartment (the tenancy); any other id, `get`. */
function rootOr(get: OciOperation): OciOperation {
  return {
    ...get,
    async handle(req) {
      if (req.params.compartmentId !== req.scope.tenancyId) return get.handle(req);
      return entityReply('oci.Compartment', await req.engine.read((view) => rootCompartment(view, req.scope)));
    },
  };
}

export const COMPARTMENT_OPERATIONS: readonly OciOperation[] = [
  createOp({ name: 'createCompartment', client: 'IdentityClient', path: '/compartments', kind: 'oci.Compartment', body: createCompartmentDetails, create: createCompartment, show: withTags }),
  rootOr(getOp({ name: 'getCompartment', client: 'IdentityClient', path: '/compartments/{compartmentId}', kind: 'oci.Compartment', show: withTags })),
  {
    name: 'listCompartments', client: 'IdentityClient', method: 'GET', path: '/compartments',
    async handle(req) {
      const q = parseQuery(listCompartmentsQuery, req.query);
      const items = await req.engine.read((view) => {
        const parent = requireCompartment(view, req.scope, q.compartmentId);
        // One level: the tenancy's compartments are its whole subtree; a compartment contains none.
        return view.children('oci.Compartment', req.scope.tenancyId)
          .filter((c) => c.compartmentId === parent && (q.name === undefined || c.name === q.name))
          .map((c) => ({ ...withTags(c, req), displayName: c.name }));
      });
      const sortBy = q.sortBy === 'NAME' ? 'DISPLAYNAME' : q.sortBy;
      return pageReply(items, { ...q, sortBy }, ({ displayName: _name, ...c }: Compartment & { displayName: string }) => present('oci.Compartment', c));
    },
  },
];
