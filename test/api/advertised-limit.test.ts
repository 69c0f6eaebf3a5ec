// The 1,000 IPv4 prefixes Azure advertises over ExpressRoute are a limit per connection (a gateway's
// VNet and the spokes using it), not per circuit (ExpressRoute FAQ). Three VNets with their own
// gateways share one circuit: two of 600 prefixes each (1,200 together) all reach OCI, as seen
// through oci-core's listDrgRouteRules; the third advertises 1,001, so Microsoft disconnects its
// connection: OCI learns none of them, its gateway learns nothing (getLearnedRoutes through
// @azure/arm-network), and the doctor says why. The others are unaffected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { intToIp } from '../../src/model/cidr.ts';
import { putVirtualNetwork } from '../../src/lifecycle/azure/vnet.ts';
import { putVirtualNetworkGateway } from '../../src/lifecycle/azure/gateway.ts';
import { putConnection } from '../../src/lifecycle/azure/connection.ts';
import { runDoctor } from '../../src/doctor/doctor.ts';
import { AZ, buildAzure, buildOci } from '../helpers/interconnect.ts';
import { core, ociClients, type OciClients } from './oci/harness.ts';
import { FAST_POLL, startArmServer, type ArmTestServer } from './arm/harness.ts';

/** `count` distinct /24s from `first` (172.16.0.0 and up: outside every other address in the test). */
const slash24s = (first: number, count: number) => Array.from({ length: count }, (_, i) => `${intToIp((first + i * 256) >>> 0)}/24`);
const FROM_172_16 = 0xac100000;

