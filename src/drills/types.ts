// Failure drills: faults applied to the live model (stored as fr.Drill entities, so routing and
// traces see them) and undone when stopped.
import type { DrillKind } from '../model/drill.ts';

export interface DrillSpec {
  kind: DrillKind;
  /** The interconnect: the virtual circuit's display name or OCID; optional when there is exactly one. */
  interconnect?: string;
  path?: 'primary' | 'secondary';
  prefix?: string;
  side?: 'oci' | 'azure';
  count?: number;
}

export interface RouteView {
  /** Prefixes received on both sessions (survive the loss of one link). */
  redundant: string[];
  /** Prefixes depending on one link only. */
  nonRedundant: string[];
  sessions: { path: 'primary' | 'secondary'; up: boolean; reason?: string; toAzure: number; toOci: number }[];
}

export interface DrillReport {
  id: string;
  kind: DrillKind;
  interconnect: string;
  before: RouteView;
  during: RouteView;
}
