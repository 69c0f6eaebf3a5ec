// OCI hops: VNIC security (security lists ∪ NSGs), the subnet's VCN route table, forwarding through
// private-IP appliances, the VCN's gateways (gateway-steps.ts), the DRG (the route table of the
// attachment the packet entered by), a remote peering connection to the peer DRG in another
// region, and delivery into a VCN (through its attachment's ingress route table when there is one).
import { intToIp, containsAddress } from '../model/cidr.ts';
import type { Vnic } from '../model/oci/compute.ts';
import type { DrgAttachment } from '../model/oci/drg.ts';
import { evaluateOci, ociReplyAllowed } from '../security/oci.ts';
import { evaluateHostFirewall } from '../security/host-firewall.ts';
import type { SecurityDecision } from '../security/types.ts';
import { addressIndex } from './endpoints.ts';
import { vnicSecurity } from './security-context.ts';
import { describeDecision, type Walk } from './walk.ts';
import { crossToAzure } from './interconnect-steps.ts';
import { onPremisesFromOci } from './on-premises-steps.ts';
import type { ReasonCode } from './reasons.ts';
import { allowHop, elementHop, forwardHop, passHop } from './hops.ts';
import { vcnAttachment } from './lookups.ts';
import type { Subnet } from '../model/oci/vcn.ts';
import type { VcnTable } from '../routing/oci/vcn-table.ts';
import {
  serviceRouteFor, throughInternetGateway, throughLocalPeering, throughNatGateway, throughServiceGateway, type VcnSteps,
} from './gateway-steps.ts';
import { overAdvertisedLimitDetail } from '../routing/interconnect/bgp.ts';
import { offeredRoutes, peerRpcAttachment } from '../routing/oci/drg-table.ts';

const drgLabels = new WeakMap<object, string>();
/** The rule text of a DRG route, built once per (immutable) route object. */
function drgLabel(pick: { routeType: string; destination: string; nextHopDrgAttachmentId: string; routeProvenance: string; attributes: { reason?: string } }): string {
  let label = drgLabels.get(pick);
  if (label === undefined) {
    label = `${pick.routeType} ${pick.destination} → ${pick.nextHopDrgAttachmentId} (${pick.routeProvenance}${pick.attributes.reason ? `, ${pick.attributes.reason}` : ''})`;
    drgLabels.set(pick, label);
  }
  return label;
}

const vcnRuleLabels = new WeakMap<object, string>();
/** The rule text of a VCN route, built once per (immutable) route object. */
function vcnRuleLabel(route: { routeType: string; destination: string; networkEntityId: string }): string {
  let label = vcnRuleLabels.get(route);
  if (label === undefined) {
    label = route.routeType === 'LOCAL' ? `local route ${route.destination} (VCN)` : `rule ${route.destination} → ${route.networkEntityId}`;
    vcnRuleLabels.set(route, label);
  }
  return label;
}

function check(w: Walk, vnic: Vnic, direction: 'ingress' | 'egress'): SecurityDecision {
  const sec = vnicSecurity(w.r, vnic);
  if (!w.forward) {
    const d = evaluateOci(direction, w.packet, sec);
    (direction === 'ingress' ? w.inbound : w.outbound).set(vnic.id, { decision: d, direction, packet: w.packet });
    return d;
  }
  const fwd = (direction === 'ingress' ? w.forward.outbound : w.forward.inbound).get(vnic.id);
  return fwd && (fwd.direction === 'ingress' || fwd.direction === 'egress') ? ociReplyAllowed(fwd.direction, fwd.packet, fwd.decision, sec) : evaluateOci(direction, w.packet, sec);
}

function securityHop(w: Walk, vnic: Vnic, direction: 'ingress' | 'egress'): boolean {
  const d = check(w, vnic, direction);
  const kind = direction === 'ingress' ? 'vnic-ingress' : 'vnic-egress';
  if (!d.allowed) {
    w.drop({
      kind, cloud: 'oci', resource: d.resource ?? vnic.id, name: vnic.displayName, rule: describeDecision(d), reason: 'SECURITY_LIST_DENY',
      detail: `${direction} at VNIC ${vnic.privateIp}: ${d.stateless ? 'the stateless rule wins and its reply needs its own rule' : 'no security list or NSG rule allows it'}`,
    });
    return false;
  }
  w.hop(w.explain ? allowHop(kind, 'oci', d.resource ?? vnic.id, vnic.displayName, describeDecision(d)) : null);
  return true;
}

