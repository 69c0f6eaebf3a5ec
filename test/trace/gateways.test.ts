// The VCN gateways in the trace, on the tutorial with gateways added through the lifecycles (no
// HTTP): a NAT or internet gateway hands the packet to the internet, a service gateway to the Oracle
// Services Network, a local peering gateway to the peered VCN, and Azure reaches a VCN peered with
// the hub by transit routing through the hub's ingress and LPG route tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trace } from '../../src/trace/trace.ts';
import type { Hop } from '../../src/trace/types.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { Tx } from '../../src/model/tx.ts';
import type { OciScope } from '../../src/lifecycle/oci/scope.ts';
import { createNatGateway, updateNatGateway } from '../../src/lifecycle/oci/nat-gateway.ts';
import { createServiceGateway, updateServiceGateway } from '../../src/lifecycle/oci/service-gateway.ts';
import { connectLocalPeeringGateways, createLocalPeeringGateway, updateLocalPeeringGateway } from '../../src/lifecycle/oci/local-peering-gateway.ts';
import { createRouteTable, updateRouteTable, type RouteRuleDetails } from '../../src/lifecycle/oci/route-table.ts';
import { createInternetGateway, updateInternetGateway } from '../../src/lifecycle/oci/internet-gateway.ts';
import { createVcn } from '../../src/lifecycle/oci/vcn.ts';
import { createSubnet } from '../../src/lifecycle/oci/subnet.ts';
import { createSecurityList } from '../../src/lifecycle/oci/security-list.ts';
import { launchInstance } from '../../src/lifecycle/oci/compute.ts';
import { updateDrgAttachment } from '../../src/lifecycle/oci/drg-attachment.ts';
import { oracleServices } from '../../src/model/oci/services.ts';
import { labEngine } from '../helpers/lab.ts';

const path = (hops: readonly Hop[]) => hops.map((h) => `${h.kind}:${h.decision}`);

interface Tutorial { engine: Engine; scope: OciScope; compartmentId: string; vcnId: string; rtId: string; drgId: string }

async function tutorial(): Promise<Tutorial> {
  const { engine } = await labEngine('labs/tutorial.yaml');
  const vcn = engine.world.list('oci.Vcn')[0];
  const rt = engine.world.list('oci.RouteTable').find((t) => t.displayName === 'rt-oci');
  const drg = engine.world.list('oci.Drg')[0];
  assert.ok(vcn && rt && drg);
  return { engine, scope: { tenancyId: vcn.fr.tenancyId, region: vcn.fr.region }, compartmentId: vcn.compartmentId, vcnId: vcn.id, rtId: rt.id, drgId: drg.id };
}

const change = <T>(t: Tutorial, fn: (tx: Tx) => T): Promise<T> => t.engine.mutate('test', fn);
const run = (t: Tutorial, to: string, from = 'vm-oci') => t.engine.read(() => trace(t.engine.routing, { from, to, protocol: 'icmp' }));
const toDrg = (t: Tutorial): RouteRuleDetails => ({ destination: '10.20.0.0/16', networkEntityId: t.drgId });

void test('a NAT gateway takes the packet to the internet (not traced further), and blocks it when told to', async () => {
  const t = await tutorial();
  const nat = await change(t, (tx) => {
    const g = createNatGateway(tx, t.scope, { compartmentId: t.compartmentId, vcnId: t.vcnId, displayName: 'nat' });
    updateRouteTable(tx, t.scope, t.rtId, { routeRules: [toDrg(t), { destination: '0.0.0.0/0', networkEntityId: g.id }] });
    return g;
  });
  const out = await run(t, '8.8.8.8');
  assert.deepEqual(path(out.hops), ['vnic-egress:allow', 'vcn-route-table:forward', 'nat-gateway:drop']);
  assert.equal(out.hops[1]?.rule, `rule 0.0.0.0/0 → ${nat.id}`);
  assert.equal(out.reason, 'NO_ROUTE');
  assert.match(out.hops[2]?.detail ?? '', new RegExp(`NAT gateway's address ${nat.natIp.replace(/\./g, '\\.')}`));
  assert.equal((await run(t, 'vm-azure')).verdict, 'delivered', 'the more specific rule still goes to the DRG');

  await change(t, (tx) => updateNatGateway(tx, t.scope, nat.id, { blockTraffic: true }));
  const blocked = await run(t, '8.8.8.8');
  assert.equal(blocked.reason, 'BLACKHOLE');
  assert.match(blocked.hops.at(-1)?.detail ?? '', /blockTraffic/);

  // A misrouted private prefix: the NAT gateway cannot bring it back from the internet.
  await change(t, (tx) => {
    updateNatGateway(tx, t.scope, nat.id, { blockTraffic: false });
    updateRouteTable(tx, t.scope, t.rtId, { routeRules: [{ ...toDrg(t), networkEntityId: nat.id }] });
  });
  const misrouted = await run(t, 'vm-azure');
  assert.equal(misrouted.verdict, 'dropped');
  assert.deepEqual(path(misrouted.hops).at(-1), 'nat-gateway:drop');
});

