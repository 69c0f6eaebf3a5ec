// Fields every OCI resource carries, plus FastRoute's own bookkeeping (`fr`), which the OCI API
// layer strips before serialising. Wire names follow api-shapes §1.6.

export type FreeformTags = Record<string, string>;
export type DefinedTags = Record<string, Record<string, unknown>>;

export type BasicLifecycleState = 'PROVISIONING' | 'AVAILABLE' | 'TERMINATING' | 'TERMINATED';
export type VcnLifecycleState = BasicLifecycleState | 'UPDATING';
export type AttachmentLifecycleState = 'ATTACHING' | 'ATTACHED' | 'DETACHING' | 'DETACHED';

export interface OciMeta {
  tenancyId: string;
  region: string;
  /** Why the resource is in its current state, when the cloud would show a reason. */
  reason?: string;
  /** Set when the resource reached TERMINATED/DETACHED; it is purged after the retention period. */
  terminatedAt?: string;
  /** Virtual circuits: why each BGP session (primary, secondary) is down, null when up. */
  linkReasons?: (string | null)[];
}

export interface OciResource {
  id: string;
  compartmentId: string;
  displayName: string;
  timeCreated: string;
  freeformTags: FreeformTags;
  definedTags: DefinedTags;
  fr: OciMeta;
}

export interface Tenancy {
  id: string;
  name: string;
  homeRegionKey: string;
  fr: { region: string };
}

export interface Compartment {
  id: string;
  compartmentId: string; // parent compartment or tenancy
  name: string;
  description: string;
  lifecycleState: 'CREATING' | 'ACTIVE' | 'DELETING' | 'DELETED';
  timeCreated: string;
  /** Set by CreateCompartment (Identity API); compartments made by labs carry none. */
  freeformTags?: FreeformTags;
  definedTags?: DefinedTags;
  fr: { tenancyId: string };
}