/** Starts a walk at an OCI VNIC (the source). */
export function fromOciVnic(w: Walk, vnic: Vnic): void {
  if (!securityHop(w, vnic, 'egress')) return;
  routeFromSubnet(w, vnic.subnetId);
}

function routeFromSubnet(w: Walk, subnetId: string): void {
  const subnet = w.r.memo.get('oci.Subnet', subnetId);
  if (!subnet || !w.enter(subnet, subnetId)) return;
  const table = w.r.vcnTable(subnet.routeTableId);
  if (w.service) { routeToService(w, subnet, table); return; }
  const m = table?.fib.lookup(w.packet.dst);
  const name = m && !w.explain ? undefined : w.r.memo.get('oci.RouteTable', subnet.routeTableId)?.displayName;
  if (!m) {
    // An on-premises site's prefix: no rule would help (a rule to the DRG finds no route there either).
    const onPremises = onPremisesFromOci(w.r, w.packet.dst);
    const missing = `no rule of route table ${name ?? subnet.routeTableId} (subnet ${subnet.displayName}) matches ${intToIp(w.packet.dst)}`;
    w.drop({ kind: 'vcn-route-table', cloud: 'oci', resource: subnet.routeTableId, ...(name === undefined ? {} : { name }), reason: onPremises === undefined ? 'NO_ROUTE' : 'TRANSIT_NOT_SUPPORTED', detail: onPremises === undefined ? `${missing}: OCI drops it` : `${missing}, and none can help: ${onPremises}` });
    return;
  }
  const route = m.value;
  w.hop(w.explain ? forwardHop('vcn-route-table', 'oci', subnet.routeTableId, name, vcnRuleLabel(route)) : null);
  followVcnRoute(w, subnet.vcnId, route.networkEntityId);
}

/** To an Oracle service: only a SERVICE_CIDR_BLOCK rule (the service's label or "all services") routes it. */
function routeToService(w: Walk, subnet: Subnet, table: VcnTable | undefined): void {
  const service = w.service;
  const rule = service && table ? serviceRouteFor(table.serviceRoutes, service) : undefined;
  const name = w.r.memo.get('oci.RouteTable', subnet.routeTableId)?.displayName;
  if (!service || !rule) {
    w.drop({ kind: 'vcn-route-table', cloud: 'oci', resource: subnet.routeTableId, ...(name === undefined ? {} : { name }), reason: 'NO_ROUTE', detail: `no rule of route table ${name ?? subnet.routeTableId} (subnet ${subnet.displayName}) routes ${service?.cidrBlock ?? 'the service'} to a service gateway` });
    return;
  }
  w.hop(w.explain ? forwardHop('vcn-route-table', 'oci', subnet.routeTableId, name, `rule ${rule.destination} → ${rule.networkEntityId}`) : null);
  throughServiceGateway(w, rule.networkEntityId, rule.destination);
}

const vcnSteps: VcnSteps = { deliverInVcn: (w, vcnId) => { deliverInVcn(w, vcnId); }, followVcnRoute: (w, vcnId, target) => { followVcnRoute(w, vcnId, target); } };

/** Where a VCN route (static rule or local) sends the packet. */
function followVcnRoute(w: Walk, vcnId: string, target: string): void {
  if (target === 'local') { deliverInVcn(w, vcnId); return; }
  if (target.startsWith('ocid1.drg.')) {
    const att = vcnAttachment(w.r, target, vcnId);
    if (!att) {
      w.drop({ kind: 'drg', cloud: 'oci', resource: target, reason: 'NO_ROUTE', detail: `the DRG is not attached to VCN ${vcnId}` });
      return;
    }
    atDrg(w, att); return;
  }
  if (target.startsWith('ocid1.privateip.')) { throughAppliance(w, target); return; }
  if (target.startsWith('ocid1.localpeeringgateway.')) { throughLocalPeering(w, target, vcnSteps); return; }
  if (target.startsWith('ocid1.natgateway.')) { throughNatGateway(w, target); return; }
  if (target.startsWith('ocid1.servicegateway.')) { throughServiceGateway(w, target, ''); return; }
  throughInternetGateway(w, target);
}

