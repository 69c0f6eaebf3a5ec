// Transitions shared by many resource types: coming up, going away, and being purged after the
// TERMINATED/DETACHED retention window (so SDK waiters can still read the final state).
import type { Tx } from '../model/tx.ts';
import type { Entity, Kind } from '../model/world.ts';
import { isKind } from '../model/kinds.ts';
import { finishWorkRequests } from './oci/work-request.ts';

type Transition = (tx: Tx, target: string, params: Record<string, unknown>) => void;

function kindParam(params: Record<string, unknown>): Kind | undefined {
  const k = params.kind;
  return typeof k === 'string' && isKind(k) ? k : undefined;
}

/** The states an OCI resource leaves when it becomes ready. */
const COMING_UP: ReadonlySet<string> = new Set(['PROVISIONING', 'ATTACHING', 'UPDATING', 'CREATING']);

type Stateful = { lifecycleState: string; fr: { terminatedAt?: string } };
type ArmStateful = { properties: { provisioningState: string } };

/** OCI: PROVISIONING (a compartment: CREATING) → AVAILABLE (or the target state named in params). */
export function scheduleOciReady(tx: Tx, kind: Kind, id: string, transition = 'oci.create', to = 'AVAILABLE'): void {
  tx.schedule(transition, 'oci.ready', id, { kind, to });
}

/** OCI: → TERMINATING/DETACHING now, → TERMINATED/DETACHED later, purged after retention. */
export function ociTerminate(tx: Tx, kind: Kind, id: string, transition = 'oci.delete'): void {
  const detaching = kind === 'oci.DrgAttachment' || kind === 'oci.VnicAttachment';
  tx.cancelTimers(id);
  tx.update(kind, id, (d) => {
    (d as unknown as Stateful).lifecycleState = detaching ? 'DETACHING' : 'TERMINATING';
  });
  tx.schedule(transition, 'oci.gone', id, { kind, to: detaching ? 'DETACHED' : 'TERMINATED' });
}

/** ARM: provisioningState → Succeeded after the transition's delay. */
export function scheduleArmSucceeded(tx: Tx, kind: Kind, id: string, transition = 'azure.create'): void {
  tx.schedule(transition, 'azure.succeeded', id, { kind });
}

/** ARM: provisioningState → Deleting now; the resource disappears after the delay. */
export function armDelete(tx: Tx, kind: Kind, id: string, transition = 'azure.delete'): void {
  tx.cancelTimers(id);
  tx.update(kind, id, (d) => {
    (d as unknown as ArmStateful).properties.provisioningState = 'Deleting';
  });
  tx.schedule(transition, 'fr.purge', id, { kind });
}

export const GENERIC_TRANSITIONS: Record<string, Transition> = {
  'oci.ready': (tx, id, params) => {
    const kind = kindParam(params);
    if (!kind || !tx.get(kind, id)) return;
    const state = (tx.get(kind, id) as unknown as Stateful).lifecycleState;
    if (COMING_UP.has(state)) tx.set(kind, id, { lifecycleState: typeof params.to === 'string' ? params.to : 'AVAILABLE' } as Partial<Entity<typeof kind>>);
    finishWorkRequests(tx, id, (tx.get(kind, id) as unknown as Stateful).lifecycleState);
  },
  'oci.gone': (tx, id, params) => {
    const kind = kindParam(params);
    if (!kind || !tx.get(kind, id)) return;
    tx.update(kind, id, (d) => {
      const s = d as unknown as Stateful;
      s.lifecycleState = typeof params.to === 'string' ? params.to : 'TERMINATED';
      s.fr.terminatedAt = tx.nowIso;
    });
    finishWorkRequests(tx, id, (tx.get(kind, id) as unknown as Stateful).lifecycleState);
    tx.schedule('retention', 'fr.purge', id, { kind });
  },
  'azure.succeeded': (tx, id, params) => {
    const kind = kindParam(params);
    if (!kind || !tx.get(kind, id)) return;
    tx.update(kind, id, (d) => {
      const s = d as unknown as ArmStateful;
      if (s.properties.provisioningState === 'Updating' || s.properties.provisioningState === 'Creating') s.properties.provisioningState = 'Succeeded';
    });
  },
  'fr.purge': (tx, id, params) => {
    const kind = kindParam(params);
    if (kind && tx.get(kind, id)) tx.remove(kind, id);
    finishWorkRequests(tx, id, undefined);
  },
};
