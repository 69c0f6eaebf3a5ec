// (being written)
import type { ArmOperation } from '../operation.ts';
import type { PostActionResult } from './operation-status.ts';

export const ROUTE_TABLE_OPERATIONS: ArmOperation[] = [];
export const ROUTE_TABLE_POST_RESULTS: Record<string, PostActionResult> = {};