function throughAppliance(w: Walk, privateIpId: string): void {
  const pip = w.r.memo.get('oci.PrivateIp', privateIpId);
  const vnic = pip ? w.r.memo.get('oci.Vnic', pip.vnicId) : undefined;
  if (!vnic || !w.enter(vnic, vnic.id)) {
    if (!vnic) w.drop({ kind: 'appliance', cloud: 'oci', resource: privateIpId, reason: 'BLACKHOLE', detail: 'the private IP the route targets no longer exists' });
    return;
  }
  if (!securityHop(w, vnic, 'ingress')) return;
  if (!vnic.skipSourceDestCheck) {
    w.drop({ kind: 'appliance', cloud: 'oci', resource: vnic.id, name: vnic.displayName, reason: 'SOURCE_DEST_CHECK', detail: `VNIC ${vnic.privateIp} received a packet for ${intToIp(w.packet.dst)} without skipSourceDestCheck` });
    return;
  }
  w.appliances.push(vnic.id);
  elementHop(w, 'appliance', 'oci', vnic.id, () => w.r.memo.get('oci.Instance', vnic.fr.instanceId)?.displayName ?? vnic.displayName, () => `forwarded by the appliance at ${vnic.privateIp} (stateful firewall)`);
  if (!securityHop(w, vnic, 'egress')) return;
  routeFromSubnet(w, vnic.subnetId);
}

/** Why the DRG has no route for the destination, when the interconnect explains it. */
function missingRouteReason(w: Walk, drgId: string): { reason: ReasonCode; detail: string } | undefined {
  const onPremises = onPremisesFromOci(w.r, w.packet.dst);
  if (onPremises !== undefined) return { reason: 'TRANSIT_NOT_SUPPORTED', detail: onPremises };
  for (const att of w.r.memo.children('oci.DrgAttachment', drgId)) {
    if (att.networkDetails.type !== 'VIRTUAL_CIRCUIT') continue;
    const ic = w.r.interconnect(att.networkDetails.id);
    if (ic.down) return { reason: ic.down, detail: ic.downReason ?? '' };
    const disconnected = ic.overAdvertisedLimit.find((o) => w.r.gatewayAdvertisedFib(o.gatewayId).lookup(w.packet.dst) !== undefined);
    if (disconnected) return { reason: 'GATEWAY_NOT_CONNECTED', detail: overAdvertisedLimitDetail(w.r, disconnected) };
    if (ic.gatewayIds.length === 0) return { reason: 'GATEWAY_NOT_CONNECTED', detail: 'no ExpressRoute gateway is connected to the circuit, so Azure advertises nothing' };
    for (const prefix of ic.bestToOci.keys()) {
      const best = ic.bestToOci.get(prefix)?.routes[0];
      if (best && containsAddress(best.network, w.packet.dst)) return { reason: 'NOT_IMPORTED', detail: `the virtual circuit learned ${prefix}, but this DRG route table does not import it` };
    }
  }
  for (const att of w.r.memo.children('oci.DrgAttachment', drgId)) {
    if (att.networkDetails.type !== 'REMOTE_PEERING_CONNECTION') continue;
    const why = remotePeeringMissing(w, att);
    if (why) return why;
  }
  return undefined;
}

/** Why a remote peering connection of this DRG does not bring a route for the destination, if it could. */
function remotePeeringMissing(w: Walk, att: DrgAttachment): { reason: ReasonCode; detail: string } | undefined {
  const peerAtt = peerRpcAttachment(w.r, att.id);
  if (!peerAtt) return undefined;
  const offered = offeredRoutes(w.r, att.id).find((o) => containsAddress(o.prefix, w.packet.dst));
  if (offered) return { reason: 'NOT_IMPORTED', detail: `remote peering connection ${att.displayName} brings ${offered.destination} from ${peerDrgLabel(w, peerAtt)}, but this DRG route table does not import it` };
  // The peer DRG routes the destination elsewhere but does not advertise it through its end of the peering.
  const known = w.r.memo.children('oci.DrgRouteTable', peerAtt.drgId).some((t) => w.r.drgTable(t.id)?.fib.lookup(w.packet.dst) !== undefined);
  if (!known) return undefined;
  const table = w.r.memo.get('oci.DrgRouteTable', peerAtt.drgRouteTableId)?.displayName ?? peerAtt.drgRouteTableId;
  return { reason: 'NOT_EXPORTED', detail: `${peerDrgLabel(w, peerAtt)} has a route for ${intToIp(w.packet.dst)} but does not advertise it over the remote peering: ${table}, the route table of its remote peering attachment, does not import it (or its export distribution leaves it out)` };
}

