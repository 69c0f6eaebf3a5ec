// OCI route rules, security rules, DRG attachments, DRG route tables and route distributions, and
// the private IPs instances get. Each rejection must leave the world as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRouteTable, updateRouteTable } from '../../src/lifecycle/oci/route-table.ts';
import { addNsgRules, createNetworkSecurityGroup, createSecurityList, updateSecurityList } from '../../src/lifecycle/oci/security-list.ts';
import { updateVnic, launchInstance } from '../../src/lifecycle/oci/compute.ts';
import { createDrg, deleteDrg } from '../../src/lifecycle/oci/drg.ts';
import { createDrgAttachment } from '../../src/lifecycle/oci/drg-attachment.ts';
import { addDrgRouteDistributionStatements, addDrgRouteRules, createDrgRouteDistribution, createDrgRouteTable } from '../../src/lifecycle/oci/drg-route-table.ts';
import type { Tx } from '../../src/model/tx.ts';
import {
  OCI, attachVcn, expectRejected, launch, mutate, ociBase, ociInvalid, openEngine, provisionedInterconnect,
} from '../helpers/validation-fixtures.ts';

const conflict = (message: RegExp) => ({ cloud: 'oci' as const, status: 409, code: 'Conflict', message });

// ── VCN route rules ──────────────────────────────────────────────────────────────────────────────

void test('Route rule: a DRG that is not attached to the VCN cannot be a target', async (t) => {
  const engine = await openEngine(t);
  const { vcnId, drgId } = await ociBase(engine);
  const rules = [{ destination: '192.168.0.0/16', networkEntityId: drgId }];
  await expectRejected(engine, (tx) => createRouteTable(tx, OCI, { vcnId, routeRules: rules }),
    ociInvalid(new RegExp(`Route rule target ${drgId} is not a DRG attached to VCN ${vcnId}`)), ['oci.RouteTable']);
  // Once attached, the same rule is accepted.
  await attachVcn(engine, drgId, vcnId);
  const rt = await mutate(engine, (tx) => createRouteTable(tx, OCI, { vcnId, routeRules: rules }));
  assert.equal(rt.routeRules[0]?.networkEntityId, drgId);
});

void test('Route rule: a destination that is not a CIDR block is rejected and the table keeps its rules', async (t) => {
  const engine = await openEngine(t);
  const { vcnId, drgId } = await ociBase(engine);
  await attachVcn(engine, drgId, vcnId);
  const rt = await mutate(engine, (tx) => createRouteTable(tx, OCI, { vcnId, routeRules: [{ destination: '192.168.0.0/16', networkEntityId: drgId }] }));
  for (const bad of ['192.168.0.0/33', 'onprem', '192.168.1.0']) {
    await expectRejected(engine, (tx) => updateRouteTable(tx, OCI, rt.id, { routeRules: [{ destination: bad, networkEntityId: drgId }] }),
      ociInvalid(/is invalid: it is not a valid IPv4 CIDR block/), ['oci.RouteTable']);
  }
  await expectRejected(engine, (tx) => createRouteTable(tx, OCI, { vcnId, routeRules: [{ destination: '192.168.1.7/24', networkEntityId: drgId }] }),
    ociInvalid(/CIDR IP 192\.168\.1\.7 does not match network IP 192\.168\.1\.0/), ['oci.RouteTable']);
  assert.deepEqual(await engine.read((v) => v.get('oci.RouteTable', rt.id)?.routeRules.map((r) => r.destination)), ['192.168.0.0/16']);
});

void test('Route rule: a private IP target needs its VNIC to skip the source/destination check', async (t) => {
  const engine = await openEngine(t);
  const { vcnId, subnetId } = await ociBase(engine);
  const appliance = await launch(engine, subnetId);
  const rules = [{ destination: '0.0.0.0/0', networkEntityId: appliance.privateIpId }];
  await expectRejected(engine, (tx) => createRouteTable(tx, OCI, { vcnId, routeRules: rules }),
    ociInvalid(new RegExp(`Private IP ${appliance.privateIpId} cannot be a route target: its VNIC ${appliance.vnicId} does not have skipSourceDestCheck enabled`)), ['oci.RouteTable']);
  await mutate(engine, (tx) => updateVnic(tx, OCI, appliance.vnicId, { skipSourceDestCheck: true }));
  const rt = await mutate(engine, (tx) => createRouteTable(tx, OCI, { vcnId, routeRules: rules }));
  assert.equal(rt.routeRules[0]?.networkEntityId, appliance.privateIpId);
});

