// The doctor on on-premises sites: a site prefix overlapping the VNet or the VCN across its circuit is
// an error naming both; the no-transit findings come only from a lab's expectations; labs/onprem.yaml
// without its lab has no finding at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runDoctor } from '../../src/doctor/doctor.ts';
import { byCode, LABS, readLab, upFile, upText } from '../doctor/helpers.ts';

const ONPREM = path.join(LABS, 'onprem.yaml');

void test('labs/onprem.yaml: no finding without the lab; with it, only the two ONPREM_NO_TRANSIT infos', async () => {
  const { engine, lab } = await upFile(ONPREM);
  try {
    assert.deepEqual(runDoctor(engine.routing).findings, []);
    const report = runDoctor(engine.routing, lab);
    assert.deepEqual(report.findings.map((f) => f.code), ['ONPREM_NO_TRANSIT', 'ONPREM_NO_TRANSIT']);
    const site = engine.world.list('fr.OnPremisesSite')[0];
    assert.ok(site && report.findings.every((f) => f.resources[0] === site.id));
  } finally {
    await engine.close();
  }
});

void test('site prefixes overlapping the VNet and the VCN across the circuit: one ONPREM_PREFIX_OVERLAP each, naming the clash', async () => {
  const text = readLab(ONPREM).replace('prefixes: [172.16.0.0/16, 10.50.0.0/16]', 'prefixes: [172.16.0.0/16, 10.20.10.0/24, 10.10.0.0/15]');
  const { engine } = await upText(text, 'onprem-overlap.yaml');
  try {
    const found = byCode(runDoctor(engine.routing), 'ONPREM_PREFIX_OVERLAP');
    assert.equal(found.length, 2, JSON.stringify(found));
    const vnet = found.find((f) => f.message.includes('VNet vnet-azure'));
    const vcn = found.find((f) => f.message.includes('VCN vcn-oci'));
    assert.match(vnet?.message ?? '', /10\.20\.10\.0\/24 ⇄ 10\.20\.0\.0\/16.*system route wins/);
    assert.match(vcn?.message ?? '', /10\.10\.0\.0\/15 ⇄ 10\.10\.0\.0\/16/);
    assert.equal(vnet?.severity, 'error');
    assert.match(vnet?.fix ?? '', /Renumber/);
  } finally {
    await engine.close();
  }
});
