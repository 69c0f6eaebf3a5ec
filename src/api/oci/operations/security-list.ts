// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const SECURITY_LIST_OPERATIONS: readonly OciOperation[] = [];
