// Local peering gateways: up to 10 per VCN, peered one-to-one with an LPG of another VCN in the same
// region (ConnectLocalPeeringGateways), the VCNs' CIDRs must not overlap; the peer's advertised CIDRs
// (its VCN's and, for transit routing, the destinations of its route table) are shown on each side.
// Deleting one side leaves the other REVOKED.
import { cidr, formatPrefix, lastAddress, overlaps, prefixOf, type Ipv4Prefix } from '../../model/cidr.ts';
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { LocalPeeringGateway } from '../../model/oci/gateways.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { scheduleOciReady } from '../generic.ts';
import { applyNameAndTags, checkGatewayRouteTable, refuseIfGone, refuseOverPerVcnLimit, terminateVcnGateway } from './vcn-gateway.ts';

export const LOCAL_PEERING_GATEWAYS_PER_VCN = 10;

export interface CreateLocalPeeringGatewayDetails extends CommonDetails {
  vcnId?: string;
  routeTableId?: string;
}

export type UpdateLocalPeeringGatewayDetails = Omit<CreateLocalPeeringGatewayDetails, 'vcnId' | 'compartmentId'>;

export function createLocalPeeringGateway(tx: Tx, scope: OciScope, details: CreateLocalPeeringGatewayDetails): LocalPeeringGateway {
  checkDisplayName(details.displayName);
  const vcn = getRelated(tx, scope, 'oci.Vcn', details.vcnId, 'vcnId');
  refuseOverPerVcnLimit(tx, 'oci.LocalPeeringGateway', vcn.id, LOCAL_PEERING_GATEWAYS_PER_VCN, 'Local peering gateway');
  checkGatewayRouteTable(tx, scope, vcn.id, details.routeTableId);
  const base = newResource(tx, scope, 'localpeeringgateway', { ...details, compartmentId: details.compartmentId ?? vcn.compartmentId }, 'localpeeringgateway');
  const lpg: LocalPeeringGateway = {
    ...base, vcnId: vcn.id, isCrossTenancyPeering: false, peeringStatus: 'NEW', peeringStatusDetails: 'Not connected', lifecycleState: 'PROVISIONING',
    ...(details.routeTableId === undefined ? {} : { routeTableId: details.routeTableId }),
  };
  tx.put('oci.LocalPeeringGateway', lpg);
  scheduleOciReady(tx, 'oci.LocalPeeringGateway', lpg.id);
  return lpg;
}

/** The smallest prefix holding all of these (OCI's peerAdvertisedCidr aggregate). */
function aggregate(prefixes: readonly Ipv4Prefix[]): Ipv4Prefix | undefined {
  if (prefixes.length === 0) return undefined;
  const low = Math.min(...prefixes.map((p) => p.network));
  const high = Math.max(...prefixes.map(lastAddress));
  let length = Math.min(...prefixes.map((p) => p.length));
  while (length > 0 && prefixOf(low, length).network !== prefixOf(high, length).network) length--;
  return prefixOf(low, length);
}

/** What an LPG advertises to its peer: its VCN's CIDRs and the CIDR destinations of its route table. */
function advertisedBy(tx: Tx, lpg: LocalPeeringGateway): string[] {
  const vcn = tx.get('oci.Vcn', lpg.vcnId);
  const transit = lpg.routeTableId === undefined ? [] : (tx.get('oci.RouteTable', lpg.routeTableId)?.routeRules ?? [])
    .filter((r) => r.destinationType === 'CIDR_BLOCK').map((r) => r.destination);
  return [...new Set([...(vcn?.cidrBlocks ?? []), ...transit])];
}

/** Sets both sides' view of what the other advertises (at peering, and when a route table changes). */
export function refreshPeerAdvertised(tx: Tx, lpg: LocalPeeringGateway): void {
  if (lpg.peeringStatus !== 'PEERED' || lpg.peerId === undefined) return;
  const peer = tx.get('oci.LocalPeeringGateway', lpg.peerId);
  if (!peer) return;
  for (const [side, other] of [[lpg, peer], [peer, lpg]] as const) {
    const details = advertisedBy(tx, other);
    const whole = aggregate(details.map(cidr));
    tx.update('oci.LocalPeeringGateway', side.id, (d) => {
      d.peerAdvertisedCidrDetails = details;
      if (whole) d.peerAdvertisedCidr = formatPrefix(whole);
    });
  }
}

