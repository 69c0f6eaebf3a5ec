// Azure-specific transitions.
import type { Tx } from '../../model/tx.ts';
import { CONNECTION_TRANSITIONS } from './connection.ts';

export const AZURE_TRANSITIONS: Record<string, (tx: Tx, target: string, params: Record<string, unknown>) => void> = {
  ...CONNECTION_TRANSITIONS,
};
