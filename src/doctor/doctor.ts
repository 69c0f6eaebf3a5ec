// STUB (owner: doctor helper). Signature is the contract.
import type { Routing } from '../routing/routing.ts';
import type { Lab } from '../lab/types.ts';
import type { DoctorReport } from './types.ts';

/** Runs every rule over the world `r` sees. `lab` (optional) enables the rules about its expectations. */
export function runDoctor(_r: Routing, _lab?: Lab): DoctorReport {
  return { findings: [] };
}
