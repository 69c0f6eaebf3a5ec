// Compartments: named containers under the tenancy (FastRoute models one level).
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { Compartment } from '../../model/oci/common.ts';
import type { OciScope } from './scope.ts';

export function ensureCompartment(tx: Tx, scope: OciScope, name: string, description = ''): Compartment {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) throw oci.invalidParameter(`Compartment name ${name} is invalid: 1-100 letters, digits, '.', '_' or '-'.`);
  const existing = tx.children('oci.Compartment', scope.tenancyId).find((c) => c.name === name && c.lifecycleState === 'ACTIVE');
  if (existing) return existing;
  return tx.put('oci.Compartment', {
    id: `ocid1.compartment.oc1..aaaaaaaa${tx.ctx.ids.randomChars(52)}`, compartmentId: scope.tenancyId, name, description,
    lifecycleState: 'ACTIVE', timeCreated: tx.nowIso, fr: { tenancyId: scope.tenancyId },
  });
}
