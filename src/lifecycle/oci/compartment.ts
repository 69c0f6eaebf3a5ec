// Compartments: named containers under the tenancy (FastRoute models one level).
import { oci } from '../../model/errors.ts';
import type { Tx } from '../../model/tx.ts';
import type { ReadView } from '../../model/world.ts';
import type { Compartment, DefinedTags, FreeformTags } from '../../model/oci/common.ts';
import type { OciScope } from './scope.ts';
import { scheduleOciReady } from '../generic.ts';

const NAME = /^[A-Za-z0-9._-]{1,100}$/;

function checkName(name: string): void {
  if (!NAME.test(name)) throw oci.invalidParameter(`Compartment name ${name} is invalid: 1-100 letters, digits, '.', '_' or '-'.`);
}

/** A compartment holding `name` (one still CREATING holds it too). */
function activeNamed(tx: Tx, scope: OciScope, name: string): Compartment | undefined {
  return tx.children('oci.Compartment', scope.tenancyId).find((c) => c.name === name && (c.lifecycleState === 'ACTIVE' || c.lifecycleState === 'CREATING'));
}

type Tags = { freeformTags?: FreeformTags; definedTags?: DefinedTags };

function newCompartment(tx: Tx, scope: OciScope, name: string, description: string, tags: Tags = {}, lifecycleState: 'CREATING' | 'ACTIVE' = 'ACTIVE'): Compartment {
  return tx.put('oci.Compartment', {
    id: `ocid1.compartment.oc1..aaaaaaaa${tx.ctx.ids.randomChars(52)}`, compartmentId: scope.tenancyId, name, description,
    lifecycleState, timeCreated: tx.nowIso, ...tags, fr: { tenancyId: scope.tenancyId },
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
 * compartment is refused by name, since FastRoute models one level. Answered CREATING, then ACTIVE
 * after the `oci.create` delay (at the next read in the instant clock), as OCI documents: "the new
 * object's lifecycleState will temporarily be CREATING".
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
  const made = newCompartment(tx, scope, d.name, d.description, tags, 'CREATING');
  scheduleOciReady(tx, 'oci.Compartment', made.id, 'oci.create', 'ACTIVE');
  return made;
}

/** The tenancy seen as its root compartment: GetCompartment of the tenancy OCID. No parent (OCI shows `compartment-id` null). */
export interface RootCompartment {
  id: string;
  name: string;
  description: string;
  lifecycleState: 'ACTIVE';
  timeCreated: string;
  freeformTags: FreeformTags;
  definedTags: DefinedTags;
}

/** [U] FastRoute keeps no creation time for tenancies; the epoch says "unknown". */
export const ROOT_COMPARTMENT_TIME_CREATED = '1970-01-01T00:00:00.000Z';

/**
 * The caller's tenancy as a compartment. Its name is the tenancy's (the default tenancy's is
 * `fastroute`); a tenancy FastRoute holds no record of (one a signature named) is called by its OCID
 * ([U]); the description repeats the name ([U]: OCI shows the tenancy's own description).
 */
export function rootCompartment(view: ReadView, scope: OciScope): RootCompartment {
  const name = view.get('oci.Tenancy', scope.tenancyId)?.name ?? scope.tenancyId;
  return { id: scope.tenancyId, name, description: name, lifecycleState: 'ACTIVE', timeCreated: ROOT_COMPARTMENT_TIME_CREATED, freeformTags: {}, definedTags: {} };
}
