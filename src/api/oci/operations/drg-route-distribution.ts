// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const DRG_ROUTE_DISTRIBUTION_OPERATIONS: readonly OciOperation[] = [];
