// (being written)
import type { ArmOperation } from '../operation.ts';
import type { PostActionResult } from './operation-status.ts';

export const INTERFACE_OPERATIONS: ArmOperation[] = [];
export const INTERFACE_POST_RESULTS: Record<string, PostActionResult> = {};
