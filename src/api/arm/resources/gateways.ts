// (being written)
import type { ArmOperation } from '../operation.ts';
import type { PostActionResult } from './operation-status.ts';

export const GATEWAY_OPERATIONS: ArmOperation[] = [];
export const GATEWAY_POST_RESULTS: Record<string, PostActionResult> = {};
