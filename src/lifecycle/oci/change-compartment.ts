// Moving a resource to another compartment of the caller's tenancy (the Change*Compartment
// actions). Only the named resource moves, keeping its OCID: OCI moves attached resources
// separately (a VCN's subnets, an instance's VNICs stay where they are).
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { Entity, Kind } from '../../model/world.ts';
import { getOwned, isGone, ociWhat, requireCompartment, type OciScope } from './scope.ts';

type Movable = { compartmentId: string; lifecycleState: string };

/** The resource in its new compartment. The target is checked like any compartment the caller names. */
export function changeCompartment<K extends Kind>(tx: Tx, scope: OciScope, kind: K, id: string, compartmentId: string | undefined): Entity<K> {
  const current = getOwned(tx, scope, kind, id) as Entity<K> & Movable;
  if (isGone(current.lifecycleState)) throw oci.incorrectState(`${ociWhat(kind)} ${id} is ${current.lifecycleState}.`);
  const target = requireCompartment(tx, scope, compartmentId);
  if (target === current.compartmentId) return current;
  return tx.update(kind, id, (d) => {
    (d as unknown as Movable).compartmentId = target;
  });
}