export function connectLocalPeeringGateways(tx: Tx, scope: OciScope, id: string, peerId: string | undefined): void {
  const lpg = getOwned(tx, scope, 'oci.LocalPeeringGateway', id);
  refuseIfGone('oci.LocalPeeringGateway', lpg);
  const peer = getRelated(tx, scope, 'oci.LocalPeeringGateway', peerId, 'peerId');
  // OCI's answer, even for a REVOKED side (oracle/terraform-provider-oci#765): a gateway peers once.
  for (const side of [lpg, peer]) {
    if (side.peeringStatus !== 'NEW') throw oci.invalidParameter(`The Local Peering Gateway with ID ${side.id} has already been connected.`);
  }
  if (peer.id === lpg.id || peer.vcnId === lpg.vcnId) throw oci.invalidParameter(`Local Peering Gateways ${lpg.id} and ${peer.id} belong to the same VCN: peering connects two different VCNs.`);
  if (peer.fr.region !== lpg.fr.region) throw oci.invalidParameter(`Local Peering Gateway ${peer.id} is in another region: local peering connects VCNs of one region (use a remote peering connection).`);
  const mine = tx.get('oci.Vcn', lpg.vcnId)?.cidrBlocks ?? [];
  const theirs = tx.get('oci.Vcn', peer.vcnId)?.cidrBlocks ?? [];
  for (const a of mine) {
    const clash = theirs.find((b) => overlaps(cidr(a), cidr(b)));
    if (clash !== undefined) throw oci.invalidParameter(`The VCNs of the two Local Peering Gateways have overlapping CIDRs (${a} and ${clash}); peered VCNs must not overlap.`);
  }
  for (const [side, other] of [[lpg, peer], [peer, lpg]] as const) {
    tx.update('oci.LocalPeeringGateway', side.id, (d) => {
      d.peeringStatus = 'PEERED';
      d.peeringStatusDetails = 'Connected to a peer';
      d.peerId = other.id;
    });
  }
  refreshPeerAdvertised(tx, tx.get('oci.LocalPeeringGateway', lpg.id) ?? lpg);
}

export function updateLocalPeeringGateway(tx: Tx, scope: OciScope, id: string, details: UpdateLocalPeeringGatewayDetails): LocalPeeringGateway {
  const lpg = getOwned(tx, scope, 'oci.LocalPeeringGateway', id);
  refuseIfGone('oci.LocalPeeringGateway', lpg);
  checkDisplayName(details.displayName);
  checkGatewayRouteTable(tx, scope, lpg.vcnId, details.routeTableId);
  const updated = tx.update('oci.LocalPeeringGateway', id, (d) => {
    applyNameAndTags(d, details);
    if (details.routeTableId !== undefined) d.routeTableId = details.routeTableId;
  });
  if (details.routeTableId !== undefined) refreshPeerAdvertised(tx, updated);
  return tx.get('oci.LocalPeeringGateway', id) ?? updated;
}

export function deleteLocalPeeringGateway(tx: Tx, scope: OciScope, id: string): void {
  const lpg = terminateVcnGateway(tx, scope, 'oci.LocalPeeringGateway', id);
  if (lpg === undefined) return;
  const peer = lpg.peerId === undefined ? undefined : tx.get('oci.LocalPeeringGateway', lpg.peerId);
  if (peer && peer.peerId === id && !isGone(peer.lifecycleState)) {
    tx.update('oci.LocalPeeringGateway', peer.id, (d) => {
      d.peeringStatus = 'REVOKED';
      d.peeringStatusDetails = 'The peer was deleted';
      delete d.peerAdvertisedCidr;
      delete d.peerAdvertisedCidrDetails;
    });
  }
}
