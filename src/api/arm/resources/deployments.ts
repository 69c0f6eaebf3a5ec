// (being written)
import type { ArmOperation } from '../operation.ts';
import type { PostActionResult } from './operation-status.ts';

export const DEPLOYMENT_OPERATIONS: ArmOperation[] = [];
export const DEPLOYMENT_POST_RESULTS: Record<string, PostActionResult> = {};
