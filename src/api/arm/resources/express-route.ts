// (being written)
import type { ArmOperation } from '../operation.ts';
import type { PostActionResult } from './operation-status.ts';

export const EXPRESS_ROUTE_OPERATIONS: ArmOperation[] = [];
export const EXPRESS_ROUTE_POST_RESULTS: Record<string, PostActionResult> = {};
