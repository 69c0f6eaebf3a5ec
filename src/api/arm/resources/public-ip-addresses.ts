// Public IP addresses (minimal: what a gateway's ipConfigurations reference). SKU, allocation,
// zones and idle-timeout rules live in the lifecycle; the address and the ipConfiguration that uses
// it are shown on read (present.ts).
import { z } from 'zod';
import { deletePublicIPAddress, putPublicIPAddress } from '../../../lifecycle/azure/public-ip.ts';
import type { ArmOperation } from '../operation.ts';
import { trackedResource } from '../crud.ts';
import { armEnum } from '../schemas/arm-enum.ts';
import { tracked } from '../schemas/common.ts';

const publicIpBody = tracked(z.looseObject({
  publicIPAllocationMethod: armEnum(['Static', 'Dynamic']).optional(),
  publicIPAddressVersion: armEnum(['IPv4', 'IPv6']).optional(),
  idleTimeoutInMinutes: z.number().optional(),
  ipTags: z.array(z.object({ ipTagType: z.string(), tag: z.string() })).optional(),
})).extend({
  sku: z.looseObject({ name: armEnum(['Basic', 'Standard']).optional(), tier: armEnum(['Regional', 'Global']).optional() }).optional(),
  zones: z.array(z.string()).optional(),
});

export const PUBLIC_IP_OPERATIONS: ArmOperation[] = trackedResource({
  sdk: 'publicIPAddresses', kind: 'azure.PublicIPAddress', ns: 'Microsoft.Network', collection: 'publicIPAddresses', param: 'publicIpAddressName', body: publicIpBody,
  put: putPublicIPAddress, remove: deletePublicIPAddress,
});
