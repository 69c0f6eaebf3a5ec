// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const FASTCONNECT_OPERATIONS: readonly OciOperation[] = [];