void test('an internet gateway hop: disabled is a blackhole, enabled leaves for the internet', async () => {
  const t = await tutorial();
  const igw = await change(t, (tx) => {
    const g = createInternetGateway(tx, t.scope, { compartmentId: t.compartmentId, vcnId: t.vcnId, isEnabled: false });
    updateRouteTable(tx, t.scope, t.rtId, { routeRules: [toDrg(t), { destination: '0.0.0.0/0', networkEntityId: g.id }] });
    return g;
  });
  const disabled = await run(t, '1.1.1.1');
  assert.deepEqual(path(disabled.hops).at(-1), 'internet-gateway:drop');
  assert.equal(disabled.reason, 'BLACKHOLE');
  await change(t, (tx) => updateInternetGateway(tx, t.scope, igw.id, { isEnabled: true }));
  assert.equal((await run(t, '1.1.1.1')).reason, 'NO_ROUTE');
});

void test('a service gateway reaches the Oracle Services Network by a SERVICE_CIDR_BLOCK rule and an enabled service', async () => {
  const t = await tutorial();
  const [all, objectStorage] = oracleServices('us-ashburn-1');
  assert.ok(all && objectStorage);
  const noRule = await run(t, objectStorage.cidrBlock);
  assert.equal(noRule.reason, 'NO_ROUTE');
  assert.deepEqual(path(noRule.hops), ['vnic-egress:allow', 'vcn-route-table:drop']);

  const sgw = await change(t, (tx) => {
    const g = createServiceGateway(tx, t.scope, { compartmentId: t.compartmentId, vcnId: t.vcnId, services: [{ serviceId: objectStorage.id }] });
    updateRouteTable(tx, t.scope, t.rtId, { routeRules: [toDrg(t), { destination: all.cidrBlock, destinationType: 'SERVICE_CIDR_BLOCK', networkEntityId: g.id }] });
    return g;
  });
  const ok = await run(t, objectStorage.cidrBlock);
  assert.equal(ok.verdict, 'delivered', 'the "all services" rule covers Object Storage, which the gateway enables');
  assert.deepEqual(path(ok.hops), ['vnic-egress:allow', 'vcn-route-table:forward', 'service-gateway:forward', 'destination:deliver']);
  assert.equal(ok.hops[1]?.rule, `rule ${all.cidrBlock} → ${sgw.id}`);
  assert.equal(ok.hops.at(-1)?.name, objectStorage.name);
  assert.equal((await run(t, objectStorage.id)).verdict, 'delivered', 'a service can be named by its OCID too');

  const notEnabled = await run(t, all.cidrBlock);
  assert.equal(notEnabled.reason, 'NO_ROUTE', 'only Object Storage is enabled, not every service');
  assert.match(notEnabled.hops.at(-1)?.detail ?? '', /not enabled on the service gateway/);

  await change(t, (tx) => updateServiceGateway(tx, t.scope, sgw.id, { blockTraffic: true }));
  assert.equal((await run(t, objectStorage.cidrBlock)).reason, 'BLACKHOLE');
  assert.equal((await run(t, 'vm-azure')).verdict, 'delivered', 'IP traffic never matches a service rule');
});

/** A second VCN with one VM (10.30.1.10) whose security list lets ICMP in from the tutorial's VCN and VNet. */
function peerVcn(t: Tutorial, tx: Tx) {
  const vcn = createVcn(tx, t.scope, { compartmentId: t.compartmentId, displayName: 'vcn-peer', cidrBlocks: ['10.30.0.0/16'] });
  const rt = createRouteTable(tx, t.scope, { compartmentId: t.compartmentId, vcnId: vcn.id, displayName: 'rt-peer', routeRules: [] });
  const sl = createSecurityList(tx, t.scope, {
    compartmentId: t.compartmentId, vcnId: vcn.id, displayName: 'sl-peer',
    ingressSecurityRules: ['10.10.0.0/16', '10.20.0.0/16'].map((source) => ({ source, protocol: '1' })), egressSecurityRules: [{ destination: '0.0.0.0/0', protocol: 'all' }],
  });
  const subnet = createSubnet(tx, t.scope, { compartmentId: t.compartmentId, vcnId: vcn.id, cidrBlock: '10.30.1.0/24', routeTableId: rt.id, securityListIds: [sl.id] });
  launchInstance(tx, t.scope, { compartmentId: t.compartmentId, displayName: 'vm-peer', availabilityDomain: 'US-ASHBURN-AD-1', createVnicDetails: { subnetId: subnet.id, privateIp: '10.30.1.10' } });
  const lpg = createLocalPeeringGateway(tx, t.scope, { compartmentId: t.compartmentId, vcnId: vcn.id, displayName: 'lpg-peer' });
  return { vcn, rt, lpg };
}

