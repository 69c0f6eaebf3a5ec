// Subnets: CRUD and list. IPv6 is not modelled, so its fields are refused by name rather than as
// unknown fields.
import { z } from 'zod';
import { createSubnet, deleteSubnet, updateSubnet } from '../../../lifecycle/oci/subnet.ts';
import { resolveAvailabilityDomain } from '../../../lifecycle/oci/availability-domains.ts';
import { oci } from '../../../model/errors.ts';
import { createOp, deleteOp, getOp, listOp, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';
import { vcnListQuery } from './route-table.ts';

const ipv6Fields = { ipv6CidrBlock: z.string().optional(), ipv6CidrBlocks: z.array(z.string()).optional() };

const createSubnetDetails = z.strictObject({
  ...commonFields,
  ...ipv6Fields,
  vcnId: z.string().optional(),
  cidrBlock: z.string().optional(),
  ipv4CidrBlocks: z.array(z.string()).optional(),
  availabilityDomain: z.string().nullable().optional(),
  routeTableId: z.string().optional(),
  securityListIds: z.array(z.string()).optional(),
  dhcpOptionsId: z.string().optional(),
  dnsLabel: z.string().optional(),
  prohibitPublicIpOnVnic: z.boolean().optional(),
  prohibitInternetIngress: z.boolean().optional(),
});

const updateSubnetDetails = z.strictObject({
  ...nameAndTags,
  ...ipv6Fields,
  cidrBlock: z.string().optional(),
  routeTableId: z.string().optional(),
  securityListIds: z.array(z.string()).optional(),
  dhcpOptionsId: z.string().optional(),
});

/** Strips the IPv6 fields, refusing them when set. */
function ipv4Only<T extends { ipv6CidrBlock?: string | undefined; ipv6CidrBlocks?: string[] | undefined }>(d: T): Omit<T, 'ipv6CidrBlock' | 'ipv6CidrBlocks'> {
  const { ipv6CidrBlock, ipv6CidrBlocks, ...rest } = d;
  if (ipv6CidrBlock !== undefined || (ipv6CidrBlocks ?? []).length > 0) throw oci.invalidParameter('IPv6 subnets are not supported by FastRoute.');
  return rest;
}

export const SUBNET_OPERATIONS: readonly OciOperation[] = [
  createOp({
    name: 'createSubnet', path: '/subnets', kind: 'oci.Subnet', body: createSubnetDetails,
    create: (tx, scope, d) => {
      // An AD-specific subnet names one of the region's ADs (null or absent: regional).
      const availabilityDomain = d.availabilityDomain === undefined || d.availabilityDomain === null ? d.availabilityDomain : resolveAvailabilityDomain(scope, d.availabilityDomain);
      return createSubnet(tx, scope, ipv4Only({ ...d, availabilityDomain }));
    },
  }),
  getOp({ name: 'getSubnet', path: '/subnets/{subnetId}', kind: 'oci.Subnet' }),
  updateOp({ name: 'updateSubnet', path: '/subnets/{subnetId}', kind: 'oci.Subnet', body: updateSubnetDetails, update: (tx, scope, id, d) => updateSubnet(tx, scope, id, ipv4Only(d)) }),
  deleteOp({ name: 'deleteSubnet', path: '/subnets/{subnetId}', kind: 'oci.Subnet', remove: deleteSubnet }),
  listOp({
    name: 'listSubnets', path: '/subnets', kind: 'oci.Subnet', query: vcnListQuery, compartment: 'required',
    source: (view, q) => (q.vcnId === undefined ? view.list('oci.Subnet') : view.children('oci.Subnet', q.vcnId)),
  }),
];
