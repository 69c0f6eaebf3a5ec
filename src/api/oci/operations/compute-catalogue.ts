// ComputeClient look-ups a launch starts with: ListShapes, ListImages and GetImage, answered from
// FastRoute's fixed catalogues (src/model/oci/shapes.ts, images.ts) for any compartment of the
// tenancy, paginated like every other OCI list (limit, page, opc-next-page).
import { z } from 'zod';
import { resolveAvailabilityDomain } from '../../../lifecycle/oci/availability-domains.ts';
import { requireImage } from '../../../lifecycle/oci/compute-catalogue.ts';
import { requireCompartment } from '../../../lifecycle/oci/scope.ts';
import { findShape, SHAPES, type ShapeSpec } from '../../../model/oci/shapes.ts';
import { regionImages, shapeRunsImage } from '../../../model/oci/images.ts';
import { pageReply } from '../crud.ts';
import type { OciOperation, OciRequest } from '../operation.ts';
import { parseQuery } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';

const listShapesQuery = z.object({
  compartmentId: z.string(), availabilityDomain: z.string().optional(), imageId: z.string().optional(), shape: z.string().optional(),
  limit: listQueryFields.limit, page: listQueryFields.page,
});

const listImagesQuery = z.object({
  compartmentId: z.string(), operatingSystem: z.string().optional(), operatingSystemVersion: z.string().optional(), shape: z.string().optional(),
  ...listQueryFields,
});

/** OCI's billing class: the Always Free shapes are marked so in ListShapes. */
function billingType(shape: string): 'ALWAYS_FREE' | 'LIMITED_FREE' | 'PAID' {
  if (shape === 'VM.Standard.E2.1.Micro') return 'ALWAYS_FREE';
  return shape === 'VM.Standard.A1.Flex' ? 'LIMITED_FREE' : 'PAID';
}

/** The Core API's Shape model. */
function presentShape(s: ShapeSpec): Record<string, unknown> {
  const flex = s.flex;
  return {
    shape: s.shape, processorDescription: s.processorDescription, ocpus: s.ocpus, memoryInGBs: s.memoryInGBs,
    networkingBandwidthInGbps: s.networkingBandwidthInGbps, maxVnicAttachments: s.maxVnicAttachments, networkPorts: s.networkPorts,
    gpus: 0, localDisks: 0, localDisksTotalSizeInGBs: null, rdmaPorts: 0, rdmaBandwidthInGbps: 0, isLiveMigrationSupported: s.shape.startsWith('VM.'),
    isFlexible: flex !== undefined, isSubcore: false, isBilledForStoppedInstance: false, billingType: billingType(s.shape), quotaNames: [],
    ...(flex === undefined ? {} : {
      ocpuOptions: flex.ocpus, memoryOptions: flex.memory, networkingBandwidthOptions: flex.bandwidth, maxVnicAttachmentOptions: flex.vnics,
    }),
  };
}

async function checkCompartment(req: OciRequest, compartmentId: string): Promise<void> {
  // Shapes and platform images are the same for every compartment of the tenancy.
  await req.engine.read((view) => requireCompartment(view, req.scope, compartmentId));
}

export const COMPUTE_CATALOGUE_OPERATIONS: readonly OciOperation[] = [
  {
    name: 'listShapes', client: 'ComputeClient', method: 'GET', path: '/shapes',
    async handle(req) {
      const q = parseQuery(listShapesQuery, req.query);
      await checkCompartment(req, q.compartmentId);
      if (q.availabilityDomain !== undefined) resolveAvailabilityDomain(req.scope, q.availabilityDomain);
      const image = q.imageId === undefined ? undefined : requireImage(req.scope.region, q.imageId);
      const shapes = SHAPES.filter((s) => (q.shape === undefined || s.shape === q.shape) && (image === undefined || shapeRunsImage(s, image.architecture)));
      // Shapes have no id or creation time: they are paged by name, the order they are listed in.
      const rows = shapes.map((s) => ({ id: s.shape, displayName: s.shape, spec: s }));
      return pageReply(rows, { limit: q.limit, page: q.page, sortBy: 'DISPLAYNAME', sortOrder: 'ASC' }, (r) => presentShape(r.spec));
    },
  },
  {
    name: 'listImages', client: 'ComputeClient', method: 'GET', path: '/images',
    async handle(req) {
      const q = parseQuery(listImagesQuery, req.query);
      await checkCompartment(req, q.compartmentId);
      const shape = q.shape === undefined ? undefined : findShape(q.shape);
      const images = regionImages(req.scope.region).filter(({ image, architecture }) =>
        (q.operatingSystem === undefined || image.operatingSystem === q.operatingSystem)
        && (q.operatingSystemVersion === undefined || image.operatingSystemVersion === q.operatingSystemVersion)
        // An unknown shape runs no image: the list is empty, not an error.
        && (q.shape === undefined || (shape !== undefined && shapeRunsImage(shape, architecture))));
      return pageReply(images.map((i) => i.image), q, (image) => image);
    },
  },
  {
    name: 'getImage', client: 'ComputeClient', method: 'GET', path: '/images/{imageId}',
    handle: (req) => req.engine.read(() => ({ body: requireImage(req.scope.region, req.params.imageId ?? '').image })),
  },
];
