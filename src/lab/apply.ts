// Applies a lab to the world in two phases: every resource except ExpressRoute connections, then
// the connections once the provider has provisioned their circuits (lab-runner waits in between).
import type { Tx } from '../model/tx.ts';
import type { Lab, LabApplyResult } from './types.ts';
import { LabIds, LAB_TAG } from './names.ts';
import { applyOci, applyOciDistributionStatements } from './apply-oci.ts';
import { applyAzure } from './apply-azure.ts';
import { applyConnections, applyInterconnects } from './apply-interconnect.ts';
import { applyOnPremises } from './apply-on-premises.ts';
import { applyDns } from './apply-dns.ts';
import { runSteps, type Steps } from '../model/steps.ts';

export { LAB_TAG };
export { labNames, teardownLabStep, labRemaining } from './teardown.ts';
export { missingConnections } from './apply-interconnect.ts';

/**
 * Phase 1: every resource except ExpressRoute connections (they need a Provisioned circuit), one
 * step per resource or so, for the engine to apply in slices (Engine.mutateInSlices).
 */
export function* labResourceSteps(tx: Tx, lab: Lab): Steps<LabApplyResult> {
  const ids = new LabIds();
  yield* applyOci(tx, lab, ids);
  yield* applyAzure(tx, lab, ids);
  applyInterconnects(tx, lab, ids);
  applyOnPremises(tx, lab, ids);
  applyOciDistributionStatements(tx, lab, ids);
  applyDns(tx, lab, ids);
  return { lab: lab.name, resources: ids.ids };
}

/** Phase 1 at once. */
export function applyLabResources(tx: Tx, lab: Lab): LabApplyResult {
  return runSteps(labResourceSteps(tx, lab));
}

/** Phase 2: connections whose circuit is Provisioned. Returns the names still waiting. */
export function applyLabConnections(tx: Tx, lab: Lab): { created: number; waiting: string[] } {
  return applyConnections(tx, lab);
}