const peerDrgLabel = (w: Walk, peerAtt: DrgAttachment) => `DRG ${w.r.memo.get('oci.Drg', peerAtt.drgId)?.displayName ?? peerAtt.drgId} in ${peerAtt.fr.region}`;

/** From the DRG through a remote peering connection to the peer DRG, which routes by its own attachment's table. */
function crossRemotePeering(w: Walk, att: DrgAttachment): void {
  const rpcId = att.networkDetails.id;
  const rpc = w.r.memo.get('oci.RemotePeeringConnection', rpcId);
  const name = rpc?.displayName ?? rpcId;
  const peerAtt = peerRpcAttachment(w.r, att.id);
  if (!peerAtt) {
    w.drop({ kind: 'remote-peering-connection', cloud: 'oci', resource: rpcId, name, reason: 'NO_ROUTE', detail: `remote peering connection ${name} is not peered (peeringStatus ${rpc?.peeringStatus ?? 'unknown'}), or its peer is not attached` });
    return;
  }
  w.hop(w.explain ? passHop('remote-peering-connection', 'oci', rpcId, name, `remote peering connection to ${peerDrgLabel(w, peerAtt)}`) : null);
  atDrg(w, peerAtt);
}

/** The start of a DRG route table hop (a drop adds its rule, reason and detail). */
const drgTableHop = (ingress: DrgAttachment, tableName: string | undefined) =>
  ({ kind: 'drg-route-table' as const, cloud: 'oci' as const, resource: ingress.drgRouteTableId, ...(tableName === undefined ? {} : { name: tableName }) });

export function atDrg(w: Walk, ingress: DrgAttachment): void {
  if (!w.enter(ingress, ingress.id)) return;
  const table = w.r.drgTable(ingress.drgRouteTableId);
  const m = table?.fib.lookup(w.packet.dst);
  const tableName = m && !w.explain ? undefined : w.r.memo.get('oci.DrgRouteTable', ingress.drgRouteTableId)?.displayName;
  if (!m) {
    const why = missingRouteReason(w, ingress.drgId);
    w.drop({ ...drgTableHop(ingress, tableName), reason: why?.reason ?? 'NO_ROUTE', detail: why?.detail ?? `no route for ${intToIp(w.packet.dst)} in ${tableName ?? 'the DRG route table'} of ${w.r.memo.get('oci.Drg', ingress.drgId)?.displayName ?? ingress.drgId} (used for traffic entering from ${ingress.displayName})` });
    return;
  }
  const winners = m.value;
  const pick = winners.length > 1 ? winners[w.flowHash % winners.length] : winners[0];
  if (!pick) return;
  if (pick.isBlackhole) {
    w.drop({ ...drgTableHop(ingress, tableName), rule: drgLabel(pick), reason: 'BLACKHOLE', detail: `${pick.destination} is a BLACKHOLE rule` });
    return;
  }
  const next = w.r.memo.get('oci.DrgAttachment', pick.nextHopDrgAttachmentId);
  if (!next) {
    w.drop({ ...drgTableHop(ingress, tableName), rule: drgLabel(pick), reason: 'BLACKHOLE', detail: 'the next-hop attachment no longer exists' });
    return;
  }
  // OCI drops packets between two on-premises attachments (virtual circuits, IPSec tunnels), not to or from a remote peering.
  if (ingress.networkDetails.type === 'VIRTUAL_CIRCUIT' && next.networkDetails.type === 'VIRTUAL_CIRCUIT') {
    w.drop({ ...drgTableHop(ingress, tableName), rule: drgLabel(pick), reason: 'TRANSIT_NOT_SUPPORTED', detail: `packets entering from a ${ingress.networkDetails.type} attachment cannot leave through another ${next.networkDetails.type} attachment` });
    return;
  }
  w.hop(w.explain ? forwardHop('drg-route-table', 'oci', ingress.drgRouteTableId, tableName, drgLabel(pick), winners.length > 1 ? `ECMP across ${winners.length} paths, flow hash picked this one` : undefined) : null);
  if (next.networkDetails.type === 'VCN') { enterVcn(w, next); return; }
  if (next.networkDetails.type === 'REMOTE_PEERING_CONNECTION') { crossRemotePeering(w, next); return; }
  crossToAzure(w, next, pick.destination);
}

