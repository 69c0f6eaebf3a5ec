// checkLab on labs/vcn-gateways.yaml: every expected flow holds (Azure ⇄ spoke through the hub's
// DRG ingress table and LPG, the hub's service and NAT gateways), and breaking either half of the
// transit makes the matching expectations fail.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkLabText } from '../../src/check/check.ts';

const FILE = path.join(import.meta.dirname, '../../labs/vcn-gateways.yaml');
const yaml = (): string => readFileSync(FILE, 'utf8');

void describe('checkLab: labs/vcn-gateways.yaml', () => {
  void it('every expectation passes and the doctor finds nothing', async () => {
    const report = await checkLabText(yaml(), 'vcn-gateways.yaml');
    assert.deepEqual(report.expectations.map((e) => [e.name, e.actual, e.reason, e.passed]), [
      ['azure-to-spoke-ping', 'delivered', 'DELIVERED', true],
      ['azure-to-spoke-ssh', 'delivered', 'DELIVERED', true],
      ['spoke-to-azure-ssh', 'delivered', 'DELIVERED', true],
      ['azure-to-hub-ssh', 'delivered', 'DELIVERED', true],
      ['hub-to-spoke-ssh', 'delivered', 'DELIVERED', true],
      ['hub-to-object-storage', 'delivered', 'DELIVERED', true],
      ['spoke-to-object-storage', 'dropped', 'NO_ROUTE', true],
      ['hub-to-internet', 'dropped', 'NO_ROUTE', true],
    ]);
    assert.deepEqual(report.findings, []);
    assert.equal(report.ok, true);
    const toSpoke = report.expectations[0]?.trace.hops.map((h) => `${h.kind} ${h.name ?? ''}`);
    assert.ok(toSpoke?.includes('vcn-ingress-route-table rt-drg-ingress') && toSpoke.includes('local-peering-gateway lpg-hub-spoke'), toSpoke?.join(' > '));
    const hops = (name: string) => report.expectations.find((e) => e.name === name)?.trace.hops.map((h) => h.kind) ?? [];
    assert.ok(hops('hub-to-object-storage').includes('service-gateway'));
    assert.ok(hops('hub-to-internet').includes('nat-gateway'));
  });

  void it('without the hub ingress rule to the LPG, Azure does not learn the spoke and its flows fail', async () => {
    const text = yaml().replace('          rules:\n            - { destination: 10.12.0.0/16, target: "lpg:lpg-hub-spoke", description: Azure to the spoke }\n', '          rules: []\n');
    assert.notEqual(text, yaml());
    const report = await checkLabText(text, 'no-ingress.yaml');
    const failed = report.expectations.filter((e) => !e.passed).map((e) => e.name);
    assert.deepEqual(failed, ['azure-to-spoke-ping', 'azure-to-spoke-ssh', 'spoke-to-azure-ssh']);
    assert.equal(report.ok, false);
  });

  void it('without the hub LPG\'s route table, the spoke\'s packets for Azure stop at the hub LPG', async () => {
    const text = yaml().replace('          routeTable: rt-lpg-ingress\n', '');
    assert.notEqual(text, yaml());
    const report = await checkLabText(text, 'no-transit.yaml');
    const spokeToAzure = report.expectations.find((e) => e.name === 'spoke-to-azure-ssh');
    assert.equal(spokeToAzure?.actual, 'dropped');
    assert.equal(spokeToAzure.reason, 'NO_ROUTE');
    assert.equal(spokeToAzure.trace.hops.at(-1)?.kind, 'local-peering-gateway');
  });
});
