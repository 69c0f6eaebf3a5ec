// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const DRG_ROUTE_TABLE_OPERATIONS: readonly OciOperation[] = [];
