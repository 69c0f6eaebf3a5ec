// How `fastroute check --dataplane` prints a flow the engine and the kernel disagree on: both answers
// on the flow's line, and what the data plane does not build when something disagrees. No lab
// disagrees any more (test/dataplane/agreement.test.ts), so the report is written out here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDataplaneCheck } from '../../src/cli/format/check-dataplane.ts';
import type { DataplaneCheck } from '../../src/check/check-dataplane.ts';

const report: DataplaneCheck = {
  runId: 'fr-test', agreed: 1, disagreed: 1, notProbed: 1, upMs: 900, probeMs: 40,
  notMaterialised: [{ resourceId: 'ocid1.internetgateway.oc1..x', what: 'VCN gateway (internet, NAT or service): packets routed to it are dropped' }],
  flows: [
    { name: 'ping-ok', from: 'vm-a', to: 'vm-b', protocol: 'icmp', engine: { verdict: 'delivered', reason: 'DELIVERED', path: 'vm-a → vm-b' }, kernel: { verdict: 'delivered', detail: 'ping: 1 packets transmitted, 1 received' }, agrees: true },
    {
      name: 'sql', from: 'vm-a', to: 'vm-b', protocol: 'tcp', port: 1521, engine: { verdict: 'dropped', reason: 'NSG_DENY', path: 'vm-a → nic-b ✗' },
      kernel: { verdict: 'delivered', detail: 'nc: connected to 10.0.0.2:1521' }, agrees: false,
    },
    { name: 'far', from: 'vm-a', to: '192.0.2.1', protocol: 'icmp', engine: { verdict: 'dropped', reason: 'NO_ROUTE', path: 'vm-a ✗' }, notProbed: '192.0.2.1 is not an address of a VM in the data plane', agrees: true },
  ],
};

void test('a disagreement names both answers; agreeing and unprobed flows say so; the count covers probed flows only', () => {
  const text = formatDataplaneCheck(report, false);
  assert.match(text, /engine and kernel agree on 1 of 2 probed flow\(s\), 1 not probed/);
  assert.match(text, /✓ ping-ok: vm-a → vm-b icmp: both delivered/);
  assert.match(text, /✗ sql: vm-a → vm-b tcp\/1521: DISAGREE: engine says dropped \(NSG_DENY\) via vm-a → nic-b ✗; kernel says delivered \(nc: connected to 10\.0\.0\.2:1521\)/);
  assert.match(text, /- far: vm-a → 192\.0\.2\.1 icmp: not probed: 192\.0\.2\.1 is not an address/);
  assert.match(text, /not built in the data plane: VCN gateway/);
});

void test('with every probed flow agreeing, nothing about unbuilt parts is printed', () => {
  const text = formatDataplaneCheck({ ...report, agreed: 1, disagreed: 0, flows: report.flows.filter((f) => f.agrees) }, false);
  assert.doesNotMatch(text, /DISAGREE|not built/);
});
