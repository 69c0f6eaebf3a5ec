import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseLab } from '../../src/lab/parse.ts';
import { attachmentName, bgpPeerAddresses } from '../../src/lab/schema.ts';
import { LabError, type LabIssue } from '../../src/lab/types.ts';

const sample = (name: string) => readFileSync(new URL(`../../labs/${name}`, import.meta.url), 'utf8');

/** A small valid lab; tests replace single lines so that line numbers stay obvious. */
const BASE = [
  /*  1 */ 'name: fixture',
  /*  2 */ 'oci:',
  /*  3 */ '  region: us-ashburn-1',
  /*  4 */ '  vcns:',
  /*  5 */ '    - name: vcn-a',
  /*  6 */ '      cidrs: [10.10.0.0/16]',
  /*  7 */ '      subnets:',
  /*  8 */ '        - name: subnet-a',
  /*  9 */ '          cidr: 10.10.10.0/24',
  /* 10 */ '          routeTable: rt-a',
  /* 11 */ '      routeTables:',
  /* 12 */ '        - name: rt-a',
  /* 13 */ '          rules:',
  /* 14 */ '            - { destination: 10.20.0.0/16, target: drg }',
  /* 15 */ '  drgs:',
  /* 16 */ '    - name: drg-a',
  /* 17 */ '      attachments:',
  /* 18 */ '        - vcn: vcn-a',
  /* 19 */ '  instances:',
  /* 20 */ '    - { name: vm-oci, vcn: vcn-a, subnet: subnet-a, privateIp: 10.10.10.10 }',
  /* 21 */ 'azure:',
  /* 22 */ '  resourceGroup: rg-fixture',
  /* 23 */ '  location: eastus',
  /* 24 */ '  vnets:',
  /* 25 */ '    - name: vnet-b',
  /* 26 */ '      addressSpace: [10.20.0.0/16]',
  /* 27 */ '      subnets:',
  /* 28 */ '        - { name: subnet-b, prefix: 10.20.10.0/24 }',
  /* 29 */ '        - { name: GatewaySubnet, prefix: 10.20.255.0/27 }',
  /* 30 */ '  gateways:',
  /* 31 */ '    - { name: ergw, vnet: vnet-b, sku: Standard }',
  /* 32 */ '  vms:',
  /* 33 */ '    - { name: vm-azure, vnet: vnet-b, subnet: subnet-b, privateIp: 10.20.10.10 }',
  /* 34 */ 'interconnects:',
  /* 35 */ '  - name: ic',
  /* 36 */ '    circuit: { name: er, peeringLocation: Washington DC, bandwidthMbps: 1000 }',
  /* 37 */ '    virtualCircuit:',
  /* 38 */ '      name: vc',
  /* 39 */ '      drg: drg-a',
  /* 40 */ '      bandwidth: 1 Gbps',
  /* 41 */ '      primary: { block: 10.99.0.0/30 }',
  /* 42 */ '      secondary: { block: 10.99.0.4/30 }',
  /* 43 */ '    connection: { name: conn, gateway: ergw }',
  /* 44 */ 'expectations:',
  /* 45 */ '  - { name: ping, from: vm-oci, to: vm-azure, protocol: icmp, expect: delivered }',
];

/** BASE with 1-based lines replaced (a replacement may hold several lines). */
function fixture(replacements: Record<number, string> = {}): string {
  return BASE.map((line, i) => replacements[i + 1] ?? line).join('\n') + '\n';
}

function issuesOf(text: string): LabIssue[] {
  try {
    parseLab(text, 'fixture.yaml');
  } catch (e) {
    assert.ok(e instanceof LabError, `expected a LabError, got ${String(e)}`);
    assert.equal(e.file, 'fixture.yaml');
    return e.issues;
  }
  assert.fail('expected the lab to be rejected');
}

function onlyIssue(text: string): LabIssue {
  const issues = issuesOf(text);
  assert.equal(issues.length, 1, `expected one issue, got:\n${issues.map((i) => `${i.line ?? '?'}: ${i.path}: ${i.message}`).join('\n')}`);
  const [issue] = issues;
  assert.ok(issue);
  return issue;
}

