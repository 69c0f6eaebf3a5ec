// A routes target that names several things (or a DRG, which has several route tables): the 400
// lists what it could mean, each with a target (and table) that names it alone, so a client can
// offer a ready-to-run choice.
import { CloudError } from '../../model/errors.ts';

export interface RoutesCandidate {
  /** A `target` that names this one alone. */
  target: string;
  /** The `table` to pass with it (a DRG's route table). */
  table?: string;
  description: string;
}

export class AmbiguousTargetError extends CloudError {
  constructor(message: string, readonly candidates: RoutesCandidate[]) {
    super('fastroute', 400, 'AmbiguousTarget', message);
  }
}
