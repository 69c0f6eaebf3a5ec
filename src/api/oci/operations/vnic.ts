// VNICs: read one (the "instance → IP" chain's middle step) and update its name, tags, hostname,
// NSGs and source/destination check. VNICs come and go with their instance.
import { z } from 'zod';
import { updateVnic } from '../../../lifecycle/oci/compute.ts';
import { getOp, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { nameAndTags } from '../schemas/common.ts';

const updateVnicDetails = z.strictObject({
  ...nameAndTags,
  // Zero-trust packet routing is not modelled; accepted and ignored like the other compute-only fields.
  securityAttributes: z.unknown().optional(),
  hostnameLabel: z.string().optional(),
  nsgIds: z.array(z.string()).optional(),
  skipSourceDestCheck: z.boolean().optional(),
  routeTableId: z.string().optional(),
});

export const VNIC_OPERATIONS: readonly OciOperation[] = [
  getOp({ name: 'getVnic', path: '/vnics/{vnicId}', kind: 'oci.Vnic' }),
  updateOp({ name: 'updateVnic', path: '/vnics/{vnicId}', kind: 'oci.Vnic', body: updateVnicDetails, update: (tx, scope, id, d) => updateVnic(tx, scope, id, d) }),
];