void describe('sample labs', () => {
  void it('the base fixture is valid', () => {
    assert.equal(parseLab(fixture(), 'fixture.yaml').name, 'fixture');
  });

  void it('parses labs/tutorial.yaml', () => {
    const lab = parseLab(sample('tutorial.yaml'), 'labs/tutorial.yaml');
    assert.equal(lab.name, 'tutorial');
    assert.equal(lab.oci.region, 'us-ashburn-1');
    assert.deepEqual(lab.oci.vcns.map((v) => v.cidrs), [['10.10.0.0/16']]);
    assert.deepEqual(lab.oci.instances.map((i) => [i.name, i.privateIp, i.shape]), [['vm-oci', '10.10.10.10', 'VM.Standard.E4.Flex']]);
    const [drg] = lab.oci.drgs;
    assert.ok(drg);
    assert.deepEqual(drg.attachments.map(attachmentName), ['vcn-oci-attachment']);
    assert.equal(lab.azure.gateways[0]?.sku, 'Standard');
    assert.deepEqual(lab.azure.vms.map((v) => [v.name, v.privateIp]), [['vm-azure', '10.20.10.10']]);
    const [ic] = lab.interconnects;
    assert.ok(ic);
    assert.deepEqual([ic.circuit.peeringLocation, ic.circuit.bandwidthMbps, ic.circuit.skuTier, ic.circuit.skuFamily], ['Washington DC', 1000, 'Standard', 'MeteredData']);
    assert.equal(ic.virtualCircuit.bandwidth, '1 Gbps');
    assert.deepEqual(bgpPeerAddresses(ic.virtualCircuit.primary), { oracle: '10.99.0.1/30', customer: '10.99.0.2/30' });
    assert.deepEqual(bgpPeerAddresses(ic.virtualCircuit.secondary), { oracle: '10.99.0.5/30', customer: '10.99.0.6/30' });
    assert.equal(ic.connection?.name, 'conn-er-oci');
    assert.deepEqual(
      lab.expectations.map((e) => [e.from, e.to, e.protocol, e.port, e.expect]),
      [
        ['vm-oci', 'vm-azure', 'icmp', undefined, 'delivered'],
        ['vm-azure', 'vm-oci', 'icmp', undefined, 'delivered'],
        ['vm-oci', 'vm-azure', 'tcp', 22, 'delivered'],
        ['vm-azure', 'vm-oci', 'tcp', 22, 'delivered'],
      ],
    );
  });

  void it('parses labs/hub-and-spoke.yaml', () => {
    const lab = parseLab(sample('hub-and-spoke.yaml'), 'labs/hub-and-spoke.yaml');
    assert.deepEqual(lab.oci.vcns.map((v) => v.cidrs[0]), ['10.10.0.0/16', '10.11.0.0/16', '10.12.0.0/16']);
    assert.equal(lab.oci.instances.find((i) => i.name === 'fw-oci')?.skipSourceDestCheck, true);
    const [drg] = lab.oci.drgs;
    assert.ok(drg);
    assert.equal(drg.attachments.find((a) => a.vcn === 'vcn-hub')?.vcnRouteTable, 'rt-hub-ingress');
    const appOnly = drg.importDistributions.find((d) => d.name === 'import-app-only');
    assert.deepEqual(appOnly?.statements.map((s) => s.match), [{ attachment: 'app-attachment' }]);
    assert.equal(lab.interconnects[0]?.virtualCircuit.drgRouteTable, 'rt-drg-vc');
    assert.equal(lab.azure.vms.find((v) => v.name === 'nva')?.ipForwarding, true);
    assert.equal(lab.azure.gateways[0]?.sku, 'ErGw2AZ');
    assert.deepEqual(lab.azure.vnets.find((v) => v.name === 'vnet-app')?.peerings.map((p) => p.useRemoteGateways), [true]);
    assert.equal(lab.interconnects[0]?.circuit.skuTier, 'Premium');
    const unadvertised = lab.expectations.find((e) => e.to === 'vm-data');
    assert.deepEqual([unadvertised?.expect, unadvertised?.reason], ['dropped', ['NOT_EXPORTED', 'NO_ROUTE']]);
    assert.ok(lab.expectations.filter((e) => e.expect === 'delivered').length >= 2);
  });
});

