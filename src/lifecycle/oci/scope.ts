// Who is asking (tenancy) and where (region): every OCI operation runs in one scope, and a
// resource of another tenancy is invisible (404 NotAuthorizedOrNotFound), as in OCI.
import { oci } from '../../model/errors.ts';
import { ocid } from '../../model/ids.ts';
import type { OciResource, FreeformTags, DefinedTags } from '../../model/oci/common.ts';
import type { Tx } from '../../model/tx.ts';
import type { Entity, Kind, ReadView } from '../../model/world.ts';

export interface OciScope {
  tenancyId: string;
  region: string;
}

type TenancyOwned = { fr: { tenancyId: string } };

/** Human names for error messages, as OCI's API calls them. */
const WHAT: Partial<Record<Kind, string>> = {
  'oci.Vcn': 'Vcn', 'oci.Subnet': 'Subnet', 'oci.RouteTable': 'RouteTable', 'oci.SecurityList': 'SecurityList',
  'oci.NetworkSecurityGroup': 'NetworkSecurityGroup', 'oci.Drg': 'Drg', 'oci.DrgAttachment': 'DrgAttachment',
  'oci.DrgRouteTable': 'DrgRouteTable', 'oci.DrgRouteDistribution': 'DrgRouteDistribution', 'oci.VirtualCircuit': 'VirtualCircuit',
  'oci.Instance': 'Instance', 'oci.Vnic': 'Vnic', 'oci.InternetGateway': 'InternetGateway', 'oci.DhcpOptions': 'DhcpOptions',
  'oci.Compartment': 'Compartment', 'oci.PrivateIp': 'PrivateIp', 'oci.VnicAttachment': 'VnicAttachment',
  'oci.NatGateway': 'NatGateway', 'oci.ServiceGateway': 'ServiceGateway', 'oci.LocalPeeringGateway': 'LocalPeeringGateway',
  'oci.RemotePeeringConnection': 'RemotePeeringConnection',
};

export function ociWhat(kind: Kind): string {
  return WHAT[kind] ?? kind.replace(/^oci\./, '');
}

/** Fetches an entity of the caller's tenancy or answers 404 NotAuthorizedOrNotFound. */
export function getOwned<K extends Kind>(view: ReadView, scope: OciScope, kind: K, id: string): Entity<K> {
  const e = view.get(kind, id) as (Entity<K> & TenancyOwned) | undefined;
  if (e === undefined || e.fr.tenancyId !== scope.tenancyId) throw oci.notFound(ociWhat(kind), id);
  return e;
}

/** Like getOwned, but for a resource named inside a request body (400, not 404). */
export function getRelated<K extends Kind>(view: ReadView, scope: OciScope, kind: K, id: string | undefined, field: string): Entity<K> {
  if (id === undefined || id === '') throw oci.missingParameter(field);
  const e = view.get(kind, id) as (Entity<K> & TenancyOwned & { lifecycleState?: string }) | undefined;
  if (e === undefined || e.fr.tenancyId !== scope.tenancyId || e.lifecycleState === 'TERMINATED' || e.lifecycleState === 'DETACHED') {
    throw oci.relatedNotFound(ociWhat(kind), id);
  }
  return e;
}

export function requireCompartment(view: ReadView, scope: OciScope, compartmentId: string | undefined): string {
  if (compartmentId === undefined || compartmentId === '') throw oci.missingParameter('compartmentId');
  if (compartmentId === scope.tenancyId) return compartmentId;
  const c = view.get('oci.Compartment', compartmentId);
  if (c === undefined || c.fr.tenancyId !== scope.tenancyId) throw oci.notFound('Compartment', compartmentId);
  return compartmentId;
}

export interface CommonDetails {
  compartmentId?: string;
  displayName?: string;
  freeformTags?: FreeformTags;
  definedTags?: DefinedTags;
}

/** The fields every OCI resource starts with. */
export function newResource(tx: Tx, scope: OciScope, resourceType: string, details: CommonDetails, defaultName: string): OciResource {
  const compartmentId = requireCompartment(tx, scope, details.compartmentId);
  const id = ocid(tx.ctx.ids, resourceType, scope.region);
  return {
    id,
    compartmentId,
    displayName: details.displayName ?? `${defaultName}${tx.nowIso.replace(/\D/g, '').slice(0, 14)}`,
    timeCreated: tx.nowIso,
    freeformTags: details.freeformTags ?? {},
    definedTags: details.definedTags ?? {},
    fr: { tenancyId: scope.tenancyId, region: scope.region },
  };
}

export function isGone(state: string): boolean {
  return state === 'TERMINATING' || state === 'TERMINATED' || state === 'DETACHING' || state === 'DETACHED';
}
