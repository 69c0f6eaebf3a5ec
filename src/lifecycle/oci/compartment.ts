// Compartments: named containers under the tenancy (FastRoute models one level).
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { Compartment, DefinedTags, FreeformTags } from '../../model/oci/common.ts';
import type { OciScope } from './scope.ts';

const NAME = /^[A-Za-z0-9._-]{1,100}$/;

function checkName(name: string): void {
  if (!NAME.test(name)) throw oci.invalidParameter(`Compartment name ${name} is invalid: 1-100 letters, digits, '.', '_' or '-'.`);
}

function activeNamed(tx: Tx, scope: OciScope, name: string): Compartment | undefined {
  return tx.children('oci.Compartment', scope.tenancyId).find((c) => c.name === name && c.lifecycleState === 'ACTIVE');
}

function newCompartment(tx: Tx, scope: OciScope, name: string, description: string, tags: { freeformTags?: FreeformTags; definedTags?: DefinedTags } = {}): Compartment {
  return tx.put('oci.Compartment', {
    id: `ocid1.compartment.oc1..aaaaaaaa${tx.ctx.ids.randomChars(52)}`, compartmentId: scope.tenancyId, name, description,
    lifecycleState: 'ACTIVE', timeCreated: tx.nowIso, ...tags, fr: { tenancyId: scope.tenancyId },
  });
}

export function ensureCompartment(tx: Tx, scope: OciScope, name: string, description = ''): Compartment {
  checkName(name);
  return activeNamed(tx, scope, name) ?? newCompartment(tx, scope, name, description);
}

export interface CreateCompartmentDetails {
  compartmentId?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  freeformTags?: FreeformTags | undefined;
  definedTags?: DefinedTags | undefined;
}

/**
 * The Identity API's CreateCompartment. The parent must be the tenancy: a compartment inside a
 * compartment is refused by name, since FastRoute models one level. Created ACTIVE (OCI passes
 * through CREATING first).
 */
export function createCompartment(tx: Tx, scope: OciScope, d: CreateCompartmentDetails): Compartment {
  if (d.compartmentId === undefined || d.compartmentId === '') throw oci.missingParameter('compartmentId');
  if (d.name === undefined) throw oci.missingParameter('name');
  if (d.description === undefined) throw oci.missingParameter('description');
  if (d.compartmentId !== scope.tenancyId) {
    const parent = tx.get('oci.Compartment', d.compartmentId);
    if (parent === undefined || parent.fr.tenancyId !== scope.tenancyId) throw oci.notFound('Compartment', d.compartmentId);
    throw oci.invalidParameter(`Nested compartments are not modelled: FastRoute creates compartments directly under the tenancy ${scope.tenancyId}, not inside compartment ${d.compartmentId}.`);
  }
  checkName(d.name);
  if (d.description.length < 1 || d.description.length > 400) throw oci.invalidParameter('description size must be between 1 and 400');
  // Names are unique among the parent's compartments (here: the tenancy's).
  if (activeNamed(tx, scope, d.name)) throw oci.compartmentAlreadyExists(d.name);
  const tags = { freeformTags: d.freeformTags ?? {}, definedTags: d.definedTags ?? {} };
  return newCompartment(tx, scope, d.name, d.description, tags);
}
