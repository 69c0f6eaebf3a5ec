// What `fastroute up` prints: the resources a lab created, or, for a lab a crash cut off before its
// connections, that `up` finished it (nothing else was created).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatUpReport } from '../../src/cli/format/lab.ts';

void it('an up report says what was created, or that a cut-off lab was finished', () => {
  const base = { lab: 'tutorial', created: 36, withThem: [], resources: {}, incomplete: [], elapsedMs: 1500 };
  assert.match(formatUpReport(base), /^Lab tutorial is up: 36 resources created in /);
  const resumed = formatUpReport({ ...base, created: 0, resumed: true });
  assert.match(resumed, /^Lab tutorial is up: finished \(its connections were missing\) in /);
  assert.doesNotMatch(resumed, /resources created/);
});
