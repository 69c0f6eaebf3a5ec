// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const PRIVATE_IP_OPERATIONS: readonly OciOperation[] = [];
