// TODO(helper): fill in.
import type { OciOperation } from '../operation.ts';

export const DRG_ATTACHMENT_OPERATIONS: readonly OciOperation[] = [];
