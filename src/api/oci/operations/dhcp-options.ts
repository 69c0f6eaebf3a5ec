// DHCP options: CRUD and list. A PUT with `options` replaces the whole list, as in OCI.
import { z } from 'zod';
import { createDhcpOptions, deleteDhcpOptions, updateDhcpOptions } from '../../../lifecycle/oci/dhcp-options.ts';
import { oci } from '../../../model/errors.ts';
import { createOp, deleteOp, getOp, listOp, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';
import { vcnListQuery } from './route-table.ts';

// The SDK's DhcpOption is polymorphic on `type`: DhcpDnsOption or DhcpSearchDomainOption.
const dhcpOption = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('DomainNameServer'), serverType: z.string().optional(), customDnsServers: z.array(z.string()).optional() }),
  z.strictObject({ type: z.literal('SearchDomain'), searchDomainNames: z.array(z.string()).optional() }),
]);
const domainNameType = z.enum(['SUBNET_DOMAIN', 'VCN_DOMAIN', 'CUSTOM_DOMAIN']);

const createDhcpDetails = z.strictObject({ ...commonFields, vcnId: z.string().optional(), options: z.array(dhcpOption).optional(), domainNameType: domainNameType.optional() });
const updateDhcpDetails = z.strictObject({ ...nameAndTags, options: z.array(dhcpOption).optional(), domainNameType: domainNameType.optional() });

export const DHCP_OPTIONS_OPERATIONS: readonly OciOperation[] = [
  createOp({
    name: 'createDhcpOptions', path: '/dhcps', kind: 'oci.DhcpOptions', body: createDhcpDetails,
    create: (tx, scope, d) => {
      // Required by OCI's model (CreateDhcpDetails.options); the lifecycle defaults it for labs.
      if (d.options === undefined) throw oci.missingParameter('options');
      return createDhcpOptions(tx, scope, d);
    },
  }),
  getOp({ name: 'getDhcpOptions', path: '/dhcps/{dhcpId}', kind: 'oci.DhcpOptions' }),
  updateOp({ name: 'updateDhcpOptions', path: '/dhcps/{dhcpId}', kind: 'oci.DhcpOptions', body: updateDhcpDetails, update: (tx, scope, id, d) => updateDhcpOptions(tx, scope, id, d) }),
  deleteOp({ name: 'deleteDhcpOptions', path: '/dhcps/{dhcpId}', kind: 'oci.DhcpOptions', remove: deleteDhcpOptions }),
  listOp({
    name: 'listDhcpOptions', path: '/dhcps', kind: 'oci.DhcpOptions', query: vcnListQuery, compartment: 'required',
    source: (view, q) => (q.vcnId === undefined ? view.list('oci.DhcpOptions') : view.children('oci.DhcpOptions', q.vcnId)),
  }),
];