/** From the DRG into a VCN: the attachment's ingress route table (transit) or straight to the subnet. */
function enterVcn(w: Walk, att: DrgAttachment): void {
  if (att.networkDetails.type !== 'VCN') return;
  const vcnId = att.networkDetails.id;
  const ingressTable = att.networkDetails.routeTableId;
  if (ingressTable !== undefined) {
    const table = w.r.vcnTable(ingressTable);
    const m = table?.fib.lookup(w.packet.dst);
    if (m && m.value.routeType === 'STATIC') {
      w.hop(w.explain ? forwardHop('vcn-ingress-route-table', 'oci', ingressTable, w.r.memo.get('oci.RouteTable', ingressTable)?.displayName, vcnRuleLabel(m.value)) : null);
      followVcnRoute(w, vcnId, m.value.networkEntityId); return;
    }
  }
  deliverInVcn(w, vcnId);
}

function deliverInVcn(w: Walk, vcnId: string): void {
  const target = w.subnetTarget;
  const vnic = vnicInVcn(w, vcnId)
    ?? (target?.cloud === 'oci' && w.r.memo.get('oci.Subnet', target.subnetId)?.vcnId === vcnId ? subnetVnic(w.r.memo.get('oci.Subnet', target.subnetId), w.packet.dst) : undefined);
  if (!vnic) {
    w.drop({ kind: 'destination', cloud: 'oci', resource: vcnId, name: w.r.memo.get('oci.Vcn', vcnId)?.displayName ?? vcnId, reason: 'UNKNOWN_ENDPOINT', detail: `no VNIC has ${intToIp(w.packet.dst)} in this VCN` });
    return;
  }
  deliverToVnic(w, vnic);
}

/** The VNIC holding the destination address in this VCN (addresses repeat across VCNs). */
function vnicInVcn(w: Walk, vcnId: string): Vnic | undefined {
  for (const v of addressIndex(w.r).oci.get(w.packet.dst) ?? []) if (w.r.memo.get('oci.Subnet', v.subnetId)?.vcnId === vcnId) return v;
  return undefined;
}

function deliverToVnic(w: Walk, vnic: Vnic): void {
  if (!securityHop(w, vnic, 'ingress')) return;
  const instance = w.r.memo.get('oci.Instance', vnic.fr.instanceId);
  if (!hostFirewall(w, instance?.fr.hostFirewall, instance?.id ?? vnic.id, instance?.displayName ?? vnic.displayName, 'oci')) return;
  w.deliver('oci', instance?.id ?? vnic.id, instance?.displayName ?? vnic.displayName, w.explain ? `delivered to ${vnic.privateIp}` : '');
}

/** A stand-in VNIC for a subnet without VMs (matrix mode): the subnet's security lists, no NSG. */
export function subnetVnic(subnet: Subnet | undefined, ip: number): Vnic | undefined {
  if (!subnet) return undefined;
  return {
    id: `subnet-endpoint:${subnet.id}`, compartmentId: subnet.compartmentId, displayName: subnet.displayName, availabilityDomain: '', privateIp: intToIp(ip),
    macAddress: '', subnetId: subnet.id, isPrimary: true, nsgIds: [], skipSourceDestCheck: false, lifecycleState: 'AVAILABLE', timeCreated: subnet.timeCreated,
    freeformTags: {}, definedTags: {}, fr: { tenancyId: subnet.fr.tenancyId, region: subnet.fr.region, instanceId: '' },
  };
}

export function hostFirewall(w: Walk, fw: Parameters<typeof evaluateHostFirewall>[1], id: string, name: string, cloud: 'oci' | 'azure'): boolean {
  if (fw === undefined) return true;
  // Guest firewalls (firewalld, Windows Firewall) track connections: replies pass.
  const d = w.isReply ? { allowed: true, reason: 'RULE_ALLOW' as const, rule: 'connection tracking' } : evaluateHostFirewall(w.packet, fw);
  if (!d.allowed) {
    w.drop({ kind: 'host-firewall', cloud, resource: id, name, rule: d.rule ?? 'host firewall', reason: 'HOST_FIREWALL_DENY', detail: `the guest firewall of ${name} drops ${w.packet.protocol}${w.packet.dstPort === undefined ? '' : `/${w.packet.dstPort}`}` });
    return false;
  }
  w.hop(w.explain ? { kind: 'host-firewall', cloud, resource: id, name, decision: 'allow', rule: d.rule ?? 'host firewall', reason: 'ALLOWED' } : null);
  return true;
}
