// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const SUBNET_OPERATIONS: readonly OciOperation[] = [];
