// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const ROUTE_TABLE_OPERATIONS: readonly OciOperation[] = [];
