// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const INTERNET_GATEWAY_OPERATIONS: readonly OciOperation[] = [];
