// (being written)
import type { ArmOperation } from '../operation.ts';
import type { PostActionResult } from './operation-status.ts';

export const CONNECTION_OPERATIONS: ArmOperation[] = [];
export const CONNECTION_POST_RESULTS: Record<string, PostActionResult> = {};
