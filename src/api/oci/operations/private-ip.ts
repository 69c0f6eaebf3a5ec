// Private IPs: read one, and list them by VNIC or subnet (optionally by address), the last step of
// the "instance → IP" chain. Secondary IPs are not modelled (each VNIC has its primary IP only),
// so create/update/delete stay unimplemented and answer 501 naming the operation.
import { z } from 'zod';
import { getOwned } from '../../../lifecycle/oci/scope.ts';
import { oci } from '../../../model/errors.ts';
import type { PrivateIp } from '../../../model/oci/compute.ts';
import { getOp, pageReply } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { parseQuery } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';
import { present } from '../present.ts';

const listPrivateIpsQuery = z.object({
  limit: listQueryFields.limit, page: listQueryFields.page,
  ipAddress: z.string().optional(), subnetId: z.string().optional(), vnicId: z.string().optional(), vlanId: z.string().optional(),
  ipState: z.enum(['ASSIGNED', 'AVAILABLE']).optional(), lifetime: z.enum(['EPHEMERAL', 'RESERVED']).optional(),
});

export const PRIVATE_IP_OPERATIONS: readonly OciOperation[] = [
  getOp({ name: 'getPrivateIp', path: '/privateIps/{privateIpId}', kind: 'oci.PrivateIp' }),
  {
    name: 'listPrivateIps', client: 'VirtualNetworkClient', method: 'GET', path: '/privateIps',
    async handle(req) {
      const q = parseQuery(listPrivateIpsQuery, req.query);
      // OCI lists by one of subnet, VNIC or VLAN; an address alone identifies nothing.
      if (q.subnetId === undefined && q.vnicId === undefined && q.vlanId === undefined) {
        throw oci.invalidParameter('listPrivateIps needs subnetId, vnicId or vlanId (ipAddress narrows a subnet or VNIC).');
      }
      return req.engine.read((view) => {
        if (q.vlanId !== undefined) throw oci.notFound('Vlan', q.vlanId); // no VLANs are modelled
        if (q.subnetId !== undefined) getOwned(view, req.scope, 'oci.Subnet', q.subnetId);
        const candidates: readonly PrivateIp[] = q.vnicId !== undefined
          ? view.children('oci.PrivateIp', getOwned(view, req.scope, 'oci.Vnic', q.vnicId).id)
          : view.list('oci.PrivateIp');
        const items = candidates.filter((p) => p.fr.tenancyId === req.scope.tenancyId
          && (q.subnetId === undefined || p.subnetId === q.subnetId)
          && (q.ipAddress === undefined || p.ipAddress === q.ipAddress)
          && (q.ipState === undefined || p.ipState === q.ipState)
          && (q.lifetime === undefined || p.lifetime === q.lifetime));
        return pageReply(items, q, (p) => present('oci.PrivateIp', p));
      });
    },
  },
];
