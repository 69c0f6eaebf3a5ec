// The lab side of on-premises sites: the schema's references (circuit, expectation endpoints, router
// values), Azure's own errors for the site's ASN and /30s when the lab is applied, `fastroute check`
// on labs/onprem.yaml (every expectation, the doctor's explanation) and on its intent (OCI ⇄ site
// expected delivered fails, naming why), and teardown.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { checkLabText, LAB_REJECTED } from '../../src/check/check.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { downLab } from '../../src/engine/lab-runner.ts';
import { issues } from '../lab/schema-issues.ts';
import { labEngine } from '../helpers/lab.ts';

const ONPREM = readFileSync('labs/onprem.yaml', 'utf8');
const TWO_CIRCUITS = readFileSync('labs/broken/transit-between-circuits.yaml', 'utf8');
const site = (text: string, from: string, to: string) => { const out = text.replace(from, to); assert.notEqual(out, text, `${from} is in the lab`); return out; };
const doc = (text: string): unknown => parseYaml(text);

void describe('on-premises sites in the lab schema', () => {
  void it('labs/onprem.yaml parses, with the site and its expectations', () => {
    const lab = parseLab(ONPREM, 'labs/onprem.yaml');
    assert.deepEqual(lab.onPremises.map((s) => [s.name, s.asn, s.prefixes, s.router, s.circuit]), [['dc1', 65010, ['172.16.0.0/16', '10.50.0.0/16'], 'frr', 'er-oci-azure']]);
  });

  void it('an unknown circuit, an unknown site in an expectation and an unknown router are refused where they are written', () => {
    const text = site(site(site(ONPREM, 'circuit: er-oci-azure  ', 'circuit: er-nowhere  '), 'to: "onprem:dc1", protocol: icmp, expect: delivered', 'to: "onprem:dc9", protocol: icmp, expect: delivered'), 'router: frr', 'router: quagga');
    const found = issues(doc(text));
    assert.ok(found.some((i) => /^onPremises\.0\.router: .*"frr"\|"bird"\|"gobgp"\|"external"/.test(i)), found.join('\n'));
    assert.ok(found.some((i) => /^onPremises\.0\.circuit: no circuit "er-nowhere" \(declared: er-oci-azure\)/.test(i)), found.join('\n'));
    assert.ok(found.some((i) => /^expectations\.4\.to: "onprem:dc9": no on-premises site "dc9" \(declared: dc1\)/.test(i)), found.join('\n'));
  });

  void it('a site without a circuit is fine with one interconnect, and must name one with two', () => {
    assert.deepEqual(issues(doc(site(ONPREM, '    circuit: er-oci-azure         # optional here: the lab has one interconnect\n', ''))), []);
    const two = site(TWO_CIRCUITS, '\nexpectations:', '\nonPremises:\n  - { name: branch, asn: 65020, prefixes: [192.168.50.0/24], router: external }\n\nexpectations:');
    assert.deepEqual(issues(doc(two)), ['onPremises.0: name the circuit the site connects to (circuit: <name>): the lab has 2 interconnects (declared: er-oci-azure, er-oci-azure-2)']);
  });

  void it('a site needs at least one prefix, each a CIDR block without host bits', () => {
    assert.deepEqual(issues(doc(site(ONPREM, 'prefixes: [172.16.0.0/16, 10.50.0.0/16]', 'prefixes: []'))), ['onPremises.0.prefixes: an on-premises site announces at least one prefix']);
    assert.deepEqual(issues(doc(site(ONPREM, 'prefixes: [172.16.0.0/16, 10.50.0.0/16]', 'prefixes: [172.16.0.1/16]'))), ['onPremises.0.prefixes.0: "172.16.0.1/16" has host bits set: the network is 172.16.0.0/16']);
  });
});

void describe('on-premises sites applied: Azure\'s errors for the peer', () => {
  const cases: [string, string, RegExp][] = [
    ['asn: 65010', 'asn: 65515', /PeerAsnReserved: on-premises site dc1: Peer ASN 65515 is reserved by Microsoft \(65515-65520\)/],
    ['asn: 65010', 'asn: 0', /InvalidPeerAsn: on-premises site dc1: Peer ASN 0 is invalid: it must be between 1 and 4294967295/],
    ['asn: 65010', 'asn: 4294967296', /InvalidPeerAsn/],
    ['asn: 65010', 'asn: 12076', /PeerAsnReserved: Peer ASN 12076 of on-premises site dc1 is Microsoft's own ASN/],
    ['asn: 65010', 'asn: 31898', /PeerAsnReserved: Peer ASN 31898 of on-premises site dc1 is Oracle's ASN/],
    ['primary: 192.168.100.0/30', 'primary: 192.168.100.0/29', /InvalidAddressPrefixFormat: on-premises site dc1: primaryPeerAddressPrefix 192\.168\.100\.0\/29 .* must be a \/30 prefix/],
  ];
  for (const [from, to, expected] of cases) {
    void it(`${to}: the lab is rejected with ${expected.source.split(':')[0] ?? ''}`, async () => {
      const report = await checkLabText(site(ONPREM, from, to), 'onprem.yaml');
      const rejected = report.findings.find((f) => f.code === LAB_REJECTED);
      assert.ok(rejected, JSON.stringify(report.findings.map((f) => f.code)));
      assert.match(rejected.message, expected);
      assert.equal(report.ok, false);
    });
  }
});

void describe('fastroute check on labs/onprem.yaml', () => {
  void it('every expectation holds; the doctor explains the two no-transit drops (infos), nothing louder', async () => {
    const report = await checkLabText(ONPREM, 'labs/onprem.yaml');
    assert.equal(report.failed, 0, JSON.stringify(report.expectations.filter((e) => !e.passed).map((e) => [e.name, e.reason])));
    assert.equal(report.passed, 9);
    assert.equal(report.ok, true);
    assert.deepEqual(report.findings.map((f) => [f.code, f.severity]), [['ONPREM_NO_TRANSIT', 'info'], ['ONPREM_NO_TRANSIT', 'info']]);
    assert.match(report.findings[0]?.message ?? '', /ExpressRoute is not a transit router/);
  });

  void it('expecting OCI ⇄ site delivered fails both flows, and the doctor says why (ONPREM_TRANSIT_EXPECTED, error)', async () => {
    const text = ONPREM.replace(/expect: dropped, reason: TRANSIT_NOT_SUPPORTED/g, 'expect: delivered');
    const report = await checkLabText(text, 'labs/onprem.yaml');
    assert.deepEqual(report.expectations.filter((e) => !e.passed).map((e) => [e.name, e.reason]), [['oci-to-onprem-ping', 'TRANSIT_NOT_SUPPORTED'], ['onprem-to-oci-ssh', 'TRANSIT_NOT_SUPPORTED']]);
    const errors = report.findings.filter((f) => f.code === 'ONPREM_TRANSIT_EXPECTED');
    assert.equal(errors.length, 2);
    assert.match(errors[0]?.message ?? '', /expects delivered, but OCI ⇄ on-premises cannot cross the interconnect/);
    assert.match(errors[0]?.fix ?? '', /FastConnect virtual circuit or an IPSec tunnel/);
    assert.equal(report.ok, false);
  });
});

void describe('teardown', () => {
  void it('down removes the site with the lab', async () => {
    const { engine, lab } = await labEngine('labs/onprem.yaml');
    try {
      assert.equal(engine.world.list('fr.OnPremisesSite').length, 1);
      await downLab(engine, lab.name);
      assert.deepEqual(engine.world.list('fr.OnPremisesSite'), []);
    } finally {
      await engine.close();
    }
  });
});
