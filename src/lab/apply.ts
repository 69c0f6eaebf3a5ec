// STUB: the lead is writing this. Signatures are the contract.
import type { Tx } from '../model/tx.ts';
import type { ReadView } from '../model/world.ts';
import type { Lab, LabApplyResult } from './types.ts';

/** Tag put on every resource a lab creates (OCI freeformTags, Azure tags). */
export const LAB_TAG = 'fastroute-lab';

/** Phase 1: every resource except ExpressRoute connections (they need a Provisioned circuit). */
export function applyLabResources(_tx: Tx, _lab: Lab): LabApplyResult {
  throw new Error('not implemented yet');
}

/** Phase 2: connections whose circuit is Provisioned. Returns the names still waiting. */
export function applyLabConnections(_tx: Tx, _lab: Lab): { created: number; waiting: string[] } {
  throw new Error('not implemented yet');
}

/** Deletes what can be deleted now, in the clouds' order. `remaining` = lab resources left. */
export function teardownLabStep(_tx: Tx, _labName: string): { deleted: number; remaining: number } {
  throw new Error('not implemented yet');
}

export function labNames(_view: ReadView): string[] {
  throw new Error('not implemented yet');
}
