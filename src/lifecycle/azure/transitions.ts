// Azure-specific transitions (filled as the Azure lifecycle grows).
import type { Tx } from '../../model/tx.ts';

export const AZURE_TRANSITIONS: Record<string, (tx: Tx, target: string, params: Record<string, unknown>) => void> = {};
