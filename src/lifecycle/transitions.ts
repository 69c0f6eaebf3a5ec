// Every named transition a timer can fire, in one registry (timers store only the name, so they
// survive restarts).
import type { Tx } from '../model/tx.ts';
import { GENERIC_TRANSITIONS } from './generic.ts';
import { HANDSHAKE_TRANSITIONS } from './interconnect/handshake.ts';
import { AZURE_TRANSITIONS } from './azure/transitions.ts';

export type Transition = (tx: Tx, target: string, params: Record<string, unknown>) => void;

export const TRANSITIONS: Readonly<Record<string, Transition>> = {
  ...GENERIC_TRANSITIONS,
  ...HANDSHAKE_TRANSITIONS,
  ...AZURE_TRANSITIONS,
};