void describe('the advertised-prefix limit is per ExpressRoute connection', () => {
  let s: ArmTestServer;
  let oci: OciClients;
  let vcnTableId: string;
  const spaces = { a: slash24s(FROM_172_16, 600), b: slash24s(FROM_172_16 + 600 * 256, 600), c: slash24s(FROM_172_16 + 1200 * 256, 1000) };

  /** A VNet (its GatewaySubnet in 10.<octet>.0.0/16, which counts too), its gateway and its connection to the circuit. */
  async function vnetOnCircuit(name: string, octet: number, extra: string[], circuitId: string): Promise<void> {
    await s.engine.mutate(`test:${name}`, (tx) => {
      const vnet = putVirtualNetwork(tx, AZ, 'rg', name, {
        location: 'eastus', properties: { addressSpace: { addressPrefixes: [`10.${octet}.0.0/16`, ...extra] }, subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: `10.${octet}.255.0/27` } }] },
      });
      return putVirtualNetworkGateway(tx, AZ, 'rg', `gw-${name}`, {
        location: 'eastus', properties: { gatewayType: 'ExpressRoute', sku: { name: 'ErGw2AZ' }, ipConfigurations: [{ name: 'default', properties: { subnet: { id: `${vnet.id}/subnets/GatewaySubnet` } } }] },
      }).id;
    }).then((gatewayId) => s.engine.mutate(`test:conn-${name}`, (tx) => putConnection(tx, AZ, 'rg', `conn-${name}`, {
      location: 'eastus', properties: { connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gatewayId }, peer: { id: circuitId } },
    })));
  }

  /** Every prefix the VCN's DRG route table learned from the virtual circuit, through oci-core (all pages). */
  async function learnedByOci(): Promise<Set<string>> {
    const out = new Set<string>();
    let page: string | undefined;
    do {
      const res = await oci.network.listDrgRouteRules({ drgRouteTableId: vcnTableId, limit: 1000, ...(page === undefined ? {} : { page }) });
      for (const rule of res.items) if (rule.routeProvenance === core.models.DrgRouteRule.RouteProvenance.VirtualCircuit && rule.destination !== undefined) out.add(rule.destination);
      page = res.opcNextPage;
    } while (page !== undefined);
    return out;
  }

  const ebgp = async (gateway: string) => ((await s.clients().network.virtualNetworkGateways.beginGetLearnedRoutesAndWait('rg', gateway, FAST_POLL)).value ?? [])
    .filter((r) => r.origin === 'EBgp').map((r) => r.network);

  before(async () => {
    s = await startArmServer();
    oci = ociClients(s.endpoints.oci);
    const azure = await buildAzure(s.engine); // vnet-azure 10.20.0.0/16 with gateway ergw, not connected
    const side = await buildOci(s.engine, azure.serviceKey);
    vcnTableId = await s.engine.read((v) => v.list('oci.DrgAttachment').find((a) => a.networkDetails.type === 'VCN' && a.drgId === side.drgId)?.drgRouteTableId ?? '');
    await vnetOnCircuit('vnet-a', 30, spaces.a, azure.circuitId);
    await vnetOnCircuit('vnet-b', 31, spaces.b, azure.circuitId);
  });
  after(async () => {
    await s.close();
  });

  void it('carries every prefix of connections that are each within 1,000, whatever they add up to', async () => {
    const learned = await learnedByOci();
    const expected = ['10.30.0.0/16', ...spaces.a, '10.31.0.0/16', ...spaces.b];
    assert.equal(expected.length, 1202, 'more than 1,000 together, 601 per connection');
    assert.deepEqual(expected.filter((p) => !learned.has(p)), [], 'OCI learns every prefix of both VNets');
    assert.equal(learned.size, 1202);
    assert.ok((await ebgp('gw-vnet-a')).includes('10.10.10.0/24'), 'and both gateways learn OCI\'s prefix');
    assert.ok((await ebgp('gw-vnet-b')).includes('10.10.10.0/24'));
    const codes = await s.engine.read(() => runDoctor(s.engine.routing).findings.map((f) => f.code));
    assert.ok(!codes.includes('GATEWAY_ADVERTISED_LIMIT_EXCEEDED'));
  });

  void it('disconnects only the connection over the limit, as Microsoft documents', async () => {
    await vnetOnCircuit('vnet-c', 32, spaces.c.slice(0, 999), await s.engine.read((v) => v.list('azure.ExpressRouteCircuit')[0]?.id ?? ''));
    assert.equal((await learnedByOci()).size, 1202 + 1000, 'exactly 1,000 prefixes: still carried');
    const near = await s.engine.read(() => runDoctor(s.engine.routing).findings.filter((f) => f.code === 'GATEWAY_ADVERTISED_NEAR_LIMIT'));
    assert.equal(near.length, 1);
    assert.match(near[0]?.message ?? '', /gw-vnet-c advertises 1000 prefixes/);

    // One more address space: 1,001 on vnet-c's connection.
    await s.engine.mutate('test:grow', (tx) => putVirtualNetwork(tx, AZ, 'rg', 'vnet-c', {
      location: 'eastus', properties: { addressSpace: { addressPrefixes: ['10.32.0.0/16', ...spaces.c] } },
    }));
    const learned = await learnedByOci();
    assert.equal(learned.size, 1202, 'OCI learns nothing over the disconnected connection');
    assert.ok(!learned.has('10.32.0.0/16') && !spaces.c.some((p) => learned.has(p)));
    assert.deepEqual(await ebgp('gw-vnet-c'), [], 'the disconnected gateway learns nothing from the circuit');
    assert.ok((await ebgp('gw-vnet-a')).includes('10.10.10.0/24'), 'the other connections are unaffected');

    const findings = await s.engine.read(() => runDoctor(s.engine.routing).findings);
    const exceeded = findings.filter((f) => f.code === 'GATEWAY_ADVERTISED_LIMIT_EXCEEDED');
    assert.equal(exceeded.length, 1);
    assert.match(exceeded[0]?.message ?? '', /gw-vnet-c advertises 1001 prefixes .* more than the 1000 one connection carries/);
    assert.ok(!findings.some((f) => f.code === 'GATEWAY_NOT_CONNECTED'), 'connected gateways exist: not GATEWAY_NOT_CONNECTED');
  });
});
