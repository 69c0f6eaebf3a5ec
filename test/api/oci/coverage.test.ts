// The README's coverage table is generated from the route table; this keeps it current, and every
// served operation must be one the pinned SDK really has (same name, verb and path).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { coverageMarkdown, unknownToSdk, withCoverage } from '../../../src/api/oci/coverage.ts';

void describe('OCI coverage table', () => {
  void it('serves only operations the SDK has, with its exact verb and path', () => {
    assert.deepEqual(unknownToSdk().map((o) => `${o.client}#${o.name} ${o.method} ${o.path}`), []);
  });

  void it('is current in the README (run scripts/oci-coverage.ts after changing operations)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const expected = withCoverage(readme, coverageMarkdown());
    assert.ok(expected !== undefined, 'README.md has the coverage markers');
    assert.equal(readme, expected);
  });
});
