// GET /fastroute/v1/cost on the tutorial server, over real HTTP: the estimate of the lab's own flows
// (the figures of test/cost/estimate.test.ts), a flow posted through /traffic moving the circuit past
// the break-even (the plan comparison and GET /doctor follow), and a bad `at` refused with 400.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DoctorResponse, ErrorBody } from '../../src/api/admin/contract.ts';
import type { CostResponse } from '../../src/api/admin/cost.ts';
import type { TestServer } from './server.ts';
import { startTutorialServer } from './tutorial-server.ts';

const NOON = '2026-01-15T12:00:00Z';

void describe('admin API: cost', () => {
  let s: TestServer;
  before(async () => {
    s = await startTutorialServer();
  });
  after(async () => {
    await s.close();
  });

  void it('GET /cost: per resource in billing terms, the total, the plans', async () => {
    const r = await s.api('GET', `/cost?at=${NOON}`);
    assert.equal(r.status, 200, r.text);
    const body = r.body as CostResponse;
    assert.equal(body.currency, 'USD');
    assert.deepEqual(body.lines.map((l) => [l.cloud, l.type, l.name, l.meter, l.monthlyUsd]), [
      ['azure', 'ExpressRouteCircuit', 'er-oci-azure', 'Standard Metered Data 1 Gbps Circuit', 436],
      ['azure', 'ExpressRouteCircuit', 'er-oci-azure', 'Metered Data - Data Transfer Out', 2492.49],
      ['azure', 'ExpressRouteCircuit', 'er-oci-azure', 'Inbound data transfer', 0],
      ['azure', 'VirtualNetworkGateway', 'ergw', 'Standard Gateway', 138.7],
      ['oci', 'VirtualCircuit', 'vc-azure', 'FastConnect port-hours', 155.13],
      ['oci', 'VirtualCircuit', 'vc-azure', 'Outbound data transfer over FastConnect', 0],
    ]);
    assert.equal(body.totalUsd, 3222.32);
    assert.equal(body.plans[0]?.cheapest, 'Standard_MeteredData');
    assert.match(body.lines[0]?.resource ?? '', /^\/subscriptions\/.+\/expressRouteCircuits\/er-oci-azure$/);
    assert.match(body.lines[4]?.resource ?? '', /^ocid1\.virtualcircuit\./);
  });

  void it('more traffic out of Azure: Unlimited saves money, and the doctor says so', async () => {
    // 500 Mbps more, all day, Azure → OCI: 500 × 24 × 13.6875 = 164,250 GB more, 263,949.75 GB in all.
    const post = await s.api('POST', '/traffic', { traffic: [{ name: 'replica', from: 'vm-azure', to: 'vm-oci', protocol: 'tcp', port: 1521, mbps: 500 }] });
    assert.equal(post.status, 201, post.text);
    const body = (await s.api('GET', `/cost?at=${NOON}`)).body as CostResponse;
    assert.equal(body.volumes[0]?.outboundGb, 263_949.75);
    assert.equal(body.plans[0]?.cheapest, 'Standard_UnlimitedData');
    assert.equal(body.plans[0]?.savingUsd, 1334.74);
    const doctor = (await s.api('GET', '/doctor')).body as DoctorResponse;
    const f = doctor.findings.find((x) => x.code === 'COST_UNLIMITED_CHEAPER');
    assert.match(f?.message ?? '', /Unlimited saves \$1,334\.74 a month/);
    assert.equal((await s.api('DELETE', '/traffic/replica')).status, 200);
    const after = (await s.api('GET', '/doctor')).body as DoctorResponse;
    assert.equal(after.findings.some((x) => x.code.startsWith('COST_')), false);
  });

  void it('a bad `at` or an unknown parameter is 400 InvalidParameter', async () => {
    for (const q of ['at=noon', 'volume=3']) {
      const r = await s.api('GET', `/cost?${q}`);
      assert.equal(r.status, 400, r.text);
      assert.equal((r.body as ErrorBody).code, 'InvalidParameter');
    }
  });
});
