// The sample labs are healthy (tutorial and vcn-gateways: no finding at all): no error or warning, with or without their expectations, and only the
// infos that describe the hub-and-spoke design's intent (a static rule that deliberately wins, VCNs
// deliberately not advertised). The report is deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runDoctor } from '../../src/doctor/doctor.ts';
import { infos, LABS, loud, upFile, byCode } from './helpers.ts';

void test('tutorial: no finding at all, with or without the lab', async () => {
  const { engine, lab, report } = await upFile(path.join(LABS, 'tutorial.yaml'));
  assert.deepEqual(report.incomplete, []);
  assert.deepEqual(runDoctor(engine.routing, lab).findings, []);
  assert.deepEqual(runDoctor(engine.routing).findings, []);
});

void test('vcn-gateways: no finding at all (NAT, service and LPG route targets are not mistaken for missing DRG rules)', async () => {
  const { engine, lab, report } = await upFile(path.join(LABS, 'vcn-gateways.yaml'));
  assert.deepEqual(report.incomplete, []);
  assert.deepEqual(runDoctor(engine.routing, lab).findings, []);
  assert.deepEqual(runDoctor(engine.routing).findings, []);
});

void test('hub-and-spoke: no error or warning; the infos describe the intended design', async () => {
  const { engine, lab } = await upFile(path.join(LABS, 'hub-and-spoke.yaml'));
  for (const report of [runDoctor(engine.routing, lab), runDoctor(engine.routing)]) {
    assert.deepEqual(loud(report), []);
    assert.deepEqual(infos(report), ['DRG_ROUTE_CONFLICT', 'DRG_VCN_NOT_EXPORTED', 'DRG_VCN_NOT_EXPORTED']);
    const [conflict] = byCode(report, 'DRG_ROUTE_CONFLICT');
    assert.match(conflict?.message ?? '', /rt-drg-vc .*10\.11\.0\.0\/16.*static rule → hub-attachment wins/);
    assert.deepEqual(byCode(report, 'DRG_VCN_NOT_EXPORTED').map((f) => /VCN (\S+)/.exec(f.message)?.[1]).sort(), ['vcn-data', 'vcn-hub']);
  }
});

void test('the report is deterministic and sorted errors first', async () => {
  const { engine, lab } = await upFile(path.join(LABS, 'broken', 'missing-gateway-subnet.yaml'));
  const a = runDoctor(engine.routing, lab);
  const b = runDoctor(engine.routing, lab);
  assert.deepEqual(a, b);
  const rank = { error: 0, warning: 1, info: 2 };
  const severities = a.findings.map((f) => rank[f.severity]);
  assert.deepEqual(severities, [...severities].sort((x, y) => x - y));
  assert.deepEqual(a.findings.map((f) => f.code), ['GATEWAY_NOT_CONNECTED', 'GATEWAY_SUBNET_MISSING']);
});
