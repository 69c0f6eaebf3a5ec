// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const VIRTUAL_CIRCUIT_OPERATIONS: readonly OciOperation[] = [];
