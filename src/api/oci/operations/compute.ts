// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const COMPUTE_OPERATIONS: readonly OciOperation[] = [];
