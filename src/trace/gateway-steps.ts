// The VCN gateways a route rule can send a packet to, as hops: an internet or NAT gateway hands it
// to the internet (which FastRoute does not model, so a trace to a private address ends there), a
// service gateway to the Oracle Services Network, and a local peering gateway to the peered VCN,
// where it is delivered or, by the peer LPG's route table (transit routing), routed on.
import { containsAddress, intToIp } from '../model/cidr.ts';
import type { LocalPeeringGateway, ServiceGateway } from '../model/oci/gateways.ts';
import type { Service } from '../model/oci/services.ts';
import { insideVcn } from '../routing/oci/vcn-table.ts';
import { forwardHop, passHop } from './hops.ts';
import type { Walk } from './walk.ts';

/** Where the packet goes next once a gateway hands it back to a VCN. */
export interface VcnSteps {
  deliverInVcn(w: Walk, vcnId: string): void;
  followVcnRoute(w: Walk, vcnId: string, target: string): void;
}

const leaving = (w: Walk, via: string) => `${via}: the internet does not route ${intToIp(w.packet.dst)} back into a private network, and FastRoute does not model the internet`;

export function throughInternetGateway(w: Walk, id: string): void {
  const igw = w.r.memo.get('oci.InternetGateway', id);
  const hop = { kind: 'internet-gateway' as const, cloud: 'oci' as const, resource: id, name: igw?.displayName ?? id };
  if (!igw?.isEnabled) {
    w.drop({ ...hop, reason: 'BLACKHOLE', detail: igw ? 'the internet gateway is disabled (isEnabled false)' : 'the internet gateway the route targets no longer exists' });
    return;
  }
  w.drop({ ...hop, reason: 'NO_ROUTE', detail: leaving(w, 'sent to the internet through the internet gateway') });
}

export function throughNatGateway(w: Walk, id: string): void {
  const nat = w.r.memo.get('oci.NatGateway', id);
  const hop = { kind: 'nat-gateway' as const, cloud: 'oci' as const, resource: id, name: nat?.displayName ?? id };
  if (!nat || nat.blockTraffic) {
    w.drop({ ...hop, reason: 'BLACKHOLE', detail: nat ? 'the NAT gateway blocks traffic (blockTraffic true)' : 'the NAT gateway the route targets no longer exists' });
    return;
  }
  w.drop({ ...hop, reason: 'NO_ROUTE', detail: leaving(w, `translated to the NAT gateway's address ${nat.natIp} and sent to the internet`) });
}

/** Whether an enabled service covers the destination service ("All … Services" covers every one). */
function enables(sgw: ServiceGateway, target: Service): boolean {
  return sgw.services.some((s) => s.serviceId === target.id || s.serviceName.startsWith('All '));
}

export function throughServiceGateway(w: Walk, id: string, label: string): void {
  const sgw = w.r.memo.get('oci.ServiceGateway', id);
  const target = w.service;
  const hop = { kind: 'service-gateway' as const, cloud: 'oci' as const, resource: id, name: sgw?.displayName ?? id };
  if (!sgw || sgw.blockTraffic) {
    w.drop({ ...hop, reason: 'BLACKHOLE', detail: sgw ? 'the service gateway blocks traffic (blockTraffic true)' : 'the service gateway the route targets no longer exists' });
    return;
  }
  if (!target) {
    w.drop({ ...hop, reason: 'NO_ROUTE', detail: `a service gateway carries traffic for Oracle services only, not for ${intToIp(w.packet.dst)}` });
    return;
  }
  if (!enables(sgw, target)) {
    w.drop({ ...hop, reason: 'NO_ROUTE', detail: `${target.name} is not enabled on the service gateway (route rule ${label})` });
    return;
  }
  w.hop(w.explain ? passHop('service-gateway', 'oci', id, sgw.displayName, `to the Oracle Services Network (${target.cidrBlock}), without crossing the internet`) : null);
  w.deliver('oci', target.id, target.name, w.explain ? `${target.name} in the Oracle Services Network` : '');
}

const isAllServices = (label: string): boolean => label.startsWith('all-');
const regionKeyOf = (label: string): string | undefined => label.split('-')[1];

/** The SERVICE_CIDR_BLOCK rule that covers the service: its own label, else its region's "all services" label. */
export function serviceRouteFor<R extends { destination: string }>(rules: readonly R[], target: Service): R | undefined {
  return rules.find((r) => r.destination === target.cidrBlock)
    ?? rules.find((r) => isAllServices(r.destination) && regionKeyOf(r.destination) === regionKeyOf(target.cidrBlock));
}

function peerOf(w: Walk, lpg: LocalPeeringGateway | undefined): LocalPeeringGateway | undefined {
  if (lpg?.peeringStatus !== 'PEERED' || lpg.peerId === undefined) return undefined;
  const peer = w.r.memo.get('oci.LocalPeeringGateway', lpg.peerId);
  return peer && peer.lifecycleState !== 'TERMINATED' && peer.lifecycleState !== 'TERMINATING' ? peer : undefined;
}

export function throughLocalPeering(w: Walk, id: string, steps: VcnSteps): void {
  const lpg = w.r.memo.get('oci.LocalPeeringGateway', id);
  if (!lpg || !w.enter(lpg, id)) {
    if (!lpg) w.drop({ kind: 'local-peering-gateway', cloud: 'oci', resource: id, reason: 'BLACKHOLE', detail: 'the local peering gateway the route targets no longer exists' });
    return;
  }
  const peer = peerOf(w, lpg);
  if (!peer) {
    w.drop({ kind: 'local-peering-gateway', cloud: 'oci', resource: id, name: lpg.displayName, reason: 'NO_ROUTE', detail: `the local peering gateway is not peered (peeringStatus ${lpg.peeringStatus})` });
    return;
  }
  const peerVcn = w.r.memo.get('oci.Vcn', peer.vcnId);
  w.hop(w.explain ? passHop('local-peering-gateway', 'oci', id, lpg.displayName, `to the peered VCN ${peerVcn?.displayName ?? peer.vcnId} through ${peer.displayName}`) : null);
  if (insideVcn(w.r.memo, peer.vcnId, { network: w.packet.dst, length: 32 })) { steps.deliverInVcn(w, peer.vcnId); return; }
  // Transit routing: a packet for beyond the peer VCN follows the peer LPG's route table, or is dropped.
  const table = peer.routeTableId === undefined ? undefined : w.r.vcnTable(peer.routeTableId);
  const m = table?.fib.lookup(w.packet.dst);
  if (!m || m.value.routeType !== 'STATIC' || !containsAddress(m.value.prefix, w.packet.dst)) {
    w.drop({ kind: 'local-peering-gateway', cloud: 'oci', resource: peer.id, name: peer.displayName, reason: 'NO_ROUTE', detail: `${intToIp(w.packet.dst)} is not in the peered VCN, and ${peer.routeTableId === undefined ? 'its LPG has no route table for transit routing' : 'no rule of the LPG\'s route table matches it'}` });
    return;
  }
  const name = w.explain ? w.r.memo.get('oci.RouteTable', peer.routeTableId ?? '')?.displayName : undefined;
  w.hop(w.explain ? forwardHop('vcn-ingress-route-table', 'oci', peer.routeTableId ?? '', name, `rule ${m.value.destination} → ${m.value.networkEntityId}`) : null);
  steps.followVcnRoute(w, peer.vcnId, m.value.networkEntityId);
}