// ── security rules ───────────────────────────────────────────────────────────────────────────────

void test('Security rule: protocol must be "all" or a number ("tcp" is rejected), on security lists and NSGs', async (t) => {
  const engine = await openEngine(t);
  const { vcnId } = await ociBase(engine);
  const ssh = { protocol: 'tcp', source: '10.0.0.0/8', tcpOptions: { destinationPortRange: { min: 22, max: 22 } } };
  await expectRejected(engine, (tx) => createSecurityList(tx, OCI, { vcnId, ingressSecurityRules: [ssh] }),
    ociInvalid(/Invalid protocol 'tcp': use "all" or an IANA protocol number/), ['oci.SecurityList']);
  const nsg = await mutate(engine, (tx) => createNetworkSecurityGroup(tx, OCI, { vcnId }));
  await expectRejected(engine, (tx) => addNsgRules(tx, OCI, nsg.id, [{ direction: 'INGRESS', ...ssh }]),
    ociInvalid(/Invalid protocol 'tcp'/), ['oci.NsgSecurityRule']);
  await expectRejected(engine, (tx) => createSecurityList(tx, OCI, { vcnId, egressSecurityRules: [{ protocol: '256', destination: '0.0.0.0/0' }] }),
    ociInvalid(/Invalid protocol '256'/), ['oci.SecurityList']);
});

void test('Security rule: tcpOptions with protocol 1 (ICMP) is rejected and the default list keeps its rules', async (t) => {
  const engine = await openEngine(t);
  const { vcnId } = await ociBase(engine);
  const listId = await engine.read((v) => v.get('oci.Vcn', vcnId)!.defaultSecurityListId);
  const rulesBefore = await engine.read((v) => v.get('oci.SecurityList', listId)!.ingressSecurityRules);
  await expectRejected(engine, (tx) => updateSecurityList(tx, OCI, listId, {
    ingressSecurityRules: [{ protocol: '1', source: '0.0.0.0/0', tcpOptions: { destinationPortRange: { min: 22, max: 22 } } }],
  }), ociInvalid(/ingressSecurityRules\[0\]: tcpOptions requires protocol 6 \(TCP\)/), ['oci.SecurityList']);
  assert.deepEqual(await engine.read((v) => v.get('oci.SecurityList', listId)!.ingressSecurityRules), rulesBefore);
});

void test('Security rule: a port range with min > max is rejected', async (t) => {
  const engine = await openEngine(t);
  const { vcnId } = await ociBase(engine);
  await expectRejected(engine, (tx) => createSecurityList(tx, OCI, {
    vcnId, ingressSecurityRules: [{ protocol: '6', source: '0.0.0.0/0', tcpOptions: { destinationPortRange: { min: 443, max: 80 } } }],
  }), ociInvalid(/ingressSecurityRules\[0\]\.tcpOptions\.destinationPortRange must have 1 <= min <= max <= 65535/), ['oci.SecurityList']);
  await expectRejected(engine, (tx) => createSecurityList(tx, OCI, {
    vcnId, egressSecurityRules: [{ protocol: '17', destination: '0.0.0.0/0', udpOptions: { sourcePortRange: { min: 0, max: 53 } } }],
  }), ociInvalid(/egressSecurityRules\[0\]\.udpOptions\.sourcePortRange must have 1 <= min/), ['oci.SecurityList']);
});

// ── DRGs and their attachments ───────────────────────────────────────────────────────────────────

void test('DRG attachment: a second attachment for the same VCN is 409 Conflict, even to another DRG', async (t) => {
  const engine = await openEngine(t);
  const { vcnId, drgId } = await ociBase(engine);
  const first = await attachVcn(engine, drgId, vcnId);
  const other = await mutate(engine, (tx) => createDrg(tx, OCI, { compartmentId: OCI.tenancyId, displayName: 'drg-2' }));
  for (const target of [drgId, other.id]) {
    await expectRejected(engine, (tx) => createDrgAttachment(tx, OCI, { drgId: target, networkDetails: { type: 'VCN', id: vcnId } }),
      conflict(new RegExp(`The Vcn ${vcnId} is already attached to Drg ${drgId} \\(attachment ${first}\\)`)), ['oci.DrgAttachment']);
  }
});

