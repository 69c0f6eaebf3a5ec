// NAT gateways: one per VCN (OCI's own limit and error), a public address of their own (natIp),
// traffic blocked or not (blockTraffic), an optional route table of the same VCN, and not deletable
// while a route rule targets them.
import { oci } from '../../model/errors.ts';
import { ocid } from '../../model/ids.ts';
import type { Tx } from '../../model/tx.ts';
import type { NatGateway } from '../../model/oci/gateways.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { scheduleOciReady } from '../generic.ts';
import { applyNameAndTags, checkGatewayRouteTable, liveGateways, refuseIfGone, terminateVcnGateway } from './vcn-gateway.ts';

export interface CreateNatGatewayDetails extends CommonDetails {
  vcnId?: string;
  blockTraffic?: boolean;
  publicIpId?: string;
  routeTableId?: string;
}

export type UpdateNatGatewayDetails = Omit<CreateNatGatewayDetails, 'vcnId' | 'compartmentId' | 'publicIpId'>;

/**
 * NAT addresses come from the documentation ranges (RFC 5737), first free first: OCI's regional
 * public pools are not published, and an address no real host owns cannot be mistaken for one.
 */
const NAT_POOLS = ['203.0.113.', '198.51.100.'];

function nextNatIp(tx: Tx): string {
  const taken = new Set(tx.list('oci.NatGateway').map((g) => g.natIp));
  for (const pool of NAT_POOLS) {
    for (let host = 1; host < 255; host++) if (!taken.has(`${pool}${host}`)) return `${pool}${host}`;
  }
  throw oci.limitExceeded(['public-ip-count']);
}

export function createNatGateway(tx: Tx, scope: OciScope, details: CreateNatGatewayDetails): NatGateway {
  checkDisplayName(details.displayName);
  const vcn = getRelated(tx, scope, 'oci.Vcn', details.vcnId, 'vcnId');
  // OCI's own answer (oracle-quickstart/oci-cloudnative#31): 400 LimitExceeded, unlike the service gateway's.
  if (liveGateways(tx, 'oci.NatGateway', vcn.id).length > 0) throw oci.limitReached('NAT gateway limit per VCN reached');
  // Reserved public IPs are not served, so none can be named.
  if (details.publicIpId !== undefined) throw oci.relatedNotFound('PublicIp', details.publicIpId);
  checkGatewayRouteTable(tx, scope, vcn.id, details.routeTableId);
  const base = newResource(tx, scope, 'natgateway', { ...details, compartmentId: details.compartmentId ?? vcn.compartmentId }, 'natgateway');
  const nat: NatGateway = {
    ...base, vcnId: vcn.id, blockTraffic: details.blockTraffic ?? false, natIp: nextNatIp(tx), publicIpId: ocid(tx.ctx.ids, 'publicip', scope.region),
    lifecycleState: 'PROVISIONING', ...(details.routeTableId === undefined ? {} : { routeTableId: details.routeTableId }),
  };
  tx.put('oci.NatGateway', nat);
  scheduleOciReady(tx, 'oci.NatGateway', nat.id);
  return nat;
}

export function updateNatGateway(tx: Tx, scope: OciScope, id: string, details: UpdateNatGatewayDetails): NatGateway {
  const nat = getOwned(tx, scope, 'oci.NatGateway', id);
  refuseIfGone('oci.NatGateway', nat);
  checkDisplayName(details.displayName);
  checkGatewayRouteTable(tx, scope, nat.vcnId, details.routeTableId);
  return tx.update('oci.NatGateway', id, (d) => {
    applyNameAndTags(d, details);
    if (details.blockTraffic !== undefined) d.blockTraffic = details.blockTraffic;
    if (details.routeTableId !== undefined) d.routeTableId = details.routeTableId;
  });
}

export function deleteNatGateway(tx: Tx, scope: OciScope, id: string): void {
  terminateVcnGateway(tx, scope, 'oci.NatGateway', id);
}
