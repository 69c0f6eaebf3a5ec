// ExpressRoute through the official @azure/arm-network 36 over HTTPS: service providers, the circuit
// and its errors, the ER gateway in GatewaySubnet (also as the az CLI creates it, without an IP
// configuration), the connection refused until the OCI side provisions (done with the OCI SDK, as
// in the seed tutorial), the circuit's device-path tables, the gateway's BGP diagnostics, stats,
// tags, authorizations, and teardown in the wrong and the right order.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ResourceManagementClient } from '@azure/arm-resources';
import { FAST_POLL, startArmServer, type ArmTestServer } from './harness.ts';
import { createOciHalf, type OciHalf } from '../oci/tutorial-flow.ts';
import { core, fastWaiters, ociClients } from '../oci/harness.ts';
import { DEFAULT_SUBSCRIPTION_ID as SUB } from '../../../src/lifecycle/defaults.ts';

const RG = 'rg-fastroute';
const CIRCUIT = 'er-oci-azure';
const PROVIDER = { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 };

type ArmErr = { statusCode?: number; code?: string };
const armError = (status: number, code: string) => (e: ArmErr) => {
  assert.equal(e.code, code);
  assert.equal(e.statusCode, status);
  return true;
};

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

void describe('ExpressRoute through @azure/arm-network', () => {
  let s: ArmTestServer;
  let network: NetworkManagementClient;
  let resources: ResourceManagementClient;
  let circuitId = '';
  let serviceKey = '';
  let gatewayId = '';
  let oci: OciHalf;

  before(async () => {
    s = await startArmServer();
    ({ network, resources } = s.clients());
    await resources.resourceGroups.createOrUpdate(RG, { location: 'eastus' });
    await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet-azure', {
      location: 'eastus', addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
      subnets: [{ name: 'subnet-workload', addressPrefix: '10.20.10.0/24' }, { name: 'GatewaySubnet', addressPrefix: '10.20.255.0/27' }],
    }, FAST_POLL);
  });
  after(async () => { await s.close(); });

  void it('lists the service providers with Oracle Cloud FastConnect at Washington DC', async () => {
    const providers = await all(network.expressRouteServiceProviders.list());
    const oracle = providers.find((p) => p.name === 'Oracle Cloud FastConnect');
    assert.ok(oracle, 'Oracle Cloud FastConnect is listed');
    assert.ok(oracle.peeringLocations?.includes('Washington DC'));
    assert.ok(oracle.bandwidthsOffered?.some((b) => b.offerName === '1Gbps' && b.valueInMbps === 1000));
    assert.equal(oracle.provisioningState, 'Succeeded');
  });

  void it("refuses bad circuits with the lifecycle's codes and stores nothing", async () => {
    const create = (spp: Record<string, unknown>) => network.expressRouteCircuits.beginCreateOrUpdateAndWait(RG, 'bad', { location: 'eastus', sku: { name: 'Standard_MeteredData' }, serviceProviderProperties: { ...PROVIDER, ...spp } }, FAST_POLL);
    await assert.rejects(create({ bandwidthInMbps: 75 }), armError(400, 'InvalidBandwidth'));
    await assert.rejects(create({ serviceProviderName: 'Nobody Networks' }), armError(400, 'ExpressRouteServiceProviderNotFound'));
    await assert.rejects(create({ peeringLocation: 'Atlantis' }), armError(400, 'InvalidPeeringLocation'));
    const malformed = await s.arm('PUT', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/expressRouteCircuits/bad?api-version=2025-05-01`, { location: 'eastus', properties: { serviceProviderProperties: { bandwidthInMbps: 'fast' } } });
    assert.equal(malformed.status, 400);
    assert.equal((malformed.body as { error: { code: string } }).error.code, 'InvalidRequestFormat');
    await assert.rejects(network.expressRouteCircuits.get(RG, 'bad'), armError(404, 'ResourceNotFound'));
  });

  void it('creates the circuit: a service key, NotProvisioned and Enabled', async () => {
    const c = await network.expressRouteCircuits.beginCreateOrUpdateAndWait(RG, CIRCUIT, { location: 'eastus', sku: { name: 'Standard_MeteredData' }, serviceProviderProperties: PROVIDER }, FAST_POLL);
    assert.match(c.serviceKey ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(c.serviceProviderProvisioningState, 'NotProvisioned');
    assert.equal(c.circuitProvisioningState, 'Enabled');
    assert.equal(c.provisioningState, 'Succeeded');
    assert.deepEqual(c.sku, { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' });
    assert.deepEqual(c.peerings, []);
    circuitId = c.id ?? '';
    serviceKey = c.serviceKey ?? '';
    const listed = await all(network.expressRouteCircuits.listAll());
    assert.deepEqual(listed.map((x) => x.name), [CIRCUIT]);
    const arp = await network.expressRouteCircuits.beginListArpTableAndWait(RG, CIRCUIT, 'AzurePrivatePeering', 'primary', FAST_POLL);
    assert.deepEqual(arp.value, [], 'nothing to show before the provider provisions');
  });

  void it('creates the ExpressRoute gateway in GatewaySubnet', async () => {
    const subnetId = `${(await network.virtualNetworks.get(RG, 'vnet-azure')).id ?? ''}/subnets/GatewaySubnet`;
    await assert.rejects(network.virtualNetworkGateways.beginCreateOrUpdateAndWait(RG, 'ergw', {
      location: 'eastus', gatewayType: 'ExpressRoute', sku: { name: 'VpnGw1', tier: 'VpnGw1' }, ipConfigurations: [{ name: 'default', subnet: { id: subnetId } }],
    }, FAST_POLL), armError(400, 'InvalidGatewaySize'));
    const gw = await network.virtualNetworkGateways.beginCreateOrUpdateAndWait(RG, 'ergw', {
      location: 'eastus', gatewayType: 'ExpressRoute', vpnType: 'RouteBased', sku: { name: 'Standard', tier: 'Standard' },
      ipConfigurations: [{ name: 'default', subnet: { id: subnetId } }],
    }, FAST_POLL);
    assert.equal(gw.provisioningState, 'Succeeded');
    assert.equal(gw.gatewayType, 'ExpressRoute');
    assert.equal(gw.sku?.name, 'Standard');
    gatewayId = gw.id ?? '';
    const sn = await network.subnets.get(RG, 'vnet-azure', 'GatewaySubnet');
    assert.deepEqual(sn.ipConfigurations?.map((c) => c.id), [`${gatewayId}/ipConfigurations/default`]);
    assert.deepEqual((await all(network.virtualNetworkGateways.list(RG))).map((g) => g.name), ['ergw']);
  });

  void it('creates a gateway the way `az network vnet-gateway create --vnet` does (ipConfigurations: [])', async () => {
    await resources.resourceGroups.createOrUpdate('rg-cli', { location: 'eastus' });
    await network.virtualNetworks.beginCreateOrUpdateAndWait('rg-cli', 'v', { location: 'eastus', addressSpace: { addressPrefixes: ['10.30.0.0/16'] }, subnets: [{ name: 'GatewaySubnet', addressPrefix: '10.30.255.0/27' }] }, FAST_POLL);
    const path = `/subscriptions/${SUB}/resourceGroups/rg-cli/providers/Microsoft.Network/virtualNetworkGateways/gw?api-version=2022-01-01`;
    const body = { location: 'eastus', properties: { activeActive: false, gatewayType: 'ExpressRoute', ipConfigurations: [], sku: { name: 'Standard', tier: 'Standard' }, vpnType: 'RouteBased' } };
    const put = await s.arm('PUT', path, body);
    assert.equal(put.status, 201, put.text);
    const gw = await network.virtualNetworkGateways.get('rg-cli', 'gw');
    assert.match(gw.ipConfigurations?.[0]?.subnet?.id ?? '', /\/resourceGroups\/rg-cli\/providers\/Microsoft\.Network\/virtualNetworks\/v\/subnets\/GatewaySubnet$/);
    assert.equal((await s.arm('PUT', path, body)).status, 200, 'the same command again is an update in place');
    await network.virtualNetworkGateways.beginDeleteAndWait('rg-cli', 'gw', FAST_POLL);
    await resources.resourceGroups.beginDeleteAndWait('rg-cli', FAST_POLL);
  });

  void it('refuses the connection while the circuit is NotProvisioned', async () => {
    await assert.rejects(network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(RG, 'conn-oci-azure', {
      location: 'eastus', connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gatewayId }, peer: { id: circuitId },
    }, FAST_POLL), armError(400, 'ServiceProviderNotProvisioned'));
    await assert.rejects(network.virtualNetworkGatewayConnections.get(RG, 'conn-oci-azure'), armError(404, 'ResourceNotFound'));
  });

  void it('provisions when the OCI side creates the virtual circuit; the connection then connects', async () => {
    oci = await createOciHalf(ociClients(s.endpoints.oci), serviceKey);
    const c = await network.expressRouteCircuits.get(RG, CIRCUIT);
    assert.equal(c.serviceProviderProvisioningState, 'Provisioned');
    assert.deepEqual(c.peerings?.map((p) => p.name), ['AzurePrivatePeering']);
    const peering = await network.expressRouteCircuitPeerings.get(RG, CIRCUIT, 'AzurePrivatePeering');
    assert.equal(peering.peeringType, 'AzurePrivatePeering');
    assert.equal(peering.azureASN, 12076);
    assert.equal(peering.peerASN, 31898);
    assert.equal(peering.primaryPeerAddressPrefix, '10.99.0.0/30');
    assert.equal(peering.secondaryPeerAddressPrefix, '10.99.0.4/30');

    const conn = await network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait(RG, 'conn-oci-azure', {
      location: 'eastus', connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gatewayId }, peer: { id: circuitId },
    }, FAST_POLL);
    assert.equal(conn.provisioningState, 'Succeeded');
    assert.equal((await network.virtualNetworkGatewayConnections.get(RG, 'conn-oci-azure')).connectionStatus, 'Connected');
    assert.deepEqual((await all(network.virtualNetworkGateways.listConnections(RG, 'ergw'))).map((x) => x.name), ['conn-oci-azure']);
    assert.deepEqual((await all(network.virtualNetworkGatewayConnections.list(RG))).map((x) => x.name), ['conn-oci-azure']);
  });

  void it('shows ARP and route tables on both device paths', async () => {
    for (const [path, oracle, microsoft] of [['primary', '10.99.0.1', '10.99.0.2'], ['secondary', '10.99.0.5', '10.99.0.6']] as const) {
      const arp = await network.expressRouteCircuits.beginListArpTableAndWait(RG, CIRCUIT, 'AzurePrivatePeering', path, FAST_POLL);
      assert.deepEqual(arp.value?.map((e) => [e.interface, e.ipAddress]), [['On-Prem', oracle], ['Microsoft', microsoft]]);
      assert.ok(arp.value?.every((e) => /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(e.macAddress ?? '')));
      // Both directions, as Microsoft's troubleshooting guide shows the MSEE's table: the VNet from
      // each gateway instance (path 65515) and what the peer advertised (path = its ASN, 31898).
      const routes = await network.expressRouteCircuits.beginListRoutesTableAndWait(RG, CIRCUIT, 'AzurePrivatePeering', path, FAST_POLL);
      assert.deepEqual(routes.value?.map((r) => [r.network, r.nextHop, r.path]), [
        ['10.10.10.0/24', oracle, '31898'], ['10.20.0.0/16', '10.20.255.4', '65515'], ['10.20.0.0/16', '10.20.255.5', '65515'],
      ]);
      // The summary counts the prefixes received from the neighbor (Oracle) only: the table's 31898 rows.
      const summary = await network.expressRouteCircuits.beginListRoutesTableSummaryAndWait(RG, CIRCUIT, 'AzurePrivatePeering', path, FAST_POLL);
      assert.deepEqual(summary.value?.map((r) => [r.neighbor, r.v, r.as, r.statePfxRcd]), [[oracle, 4, 31898, String(routes.value?.filter((r) => r.path === '31898').length)]]);
    }
    // On the wire: 202 + Location (as the CLI's poller expects), the table on the Location GET.
    const post = await s.arm('POST', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/expressRouteCircuits/${CIRCUIT}/peerings/AzurePrivatePeering/routeTablesSummary/primary?api-version=2022-01-01`);
    assert.equal(post.status, 202);
    const location = String(post.headers.location ?? '');
    assert.match(location, /\/operationResults\/.+\?api-version=2022-01-01$/);
    const result = await s.arm('GET', location.slice(s.armUrl.length));
    assert.equal(result.status, 200);
    assert.equal((result.body as { value: { statePfxRcd: string }[] }).value[0]?.statePfxRcd, '1');
    await assert.rejects(network.expressRouteCircuits.beginListArpTableAndWait(RG, CIRCUIT, 'AzurePrivatePeering', 'tertiary', FAST_POLL), armError(400, 'InvalidRequestFormat'));
    await assert.rejects(network.expressRouteCircuits.beginListArpTableAndWait(RG, CIRCUIT, 'MicrosoftPeering', 'primary', FAST_POLL), armError(404, 'ResourceNotFound'));
  });

  void it("answers the gateway's learned and advertised routes and BGP peers", async () => {
    const learned = await network.virtualNetworkGateways.beginGetLearnedRoutesAndWait(RG, 'ergw', FAST_POLL);
    assert.deepEqual(learned.value?.map((r) => [r.network, r.origin, r.sourcePeer, r.asPath]), [
      ['10.20.0.0/16', 'Network', '10.20.255.12', ''],
      ['10.10.10.0/24', 'EBgp', '10.20.255.4', '12076-31898'],
      ['10.10.10.0/24', 'EBgp', '10.20.255.5', '12076-31898'],
    ]);
    const peers = await network.virtualNetworkGateways.beginGetBgpPeerStatusAndWait(RG, 'ergw', FAST_POLL);
    assert.deepEqual(peers.value?.map((p) => [p.neighbor, p.asn, p.state, p.routesReceived]), [['10.20.255.4', 12076, 'Connected', 1], ['10.20.255.5', 12076, 'Connected', 1]]);
    const one = await network.virtualNetworkGateways.beginGetBgpPeerStatusAndWait(RG, 'ergw', { ...FAST_POLL, peer: '10.20.255.5' });
    assert.deepEqual(one.value?.map((p) => p.neighbor), ['10.20.255.5']);
    const advertised = await network.virtualNetworkGateways.beginGetAdvertisedRoutesAndWait(RG, 'ergw', '10.20.255.4', FAST_POLL);
    assert.deepEqual(advertised.value?.map((r) => [r.network, r.asPath]), [['10.20.0.0/16', '65515']]);
  });

  void it("names the gateway's BGP peers as the next hop of a NIC's routes learned over ExpressRoute, as getLearnedRoutes does", async () => {
    const subnet = await network.subnets.get(RG, 'vnet-azure', 'subnet-workload');
    await network.networkInterfaces.beginCreateOrUpdateAndWait(RG, 'nic-er', { location: 'eastus', ipConfigurations: [{ name: 'ipconfig1', subnet: { id: subnet.id ?? '' }, privateIPAllocationMethod: 'Dynamic' }] }, FAST_POLL);
    const effective = await network.networkInterfaces.beginGetEffectiveRouteTableAndWait(RG, 'nic-er', FAST_POLL);
    const bgp = effective.value?.find((r) => r.source === 'VirtualNetworkGateway' && r.addressPrefix?.includes('10.10.10.0/24'));
    assert.ok(bgp, 'the OCI subnet is learned from the gateway');
    assert.equal(bgp.nextHopType, 'VirtualNetworkGateway');
    const learned = await network.virtualNetworkGateways.beginGetLearnedRoutesAndWait(RG, 'ergw', FAST_POLL);
    const peers = (learned.value ?? []).filter((r) => r.network === '10.10.10.0/24').map((r) => r.sourcePeer);
    assert.deepEqual(bgp.nextHopIpAddress, peers, "the gateway's peers, not Oracle's peering addresses");
    assert.deepEqual(bgp.nextHopIpAddress, ['10.20.255.4', '10.20.255.5']);
    await network.networkInterfaces.beginDeleteAndWait(RG, 'nic-er', FAST_POLL);
  });

  void it('serves stats, tags and authorizations', async () => {
    assert.deepEqual(await network.expressRouteCircuits.getStats(RG, CIRCUIT), { primarybytesIn: 0, primarybytesOut: 0, secondarybytesIn: 0, secondarybytesOut: 0 });
    assert.equal((await network.expressRouteCircuits.getPeeringStats(RG, CIRCUIT, 'AzurePrivatePeering')).primarybytesIn, 0);
    assert.deepEqual((await network.expressRouteCircuits.updateTags(RG, CIRCUIT, { tags: { env: 'lab' } })).tags, { env: 'lab' });
    assert.deepEqual((await network.virtualNetworkGateways.beginUpdateTagsAndWait(RG, 'ergw', { tags: { env: 'lab' } }, FAST_POLL)).tags, { env: 'lab' });
    const patch = await s.arm('PATCH', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworkGateways/ergw?api-version=2025-05-01`, { tags: { env: 'lab', tier: 'gold' } });
    assert.equal(patch.status, 200);
    assert.match(String(patch.headers['azure-asyncoperation'] ?? ''), /\/operations\//, 'the SDK polls PATCH tags as an LRO');
    assert.deepEqual((await network.virtualNetworkGatewayConnections.beginUpdateTagsAndWait(RG, 'conn-oci-azure', { tags: { env: 'lab' } }, FAST_POLL)).tags, { env: 'lab' });
    const auth = await network.expressRouteCircuitAuthorizations.beginCreateOrUpdateAndWait(RG, CIRCUIT, 'auth1', {}, FAST_POLL);
    assert.match(auth.authorizationKey ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(auth.authorizationUseStatus, 'Available');
    assert.deepEqual((await all(network.expressRouteCircuitAuthorizations.list(RG, CIRCUIT))).map((a) => a.name), ['auth1']);
    await network.expressRouteCircuitAuthorizations.beginDeleteAndWait(RG, CIRCUIT, 'auth1', FAST_POLL);
    assert.deepEqual((await network.expressRouteCircuits.get(RG, CIRCUIT)).authorizations, []);
  });

  void it('refuses deletes in the wrong order', async () => {
    await assert.rejects(network.expressRouteCircuits.beginDeleteAndWait(RG, CIRCUIT, FAST_POLL), /The long-running operation has failed\. ConflictError\. The specified dedicated circuit is not in Deprovisioned state\./);
    await assert.rejects(network.virtualNetworkGateways.beginDeleteAndWait(RG, 'ergw', FAST_POLL), armError(400, 'InUseVirtualNetworkGatewayCannotBeDeleted'));
    await assert.rejects(network.expressRouteCircuitPeerings.beginDeleteAndWait(RG, CIRCUIT, 'AzurePrivatePeering', FAST_POLL), armError(400, 'PeeringConfiguredByServiceProvider'));
    assert.equal((await network.expressRouteCircuits.get(RG, CIRCUIT)).serviceProviderProvisioningState, 'Provisioned');
  });

  void it('tears down in the right order: connection, virtual circuit, circuit, gateway, VNet, group', async () => {
    await network.virtualNetworkGatewayConnections.beginDeleteAndWait(RG, 'conn-oci-azure', FAST_POLL);
    const c = ociClients(s.endpoints.oci);
    const vcId = oci.virtualCircuit.id ?? '';
    await c.network.deleteVirtualCircuit({ virtualCircuitId: vcId });
    await fastWaiters(c).network.forVirtualCircuit({ virtualCircuitId: vcId }, core.models.VirtualCircuit.LifecycleState.Terminated);
    const circuit = await network.expressRouteCircuits.get(RG, CIRCUIT);
    assert.equal(circuit.serviceProviderProvisioningState, 'NotProvisioned');
    assert.deepEqual(circuit.peerings, []);
    await network.expressRouteCircuits.beginDeleteAndWait(RG, CIRCUIT, FAST_POLL);
    await network.virtualNetworkGateways.beginDeleteAndWait(RG, 'ergw', FAST_POLL);
    await network.virtualNetworks.beginDeleteAndWait(RG, 'vnet-azure', FAST_POLL);
    await resources.resourceGroups.beginDeleteAndWait(RG, FAST_POLL);
    await assert.rejects(network.expressRouteCircuits.get(RG, CIRCUIT), armError(404, 'ResourceGroupNotFound'));
  });
});