void test('DRG: deleting a DRG that still has an attachment is 409 Conflict naming it', async (t) => {
  const engine = await openEngine(t);
  const { vcnId, drgId } = await ociBase(engine);
  const attachmentId = await attachVcn(engine, drgId, vcnId);
  await expectRejected(engine, (tx) => { deleteDrg(tx, OCI, drgId); },
    conflict(new RegExp(`The Drg ${drgId} has the attachment ${attachmentId}\\. You must delete its attachments`)), ['oci.Drg', 'oci.DrgAttachment', 'oci.DrgRouteTable', 'oci.DrgRouteDistribution']);
  assert.equal(await engine.read((v) => v.get('oci.Drg', drgId)?.lifecycleState), 'AVAILABLE');
});

void test('DRG route rule: a static rule cannot point at a VIRTUAL_CIRCUIT attachment', async (t) => {
  const engine = await openEngine(t);
  const ic = await provisionedInterconnect(engine);
  const { vcAttachment, tableId } = await engine.read((v) => {
    const drg = v.get('oci.Drg', ic.drgId)!;
    const att = v.children('oci.DrgAttachment', ic.drgId).find((a) => a.networkDetails.type === 'VIRTUAL_CIRCUIT' && a.networkDetails.id === ic.vcId)!;
    return { vcAttachment: att.id, tableId: drg.defaultDrgRouteTables.vcn };
  });
  await expectRejected(engine, (tx) => addDrgRouteRules(tx, OCI, tableId, [{ destination: '10.20.0.0/16', nextHopDrgAttachmentId: vcAttachment }]),
    ociInvalid(/routeRules\[0\]: static routes cannot point at a VIRTUAL_CIRCUIT attachment; routes to it must be learned dynamically/), ['oci.DrgRouteRule']);
});

void test('DRG route rule: a second static rule for the same destination is rejected (across requests and within one)', async (t) => {
  const engine = await openEngine(t);
  const { vcnId, drgId } = await ociBase(engine);
  const attachmentId = await attachVcn(engine, drgId, vcnId);
  const table = await mutate(engine, (tx) => createDrgRouteTable(tx, OCI, { drgId, displayName: 'spokes' }));
  await mutate(engine, (tx) => addDrgRouteRules(tx, OCI, table.id, [{ destination: '10.0.0.0/16', nextHopDrgAttachmentId: attachmentId }]));
  await expectRejected(engine, (tx) => addDrgRouteRules(tx, OCI, table.id, [{ destination: '10.0.0.0/16', nextHopDrgAttachmentId: attachmentId }]),
    ociInvalid(new RegExp(`a static rule for 10\\.0\\.0\\.0/16 already exists in DRG route table ${table.id}`)), ['oci.DrgRouteRule']);
  await expectRejected(engine, (tx) => addDrgRouteRules(tx, OCI, table.id, [
    { destination: '10.9.0.0/16', nextHopDrgAttachmentId: attachmentId },
    { destination: '10.9.0.0/16', nextHopDrgAttachmentId: 'BLACKHOLE' },
  ]), ociInvalid(/routeRules\[1\]: a static rule for 10\.9\.0\.0\/16 already exists/), ['oci.DrgRouteRule']);
  assert.equal(await engine.read((v) => v.children('oci.DrgRouteRule', table.id).length), 1);
});

void test('Route distribution: two statements with the same priority are rejected', async (t) => {
  const engine = await openEngine(t);
  const { drgId } = await ociBase(engine);
  const dist = await mutate(engine, (tx) => createDrgRouteDistribution(tx, OCI, { drgId, distributionType: 'IMPORT', displayName: 'import-vc' }));
  await expectRejected(engine, (tx) => addDrgRouteDistributionStatements(tx, OCI, dist.id, [
    { priority: 10, action: 'ACCEPT', matchCriteria: [{ matchType: 'DRG_ATTACHMENT_TYPE', attachmentType: 'VIRTUAL_CIRCUIT' }] },
    { priority: 10, action: 'ACCEPT', matchCriteria: [{ matchType: 'DRG_ATTACHMENT_TYPE', attachmentType: 'VCN' }] },
  ]), ociInvalid(/statements\[1\]\.priority 10 is already used in this distribution/), ['oci.DrgRouteDistributionStatement']);
  await mutate(engine, (tx) => addDrgRouteDistributionStatements(tx, OCI, dist.id, [{ priority: 10, matchCriteria: [{ matchType: 'MATCH_ALL' }] }]));
  await expectRejected(engine, (tx) => addDrgRouteDistributionStatements(tx, OCI, dist.id, [{ priority: 10, matchCriteria: [{ matchType: 'MATCH_ALL' }] }]),
    ociInvalid(/statements\[0\]\.priority 10 is already used/), ['oci.DrgRouteDistributionStatement']);
});

