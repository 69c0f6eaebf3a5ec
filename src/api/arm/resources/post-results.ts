// Results of the diagnostics POSTs, answered on their Location URL (see operation-status.ts).
// Each resource file that starts such an action adds its computation here.
import type { PostActionResult } from './operation-status.ts';

export const POST_RESULTS: Readonly<Record<string, PostActionResult>> = {};
