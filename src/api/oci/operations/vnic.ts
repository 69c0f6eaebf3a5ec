// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const VNIC_OPERATIONS: readonly OciOperation[] = [];