void test('Route distribution: an EXPORT distribution cannot be created', async (t) => {
  const engine = await openEngine(t);
  const { drgId } = await ociBase(engine);
  await expectRejected(engine, (tx) => createDrgRouteDistribution(tx, OCI, { drgId, distributionType: 'EXPORT' }),
    ociInvalid(/distributionType must be IMPORT: only import route distributions can be created/), ['oci.DrgRouteDistribution']);
});

void test('DRG: a valid route table and an invalid rule in one request leave neither', async (t) => {
  const engine = await openEngine(t);
  const { vcnId, drgId } = await ociBase(engine);
  const attachmentId = await attachVcn(engine, drgId, vcnId);
  await expectRejected(engine, (tx) => {
    const table = createDrgRouteTable(tx, OCI, { drgId, displayName: 'half-done' });
    addDrgRouteRules(tx, OCI, table.id, [{ destination: '10.0.0.0/16', nextHopDrgAttachmentId: attachmentId }, { destination: '10.0.0.0/16', nextHopDrgAttachmentId: attachmentId }]);
  }, ociInvalid(/already exists/), ['oci.DrgRouteTable', 'oci.DrgRouteRule']);
  assert.ok(!(await engine.read((v) => v.list('oci.DrgRouteTable').some((x) => x.displayName === 'half-done'))));
});

// ── instance private IPs ─────────────────────────────────────────────────────────────────────────

function launchAt(subnetId: string, privateIp: string) {
  return (tx: Tx) => launchInstance(tx, OCI, { compartmentId: OCI.tenancyId, availabilityDomain: 'AD-1', createVnicDetails: { subnetId, privateIp } });
}

const COMPUTE_KINDS = ['oci.Instance', 'oci.Vnic', 'oci.PrivateIp', 'oci.VnicAttachment'] as const;

void test('Instance: a privateIp outside the subnet is rejected', async (t) => {
  const engine = await openEngine(t);
  const { subnetId } = await ociBase(engine);
  await expectRejected(engine, launchAt(subnetId, '10.0.2.10'),
    ociInvalid(new RegExp(`privateIp 10\\.0\\.2\\.10 is not within subnet ${subnetId} \\(10\\.0\\.1\\.0/24\\)`)), COMPUTE_KINDS);
});

void test('Instance: the network address, the virtual router (.1) and the broadcast address are reserved', async (t) => {
  const engine = await openEngine(t);
  const { subnetId } = await ociBase(engine);
  for (const ip of ['10.0.1.0', '10.0.1.1', '10.0.1.255']) {
    await expectRejected(engine, launchAt(subnetId, ip), ociInvalid(new RegExp(`privateIp ${ip.replace(/\./g, '\\.')} is reserved in subnet 10\\.0\\.1\\.0/24`)), COMPUTE_KINDS);
  }
  const first = await launch(engine, subnetId, { privateIp: '10.0.1.2' });
  const last = await launch(engine, subnetId, { privateIp: '10.0.1.254' });
  assert.deepEqual([first.ip, last.ip], ['10.0.1.2', '10.0.1.254']);
});

void test('Instance: a privateIp already in use is 409 Conflict', async (t) => {
  const engine = await openEngine(t);
  const { subnetId } = await ociBase(engine);
  await launch(engine, subnetId, { privateIp: '10.0.1.10' });
  await expectRejected(engine, launchAt(subnetId, '10.0.1.10'), conflict(new RegExp(`privateIp 10\\.0\\.1\\.10 is already assigned in subnet ${subnetId}`)), COMPUTE_KINDS);
  // Two instances asking for one address in a single request: neither is launched.
  await expectRejected(engine, (tx) => {
    launchAt(subnetId, '10.0.1.20')(tx);
    launchAt(subnetId, '10.0.1.20')(tx);
  }, conflict(/privateIp 10\.0\.1\.20 is already assigned/), COMPUTE_KINDS);
  assert.equal(await engine.read((v) => v.list('oci.Instance').length), 1);
});
