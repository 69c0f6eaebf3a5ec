// What every gateway of a VCN (internet, NAT, service, local peering) shares: its optional route
// table must be a live table of the same VCN, its name and tags change alike, it cannot go while a
// route rule targets it, and some kinds allow only so many per VCN.
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { Entity, Kind } from '../../model/world.ts';
import type { CommonDetails } from './scope.ts';
import { getOwned, getRelated, isGone, type OciScope } from './scope.ts';
import { ociTerminate } from '../generic.ts';
import { ociWhat } from './scope.ts';

export type GatewayKind = 'oci.InternetGateway' | 'oci.NatGateway' | 'oci.ServiceGateway' | 'oci.LocalPeeringGateway';

/** The route table a gateway uses (transit or ingress routing) must belong to the gateway's VCN. */
export function checkGatewayRouteTable(tx: Tx, scope: OciScope, vcnId: string, routeTableId: string | undefined): void {
  if (routeTableId === undefined) return;
  const rt = getRelated(tx, scope, 'oci.RouteTable', routeTableId, 'routeTableId');
  if (rt.vcnId !== vcnId) throw oci.invalidParameter(`Route table ${routeTableId} belongs to another VCN.`);
}

/** The live gateways of a kind in a VCN. */
export function liveGateways(tx: Tx, kind: GatewayKind, vcnId: string): { id: string }[] {
  return tx.children(kind, vcnId).filter((g) => !isGone(g.lifecycleState));
}

/** OCI's per-VCN limit on a gateway kind: one more than `limit` live gateways is 400 InvalidParameter. */
export function refuseOverPerVcnLimit(tx: Tx, kind: GatewayKind, vcnId: string, limit: number, what: string): void {
  if (liveGateways(tx, kind, vcnId).length >= limit) throw oci.perVcnLimit(limit, what, vcnId);
}

/** Display name and tags, as every update details model carries them. */
export function applyNameAndTags(d: { displayName: string; freeformTags: CommonDetails['freeformTags']; definedTags: CommonDetails['definedTags'] }, details: CommonDetails): void {
  if (details.displayName !== undefined) d.displayName = details.displayName;
  if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
  if (details.definedTags !== undefined) d.definedTags = details.definedTags;
}

/** 409 Conflict while a live route table of the VCN has a rule targeting the gateway, as OCI answers. */
function refuseIfRouteTarget(tx: Tx, kind: Kind, vcnId: string, id: string): void {
  const rt = tx.children('oci.RouteTable', vcnId).find((t) => t.routeRules.some((r) => r.networkEntityId === id) && !isGone(t.lifecycleState));
  if (rt) throw oci.conflict(`The ${ociWhat(kind)} ${id} is the target of a rule in route table ${rt.id}. You must remove the reference to proceed with this operation.`);
}

/** 409 IncorrectState for changes to a gateway that is going away. */
export function refuseIfGone(kind: Kind, gateway: { id: string; lifecycleState: string }): void {
  if (isGone(gateway.lifecycleState)) throw oci.incorrectState(`${ociWhat(kind)} ${gateway.id} is ${gateway.lifecycleState}.`);
}

/**
 * Deletes a gateway of a VCN as OCI does: a repeated delete is a no-op, a route rule still targeting it is a
 * 409. Returns the gateway it terminated (undefined when it was already gone).
 */
export function terminateVcnGateway<K extends GatewayKind>(tx: Tx, scope: OciScope, kind: K, id: string): Entity<K> | undefined {
  const gateway = getOwned(tx, scope, kind, id);
  if (isGone(gateway.lifecycleState)) return undefined;
  refuseIfRouteTarget(tx, kind, gateway.vcnId, id);
  ociTerminate(tx, kind, id);
  return gateway;
}
