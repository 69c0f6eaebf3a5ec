// MISSING_ROUTE_RULE names the gateway a rule sends Azure's prefixes to (NAT, service, local peering,
// internet gateways, private IPs), and does not misfire on rules to a peered LPG whose peer routes
// them on to a DRG (transit routing through a hub VCN).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runDoctor } from '../../src/doctor/doctor.ts';
import { describeTarget } from '../../src/doctor/rules/oci-routing.ts';
import { byCode, LABS, readLab, upFile, upText } from './helpers.ts';

const TUTORIAL = readLab(path.join(LABS, 'tutorial.yaml'));
const GATEWAYS = path.join(LABS, 'vcn-gateways.yaml');
const AZURE_RULE = '{ destination: 10.20.0.0/16, target: drg, description: Azure VNet via the interconnect }';

/** The tutorial with vcn-oci's rule to Azure sent to another target, and extra VCN fields. */
function tutorialTo(target: string, vcnFields: string): string {
  const text = TUTORIAL.replace(AZURE_RULE, `{ destination: 10.20.0.0/16, target: "${target}" }`).replace('      dnsLabel: vcnoci\n', `      dnsLabel: vcnoci\n${vcnFields}`);
  assert.notEqual(text, TUTORIAL);
  return text;
}

const missing = async (text: string): Promise<string[]> => {
  const { engine, lab } = await upText(text);
  return byCode(runDoctor(engine.routing, lab), 'MISSING_ROUTE_RULE').map((f) => f.message);
};

void test('Azure prefixes sent to a NAT gateway: MISSING_ROUTE_RULE names the NAT gateway', async () => {
  const [message, ...more] = await missing(tutorialTo('nat:nat-oci', '      natGateway: { name: nat-oci }\n'));
  assert.deepEqual(more, []);
  assert.match(message ?? '', /10\.20\.0\.0\/16 goes to NAT gateway nat-oci by rule 10\.20\.0\.0\/16\./);
});

void test('Azure prefixes sent to an LPG with no peer: MISSING_ROUTE_RULE names it and says it is not peered', async () => {
  const [message] = await missing(tutorialTo('lpg:lpg-lonely', '      localPeeringGateways: [{ name: lpg-lonely }]\n'));
  assert.match(message ?? '', /10\.20\.0\.0\/16 goes to local peering gateway lpg-lonely by rule 10\.20\.0\.0\/16 \(not peered: NEW\)/);
});

void test('Azure prefixes sent to a peered LPG whose peer has no transit route table: the finding says so', async () => {
  const text = readLab(GATEWAYS).replace('{ destination: 10.20.0.0/16, target: drg, description: Azure VNet via the interconnect }', '{ destination: 10.20.0.0/16, target: "lpg:lpg-hub-spoke" }');
  const [message, ...more] = await missing(text);
  assert.deepEqual(more, []);
  assert.match(message ?? '', /Route table rt-hub of VCN vcn-hub .* 10\.20\.0\.0\/16 goes to local peering gateway lpg-hub-spoke by rule 10\.20\.0\.0\/16, but its peer lpg-spoke-hub has no route table for transit routing/);
});

void test('a spoke attached to the DRG that reaches Azure through the hub LPG (whose route table goes to the DRG) is not flagged', async () => {
  const text = readLab(GATEWAYS)
    .replace('          vcnRouteTable: rt-drg-ingress   # Azure → DRG → this table → LPG → spoke\n', '          vcnRouteTable: rt-drg-ingress\n        - vcn: vcn-spoke\n');
  assert.notEqual(text, readLab(GATEWAYS));
  assert.deepEqual(await missing(text), []);
});

void test('describeTarget names every kind of VCN route target', async () => {
  const { engine } = await upFile(GATEWAYS);
  const w = engine.world;
  const id = (xs: { id: string; displayName: string }[], name: string) => xs.find((x) => x.displayName === name)?.id ?? '';
  const vm = w.list('oci.PrivateIp').find((p) => p.ipAddress === '10.10.10.10')?.id ?? '';
  assert.deepEqual([
    describeTarget(engine.routing, id(w.list('oci.NatGateway'), 'nat-hub')),
    describeTarget(engine.routing, id(w.list('oci.ServiceGateway'), 'sgw-hub')),
    describeTarget(engine.routing, id(w.list('oci.LocalPeeringGateway'), 'lpg-hub-spoke')),
    describeTarget(engine.routing, id(w.list('oci.Drg'), 'drg-oci')),
    describeTarget(engine.routing, vm),
  ], ['NAT gateway nat-hub', 'service gateway sgw-hub', 'local peering gateway lpg-hub-spoke', 'DRG drg-oci', 'private IP 10.10.10.10']);
});
