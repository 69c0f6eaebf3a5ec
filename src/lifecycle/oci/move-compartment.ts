// Change*Compartment for the gateways this module serves: the target compartment must be the
// caller's, the resource must not be going away, and only compartmentId changes.
import type { Tx } from '../../model/tx.ts';
import { getOwned, requireCompartment, type OciScope } from './scope.ts';
import { refuseIfGone } from './vcn-gateway.ts';

export type MovableKind = 'oci.NatGateway' | 'oci.ServiceGateway' | 'oci.LocalPeeringGateway' | 'oci.RemotePeeringConnection';

export function moveToCompartment(tx: Tx, scope: OciScope, kind: MovableKind, id: string, compartmentId: string | undefined): void {
  const entity = getOwned(tx, scope, kind, id);
  refuseIfGone(kind, entity);
  const target = requireCompartment(tx, scope, compartmentId);
  if (entity.compartmentId === target) return;
  tx.update(kind, id, (d) => { d.compartmentId = target; });
}
