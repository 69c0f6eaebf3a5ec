// (being written)
import type { ArmOperation } from '../operation.ts';
import type { PostActionResult } from './operation-status.ts';

export const NSG_OPERATIONS: ArmOperation[] = [];
export const NSG_POST_RESULTS: Record<string, PostActionResult> = {};