void describe('errors point at the offending line', () => {
  void it('an unknown key is reported at the key, with a suggestion', () => {
    const issue = onlyIssue(fixture({ 9: '          cidr: 10.10.10.0/24\n          colour: blue' }));
    assert.equal(issue.line, 10);
    assert.equal(issue.column, 11);
    assert.equal(issue.path, 'oci.vcns[0].subnets[0].colour');
    assert.match(issue.message, /unknown field "colour"/);
  });

  void it('a misspelt key gets a "did you mean", and the field it replaced is missing', () => {
    const issues = issuesOf(fixture({ 23: '  locaton: eastus' }));
    assert.deepEqual(issues.map((i) => [i.line, i.path]), [[22, 'azure.location'], [23, 'azure.locaton']]);
    assert.equal(issues[0]?.message, 'missing required field "location"');
    assert.match(issues[1]?.message ?? '', /^unknown field "locaton"; did you mean "location"\? \(allowed here: subscription, resourceGroup, location,/);
  });

  void it('a bad CIDR is reported at its value', () => {
    const issue = onlyIssue(fixture({ 28: '        - { name: subnet-b, prefix: 10.20.10.1/24 }' }));
    assert.equal(issue.line, 28);
    assert.equal(issue.column, 37);
    assert.equal(issue.path, 'azure.vnets[0].subnets[0].prefix');
    assert.match(issue.message, /host bits set: the network is 10\.20\.10\.0\/24/);
  });

  void it('an unparseable CIDR in a list is reported at the item', () => {
    const issue = onlyIssue(fixture({ 6: '      cidrs: [10.10.0.0/16, 10.300.0.0/16]' }));
    assert.equal(issue.line, 6);
    assert.equal(issue.path, 'oci.vcns[0].cidrs[1]');
    assert.match(issue.message, /not a CIDR block/);
  });

  void it('a dangling reference is reported at the referring field', () => {
    const issue = onlyIssue(fixture({ 10: '          routeTable: rt-missing' }));
    assert.equal(issue.line, 10);
    assert.equal(issue.column, 23);
    assert.equal(issue.path, 'oci.vcns[0].subnets[0].routeTable');
    assert.match(issue.message, /no route table "rt-missing" in VCN vcn-a \(declared: rt-a/);
  });

  void it('a dangling cross-cloud reference (connection → gateway) is reported', () => {
    const issue = onlyIssue(fixture({ 43: '    connection: { name: conn, gateway: ergw-nope }' }));
    assert.equal(issue.line, 43);
    assert.equal(issue.path, 'interconnects[0].connection.gateway');
    assert.match(issue.message, /no gateway "ergw-nope" \(declared: ergw\)/);
  });

  void it('a YAML syntax error is reported with its line', () => {
    const issue = onlyIssue(fixture({ 26: '      addressSpace: [10.20.0.0/16' }));
    assert.equal(issue.path, '(yaml)');
    assert.equal(issue.line, 27);
  });

  void it('a duplicate key is a YAML error on the second occurrence', () => {
    const issue = onlyIssue(fixture({ 23: '  location: eastus\n  location: westus' }));
    assert.equal(issue.path, '(yaml)');
    assert.equal(issue.line, 24);
    assert.match(issue.message, /unique/);
  });

  void it('a missing required field is reported at its mapping', () => {
    const issue = onlyIssue(fixture({ 36: '    circuit: { name: er, bandwidthMbps: 1000 }' }));
    assert.equal(issue.line, 36);
    assert.equal(issue.column, 14);
    assert.equal(issue.path, 'interconnects[0].circuit.peeringLocation');
    assert.equal(issue.message, 'missing required field "peeringLocation"');
  });

  void it('a wrong enum value is reported at the value', () => {
    const issue = onlyIssue(fixture({ 40: '      bandwidth: 3 Gbps' }));
    assert.equal(issue.line, 40);
    assert.match(issue.message, /"1 Gbps"\|"2 Gbps"\|"5 Gbps"\|"10 Gbps"/);
  });

  void it('the LabError message lists file:line for humans', () => {
    try {
      parseLab(fixture({ 10: '          routeTable: rt-missing' }), 'labs/x.yaml');
      assert.fail('expected a LabError');
    } catch (e) {
      assert.ok(e instanceof LabError);
      assert.match(e.message, /^labs\/x\.yaml: 10:23 oci\.vcns\[0\]\.subnets\[0\]\.routeTable: no route table/);
    }
  });

  void it('an empty file is one clear issue', () => {
    const issue = onlyIssue('');
    assert.equal(issue.line, 1);
    assert.match(issue.message, /YAML mapping/);
  });
});

void describe('several errors are all reported, in file order', () => {
  void it('unknown key, bad CIDR, dangling references, bad expectation', () => {
    const issues = issuesOf(fixture({
      3: '  region: us-ashburn-1\n  colour: blue', // +1 line from here on
      6: '      cidrs: [10.10.0.0/14]',
      18: '        - vcn: vcn-typo',
      31: '    - { name: ergw, vnet: vnet-b, sku: ergw9az }',
      45: '  - { name: ping, from: vm-oci, to: vm-nowhere, protocol: tcp, expect: delivered }',
    }));
    assert.deepEqual(
      issues.map((i) => [i.line, i.path]),
      [
        [4, 'oci.colour'],
        [7, 'oci.vcns[0].cidrs[0]'],
        [15, 'oci.vcns[0].routeTables[0].rules[0].target'], // "drg" but vcn-a is no longer attached
        [19, 'oci.drgs[0].attachments[0].vcn'],
        [32, 'azure.gateways[0].sku'],
        [46, 'expectations[0].to'],
        [46, 'expectations[0].protocol'],
      ],
    );
    assert.match(issues[1]?.message ?? '', /host bits/);
    assert.match(issues[2]?.message ?? '', /not attached to any DRG/);
    assert.match(issues[3]?.message ?? '', /no VCN "vcn-typo"/);
    assert.match(issues[5]?.message ?? '', /neither a VM .* nor an IPv4 address/);
    assert.match(issues[6]?.message ?? '', /needs a port/);
  });

  void it('duplicate names in each scope', () => {
    const issues = issuesOf(fixture({
      12: '        - name: rt-a\n          rules: []\n        - name: rt-a', // +2 lines from here on
      33: '    - { name: vm-oci, vnet: vnet-b, subnet: subnet-b, privateIp: 10.20.10.10 }',
    }));
    assert.deepEqual(
      issues.map((i) => [i.line, i.path, i.message]),
      [
        [14, 'oci.vcns[0].routeTables[1].name', 'duplicate route table name "rt-a"'],
        [35, 'azure.vms[0].name', 'duplicate VM name "vm-oci" (VM and instance names are unique across both clouds)'],
        [47, 'expectations[0].to', '"vm-azure" is neither a VM (declared: vm-oci) nor an IPv4 address'],
      ],
    );
  });
});
