// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const NSG_OPERATIONS: readonly OciOperation[] = [];
