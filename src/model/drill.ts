// An active failure drill: a fault applied to the live model until it is stopped. Stored like any
// entity, so routing, traces and the doctor see it, and it survives a restart.

export type DrillKind = 'link-down' | 'bgp-reset' | 'as-path-prepend' | 'prefix-withdraw' | 'gateway-replace' | 'prefix-flood';

export interface Drill {
  id: string;
  kind: DrillKind;
  /** The virtual circuit (OCID) of the interconnect the drill acts on. */
  virtualCircuitId: string;
  /** primary or secondary link, for link-down, bgp-reset and as-path-prepend. */
  path?: 'primary' | 'secondary';
  /** prefix-withdraw: the prefix no longer advertised; side says who stops advertising it. */
  prefix?: string;
  side?: 'oci' | 'azure';
  /** as-path-prepend: how many times the ASN is prepended. prefix-flood: how many prefixes. */
  count?: number;
  startedAt: string;
  /** Order among drills started in the same millisecond (absent on drills stored before it existed). */
  seq?: number;
}
