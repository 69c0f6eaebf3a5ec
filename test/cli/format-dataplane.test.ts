// `fastroute dataplane status` for a data plane that is down: what brings it up, and, on a machine
// that lacks something, each miss with its fix (the status's `unavailable`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDataplaneStatus } from '../../src/cli/format/dataplane.ts';
import type { DataplaneStatus } from '../../src/api/admin/contract.ts';

const down: DataplaneStatus = { state: 'down', namespaces: [], links: 0, processes: 0, notMaterialised: [], delays: [], notYet: [] };

void test('down says what brings it up, and what this machine lacks with its fix', () => {
  assert.equal(formatDataplaneStatus(down), 'The data plane is down (`fastroute dataplane up` brings it up).');
  assert.equal(formatDataplaneStatus({ ...down, unavailable: [] }), formatDataplaneStatus(down));
  const lacking = formatDataplaneStatus({ ...down, unavailable: [{ what: 'the tc command', fix: 'apt-get install iproute2' }, { what: 'root', fix: 'sudo fastroute start' }] });
  assert.match(lacking, /It cannot run on this machine: the tc command \(apt-get install iproute2\); root \(sudo fastroute start\)\.$/);
});
