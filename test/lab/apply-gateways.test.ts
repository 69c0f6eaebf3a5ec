// Labs with NAT, service and local peering gateways and custom DHCP options come up as declared and
// tear down cleanly; gateways, DHCP options, route rules, public IPs and network watchers created
// through the APIs inside a lab's VCNs and resource group do not block its teardown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseLab } from '../../src/lab/parse.ts';
import { downLab, upLab } from '../../src/engine/lab-runner.ts';
import { labNames, labRemaining } from '../../src/lab/apply.ts';
import { isGone, type OciScope } from '../../src/lifecycle/oci/scope.ts';
import { DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import { createNatGateway } from '../../src/lifecycle/oci/nat-gateway.ts';
import { createServiceGateway } from '../../src/lifecycle/oci/service-gateway.ts';
import { connectLocalPeeringGateways, createLocalPeeringGateway } from '../../src/lifecycle/oci/local-peering-gateway.ts';
import { createDhcpOptions } from '../../src/lifecycle/oci/dhcp-options.ts';
import { createSubnet } from '../../src/lifecycle/oci/subnet.ts';
import { createRouteTable, updateRouteTable } from '../../src/lifecycle/oci/route-table.ts';
import { createVcn } from '../../src/lifecycle/oci/vcn.ts';
import { oracleServices } from '../../src/model/oci/services.ts';
import { putPublicIPAddress } from '../../src/lifecycle/azure/public-ip.ts';
import { putNetworkWatcher } from '../../src/lifecycle/azure/network-watcher.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { Kind } from '../../src/model/world.ts';
import { AZ, memoryEngine } from '../helpers/interconnect.ts';

const load = (file: string) => parseLab(readFileSync(file, 'utf8'), file);
const OCI: OciScope = { tenancyId: DEFAULT_TENANCY_ID, region: 'us-ashburn-1' };
const GATEWAY_KINDS = ['oci.NatGateway', 'oci.ServiceGateway', 'oci.LocalPeeringGateway', 'oci.DhcpOptions', 'oci.RouteTable', 'oci.Subnet', 'oci.Vcn'] as const;

const byName = <T extends { displayName: string }>(xs: T[], name: string): T => {
  const found = xs.find((x) => x.displayName === name);
  assert.ok(found, `no ${name}`);
  return found;
};

/** Every live OCI resource of these kinds (the lab's and the API's). */
function liveOci(engine: Engine, kinds: readonly Kind[]): string[] {
  return kinds.flatMap((k) => (engine.world.list(k) as { id: string; lifecycleState?: string }[]).filter((e) => e.lifecycleState === undefined || !isGone(e.lifecycleState)).map((e) => e.id));
}

void test('the vcn-gateways lab comes up with its NAT, service and local peering gateways and DHCP options as declared', async () => {
  const engine = await memoryEngine();
  const report = await upLab(engine, load('labs/vcn-gateways.yaml'));
  assert.deepEqual(report.incomplete, []);
  const w = engine.world;
  const hub = byName(w.list('oci.Vcn'), 'vcn-hub');
  const spoke = byName(w.list('oci.Vcn'), 'vcn-spoke');
  const nat = byName(w.list('oci.NatGateway'), 'nat-hub');
  assert.equal(nat.vcnId, hub.id);
  assert.equal(nat.blockTraffic, false);
  const sgw = byName(w.list('oci.ServiceGateway'), 'sgw-hub');
  assert.deepEqual(sgw.services.map((s) => s.serviceName), ['All IAD Services In Oracle Services Network']);
  const lpgHub = byName(w.list('oci.LocalPeeringGateway'), 'lpg-hub-spoke');
  const lpgSpoke = byName(w.list('oci.LocalPeeringGateway'), 'lpg-spoke-hub');
  assert.deepEqual([lpgHub.peeringStatus, lpgHub.peerId, lpgSpoke.peeringStatus, lpgSpoke.peerId], ['PEERED', lpgSpoke.id, 'PEERED', lpgHub.id]);
  assert.equal(lpgHub.routeTableId, byName(w.list('oci.RouteTable'), 'rt-lpg-ingress').id, 'the hub LPG routes transit traffic by its own table');
  assert.deepEqual(lpgSpoke.peerAdvertisedCidrDetails, ['10.10.0.0/16', '10.20.0.0/16'], 'the spoke sees the hub and, by transit, Azure');
  const dhcp = byName(w.list('oci.DhcpOptions'), 'dhcp-spoke');
  assert.equal(dhcp.vcnId, spoke.id);
  assert.deepEqual(dhcp.options, [{ type: 'DomainNameServer', serverType: 'CustomDnsServer', customDnsServers: ['10.10.10.53'] }, { type: 'SearchDomain', searchDomainNames: ['corp.example.com'] }]);
  assert.equal(byName(w.list('oci.Subnet'), 'subnet-spoke').dhcpOptionsId, dhcp.id);
  assert.equal(byName(w.list('oci.Subnet'), 'subnet-hub').dhcpOptionsId, hub.defaultDhcpOptionsId);
  const rules = byName(w.list('oci.RouteTable'), 'rt-hub').routeRules.map((r) => [r.destination, r.destinationType, r.networkEntityId.split('.')[1]]);
  assert.deepEqual(rules, [
    ['10.20.0.0/16', 'CIDR_BLOCK', 'drg'],
    ['10.12.0.0/16', 'CIDR_BLOCK', 'localpeeringgateway'],
    ['all-iad-services-in-oracle-services-network', 'SERVICE_CIDR_BLOCK', 'servicegateway'],
    ['0.0.0.0/0', 'CIDR_BLOCK', 'natgateway'],
  ]);
  // The hub attachment's ingress table sends the spoke to the LPG.
  const att = w.list('oci.DrgAttachment').find((a) => a.networkDetails.type === 'VCN' && a.networkDetails.id === hub.id);
  assert.equal(att?.networkDetails.type === 'VCN' ? att.networkDetails.routeTableId : undefined, byName(w.list('oci.RouteTable'), 'rt-drg-ingress').id);
});

void test('the vcn-gateways lab tears down cleanly: route rules, then gateways and DHCP options, then the VCNs', async () => {
  const engine = await memoryEngine();
  await upLab(engine, load('labs/vcn-gateways.yaml'));
  await downLab(engine, 'vcn-gateways', { timeoutMs: 20_000 });
  assert.deepEqual(await engine.read((v) => labNames(v)), []);
  assert.deepEqual(liveOci(engine, [...GATEWAY_KINDS, 'oci.DrgAttachment', 'oci.Instance']), []);
  assert.equal(engine.world.list('azure.ResourceGroup').some((g) => g.name === 'rg-vcn-gateways'), false);
});

void test('gateways, DHCP options, route rules, public IPs and network watchers created through the APIs in a lab do not block its teardown', async () => {
  const engine = await memoryEngine();
  await upLab(engine, load('labs/tutorial.yaml'));
  await engine.mutate('test:api', (tx) => {
    const vcn = byName(tx.list('oci.Vcn'), 'vcn-oci');
    const common = { compartmentId: vcn.compartmentId };
    const nat = createNatGateway(tx, OCI, { ...common, vcnId: vcn.id, displayName: 'api-nat' });
    const service = oracleServices('us-ashburn-1')[1];
    assert.ok(service);
    const sgw = createServiceGateway(tx, OCI, { ...common, vcnId: vcn.id, displayName: 'api-sgw', services: [{ serviceId: service.id }] });
    // An LPG peered with one in a VCN outside the lab: the outside side stays (REVOKED).
    const outside = createVcn(tx, OCI, { ...common, displayName: 'outside', cidrBlocks: ['10.40.0.0/16'] });
    const lpg = createLocalPeeringGateway(tx, OCI, { ...common, vcnId: vcn.id, displayName: 'api-lpg' });
    const far = createLocalPeeringGateway(tx, OCI, { ...common, vcnId: outside.id, displayName: 'far-lpg' });
    connectLocalPeeringGateways(tx, OCI, lpg.id, far.id);
    const dhcp = createDhcpOptions(tx, OCI, { ...common, vcnId: vcn.id, displayName: 'api-dhcp', options: [{ type: 'DomainNameServer', serverType: 'CustomDnsServer', customDnsServers: ['10.10.0.53'] }] });
    createSubnet(tx, OCI, { ...common, vcnId: vcn.id, displayName: 'api-subnet', cidrBlock: '10.10.20.0/24', dhcpOptionsId: dhcp.id });
    // Rules that target each gateway: in the lab's route table and in a table the API made.
    const labTable = byName(tx.list('oci.RouteTable'), 'rt-oci');
    updateRouteTable(tx, OCI, labTable.id, { routeRules: [...labTable.routeRules, { destination: '0.0.0.0/0', networkEntityId: nat.id }] });
    createRouteTable(tx, OCI, { ...common, vcnId: vcn.id, displayName: 'api-rt', routeRules: [
      { destination: service.cidrBlock, destinationType: 'SERVICE_CIDR_BLOCK', networkEntityId: sgw.id },
      { destination: '10.40.0.0/16', networkEntityId: lpg.id },
    ] });
    putPublicIPAddress(tx, AZ, 'rg-fastroute', 'api-pip', { location: 'eastus', sku: { name: 'Standard' }, properties: { publicIPAllocationMethod: 'Static' } });
    putNetworkWatcher(tx, AZ, 'rg-fastroute', 'NetworkWatcher_eastus', { location: 'eastus' });
  });
  await engine.settle();
  assert.ok((await engine.read((v) => labRemaining(v, 'tutorial'))) > 0);
  await downLab(engine, 'tutorial', { timeoutMs: 20_000 });
  assert.deepEqual(await engine.read((v) => labNames(v)), []);
  const w = engine.world;
  const outside = byName(w.list('oci.Vcn'), 'outside');
  // Everything inside the lab's VCN is gone, including what the API created; the outside VCN stays.
  assert.deepEqual(liveOci(engine, GATEWAY_KINDS).filter((id) => {
    const e = GATEWAY_KINDS.map((k) => w.get(k, id)).find((x) => x !== undefined) as { vcnId?: string; id: string } | undefined;
    return e?.id !== outside.id && e?.vcnId !== outside.id;
  }), []);
  assert.equal(outside.lifecycleState, 'AVAILABLE');
  assert.equal(byName(w.list('oci.LocalPeeringGateway'), 'far-lpg').peeringStatus, 'REVOKED');
  assert.equal(w.list('azure.PublicIPAddress').length, 0);
  assert.equal(w.list('azure.NetworkWatcher').length, 0);
  assert.equal(w.list('azure.ResourceGroup').some((g) => g.name === 'rg-fastroute'), false);
});