void test('a local peering gateway carries the packet to the peered VCN and the reply back; unpeered it drops', async () => {
  const t = await tutorial();
  const { rt, lpg: far } = await change(t, (tx) => peerVcn(t, tx));
  const near = await change(t, (tx) => {
    const g = createLocalPeeringGateway(tx, t.scope, { compartmentId: t.compartmentId, vcnId: t.vcnId, displayName: 'lpg-hub' });
    updateRouteTable(tx, t.scope, t.rtId, { routeRules: [toDrg(t), { destination: '10.30.0.0/16', networkEntityId: g.id }] });
    updateRouteTable(tx, t.scope, rt.id, { routeRules: [{ destination: '10.10.0.0/16', networkEntityId: far.id }] });
    return g;
  });
  const unpeered = await run(t, 'vm-peer');
  assert.deepEqual(path(unpeered.hops).at(-1), 'local-peering-gateway:drop');
  assert.match(unpeered.hops.at(-1)?.detail ?? '', /not peered \(peeringStatus NEW\)/);

  await change(t, (tx) => { connectLocalPeeringGateways(tx, t.scope, near.id, far.id); });
  const peered = await run(t, 'vm-peer');
  assert.equal(peered.verdict, 'delivered');
  assert.deepEqual(path(peered.hops), ['vnic-egress:allow', 'vcn-route-table:forward', 'local-peering-gateway:forward', 'vnic-ingress:allow', 'destination:deliver']);
  assert.match(peered.hops[2]?.detail ?? '', /to the peered VCN vcn-peer through lpg-peer/);
  assert.deepEqual(path(peered.returnPath?.hops ?? []).slice(1, 3), ['vcn-route-table:forward', 'local-peering-gateway:forward']);
});

void test('transit routing: Azure reaches a VCN peered with the hub through the DRG, the hub ingress table and the LPGs; the reply uses the LPG route table', async () => {
  const t = await tutorial();
  const { rt, lpg: far } = await change(t, (tx) => peerVcn(t, tx));
  await change(t, (tx) => {
    const near = createLocalPeeringGateway(tx, t.scope, { compartmentId: t.compartmentId, vcnId: t.vcnId, displayName: 'lpg-hub' });
    connectLocalPeeringGateways(tx, t.scope, near.id, far.id);
    // The hub's ingress table (on its DRG attachment) sends the spoke's prefix on to the LPG; the DRG learns it from there.
    const ingress = createRouteTable(tx, t.scope, { compartmentId: t.compartmentId, vcnId: t.vcnId, displayName: 'rt-hub-ingress', routeRules: [{ destination: '10.30.0.0/16', networkEntityId: near.id }] });
    const att = tx.list('oci.DrgAttachment').find((a) => a.networkDetails.type === 'VCN' && a.networkDetails.id === t.vcnId);
    assert.ok(att);
    updateDrgAttachment(tx, t.scope, att.id, { networkDetails: { type: 'VCN', routeTableId: ingress.id } });
    updateRouteTable(tx, t.scope, rt.id, { routeRules: [{ destination: '10.20.0.0/16', networkEntityId: far.id }] });
    return near;
  });
  const noTransit = await run(t, 'vm-peer', 'vm-azure');
  assert.equal(noTransit.verdict, 'dropped', 'the hub LPG has no route table for the reply yet');
  assert.match(noTransit.returnPath?.hops.at(-1)?.detail ?? '', /its LPG has no route table for transit routing/);

  await change(t, (tx) => {
    const near = tx.list('oci.LocalPeeringGateway').find((g) => g.displayName === 'lpg-hub');
    assert.ok(near);
    const back = createRouteTable(tx, t.scope, { compartmentId: t.compartmentId, vcnId: t.vcnId, displayName: 'rt-lpg-transit', routeRules: [toDrg(t)] });
    updateLocalPeeringGateway(tx, t.scope, near.id, { routeTableId: back.id });
  });
  const through = await run(t, 'vm-peer', 'vm-azure');
  assert.equal(through.verdict, 'delivered');
  assert.deepEqual(through.hops.filter((h) => h.kind === 'vcn-ingress-route-table').map((h) => h.name), ['rt-hub-ingress']);
  assert.ok(path(through.hops).includes('local-peering-gateway:forward'));
  assert.deepEqual(through.returnPath?.hops.filter((h) => h.kind === 'vcn-ingress-route-table').map((h) => h.name), ['rt-lpg-transit']);
  assert.ok(path(through.returnPath?.hops ?? []).includes('drg-route-table:forward'));
});
