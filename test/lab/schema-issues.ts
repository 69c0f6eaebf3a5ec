// Test helper: a lab's schema issues as "dotted.path: message" lines, and the one-issue assertion.
import assert from 'node:assert/strict';
import { LabSchema } from '../../src/lab/schema.ts';

export function issues(input: unknown): string[] {
  const result = LabSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** Exactly one issue, matching `expected`. */
export function rejects(input: unknown, expected: RegExp): void {
  const found = issues(input);
  assert.equal(found.length, 1, `expected one issue, got ${JSON.stringify(found)}`);
  assert.match(found[0] ?? '', expected);
}
