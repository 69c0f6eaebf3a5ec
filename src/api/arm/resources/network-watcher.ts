// (being written)
import type { ArmOperation } from '../operation.ts';
import type { PostActionResult } from './operation-status.ts';

export const WATCHER_OPERATIONS: ArmOperation[] = [];
export const WATCHER_POST_RESULTS: Record<string, PostActionResult> = {};
