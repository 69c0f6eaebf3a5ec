// Input ARM would store or refuse is never accepted and dropped (issue 14, items 4 and 6): unknown
// properties come back as sent, a later PUT replaces them, read-only values sent back are not
// frozen; references to missing resources are InvalidResourceReference; a resource cannot move
// region; features FastRoute does not model are refused by name, before any other check.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID as SUB } from '../../../src/lifecycle/defaults.ts';
import { FAST_POLL, startArmServer, type ArmResponse, type ArmTestServer } from './harness.ts';

const RG = 'drops';
const MN = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network`;
const API = '?api-version=2024-07-01';

type Json = Record<string, unknown>;
const props = (r: ArmResponse) => (r.body as { properties: Json }).properties;
const error = (r: ArmResponse) => (r.body as { error?: { code?: string; message?: string; target?: string } }).error ?? {};

void describe('ARM PUT bodies are stored, refused or answered not-found: never dropped', () => {
  let s: ArmTestServer;
  const put = (path: string, body: unknown) => s.arm('PUT', `${MN}/${path}${API}`, body);
  const get = (path: string) => s.arm('GET', `${MN}/${path}${API}`);

  before(async () => {
    s = await startArmServer();
    assert.equal((await s.arm('PUT', `/subscriptions/${SUB}/resourceGroups/${RG}?api-version=2021-04-01`, { location: 'eastus' })).status, 201);
    const vnet = await put('virtualNetworks/vnet1', { location: 'eastus', properties: { addressSpace: { addressPrefixes: ['10.9.0.0/16'] }, subnets: [{ name: 'default', properties: { addressPrefix: '10.9.1.0/24' } }] } });
    assert.equal(vnet.status, 201, vnet.text);
  });
  after(async () => { await s.close(); });

  void it('keeps a subnet\'s delegations and a VNet\'s encryption; the next PUT replaces them; read-only values sent back are ignored', async () => {
    const delegations = [{ name: 'sql', properties: { serviceName: 'Microsoft.Sql/managedInstances' } }];
    const r = await put('virtualNetworks/vnet1/subnets/app', { properties: { addressPrefix: '10.9.2.0/24', delegations, provisioningState: 'Failed', ipConfigurations: [{ id: `${MN}/networkInterfaces/gone/ipConfigurations/x` }] } });
    assert.equal(r.status, 201, r.text);
    const subnet = props(await get('virtualNetworks/vnet1/subnets/app'));
    assert.deepEqual(subnet.delegations, delegations);
    assert.equal(subnet.ipConfigurations, undefined, 'a read-only back-reference sent in the body is not frozen');
    assert.notEqual(subnet.provisioningState, 'Failed');
    const again = await put('virtualNetworks/vnet1/subnets/app', { properties: { addressPrefix: '10.9.2.0/24' } });
    assert.equal(again.status, 200, again.text);
    assert.equal(props(await get('virtualNetworks/vnet1/subnets/app')).delegations, undefined, 'a PUT replaces what the last one asked for');

    const withEncryption = await put('virtualNetworks/vnet2', { location: 'eastus', properties: { addressSpace: { addressPrefixes: ['10.8.0.0/16'] }, encryption: { enabled: true, enforcement: 'AllowUnencrypted' } } });
    assert.equal(withEncryption.status, 201, withEncryption.text);
    assert.deepEqual(props(withEncryption).encryption, { enabled: true, enforcement: 'AllowUnencrypted' }, 'echoed on the PUT answer too');
    const listed = (await s.arm('GET', `${MN}/virtualNetworks${API}`)).body as { value: { name: string; properties: Json }[] };
    assert.deepEqual(listed.value.find((v) => v.name === 'vnet2')?.properties.encryption, { enabled: true, enforcement: 'AllowUnencrypted' }, 'and in lists');
  });

  void it('refuses to move a VNet to another region (InvalidResourceLocation)', async () => {
    const r = await put('virtualNetworks/vnet1', { location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.9.0.0/16'] } } });
    assert.equal(r.status, 400, r.text);
    assert.equal(error(r).code, 'InvalidResourceLocation');
    assert.equal(((await get('virtualNetworks/vnet1')).body as Json).location, 'eastus', 'the VNet stays where it was');
  });

  void it('answers a reference to a public IP that does not exist with InvalidResourceReference, naming it', async () => {
    const pip = `${MN}/publicIPAddresses/nope`;
    const r = await put('networkInterfaces/nic1', { location: 'eastus', properties: { ipConfigurations: [{ name: 'ip1', properties: { subnet: { id: `${MN}/virtualNetworks/vnet1/subnets/default` }, publicIPAddress: { id: pip } } }] } });
    assert.equal(r.status, 400, r.text);
    assert.equal(error(r).code, 'InvalidResourceReference');
    assert.ok(error(r).message?.includes(pip), r.text);
    assert.ok(error(r).message?.includes(`${MN}/networkInterfaces/nic1`), 'names the referencing resource, as ARM does');
    assert.equal((await get('networkInterfaces/nic1')).status, 404);
  });

  void it('refuses a load balancer reference by name (FastRoute has no load balancers), and keeps an existing public IP\'s', async () => {
    const lb = `${MN}/loadBalancers/lb/backendAddressPools/pool`;
    const r = await put('networkInterfaces/nic2', { location: 'eastus', properties: { ipConfigurations: [{ name: 'ip1', properties: { subnet: { id: `${MN}/virtualNetworks/vnet1/subnets/default` }, loadBalancerBackendAddressPools: [{ id: lb }] } }] } });
    assert.equal(r.status, 400, r.text);
    assert.equal(error(r).code, 'FeatureNotModelled');
    assert.match(error(r).message ?? '', /load balancers.*loadBalancerBackendAddressPools/);
    assert.equal((await put('publicIPAddresses/pip1', { location: 'eastus', sku: { name: 'Standard' }, properties: { publicIPAllocationMethod: 'Static' } })).status, 201);
    const ok = await put('networkInterfaces/nic2', { location: 'eastus', properties: { ipConfigurations: [{ name: 'ip1', properties: { subnet: { id: `${MN}/virtualNetworks/vnet1/subnets/default` }, publicIPAddress: { id: `${MN}/publicIPAddresses/pip1` } } }] } });
    assert.equal(ok.status, 201, ok.text);
    const ip = (props(await get('networkInterfaces/nic2')).ipConfigurations as { properties: Json }[])[0]?.properties;
    assert.equal((ip?.publicIPAddress as { id: string } | undefined)?.id.toLowerCase(), `${MN}/publicIPAddresses/pip1`.toLowerCase());
  });

  void it('refuses a subnet with two address prefixes by name instead of keeping one', async () => {
    const r = await put('virtualNetworks/vnet1/subnets/two', { properties: { addressPrefixes: ['10.9.3.0/24', '10.9.4.0/24'] } });
    assert.equal(r.status, 400, r.text);
    assert.equal(error(r).code, 'FeatureNotModelled');
    assert.equal(error(r).target, 'properties.addressPrefixes');
    assert.equal((await get('virtualNetworks/vnet1/subnets/two')).status, 404);
  });

  void it('names IPAM pools for an IPAM-pool subnet (not "addressPrefixes is required")', async () => {
    const pool = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkManagers/nm/ipamPools/pool1`;
    const r = await put('virtualNetworks/vnet1/subnets/ipam', { properties: { ipamPoolPrefixAllocations: [{ numberOfIpAddresses: '256', pool: { id: pool } }] } });
    assert.equal(r.status, 400, r.text);
    assert.equal(error(r).code, 'FeatureNotModelled');
    assert.match(error(r).message ?? '', /IPAM pools/);
  });

  void it('names ExpressRoute Direct for a port-based circuit (not "serviceProviderName is required")', async () => {
    const r = await put('expressRouteCircuits/direct', { location: 'eastus', sku: { name: 'Premium_MeteredData', tier: 'Premium', family: 'MeteredData' }, properties: { expressRoutePort: { id: `${MN}/expressRoutePorts/port1` }, bandwidthInGbps: 10 } });
    assert.equal(r.status, 400, r.text);
    assert.equal(error(r).code, 'FeatureNotModelled');
    assert.match(error(r).message ?? '', /ExpressRoute Direct/);
  });

  void it('names NIC IP prefixes for a prefix-only ip configuration (not "Resource (none) referenced")', async () => {
    const r = await put('networkInterfaces/nic3', { location: 'eastus', properties: { ipConfigurations: [{ name: 'ip1', properties: { subnet: { id: `${MN}/virtualNetworks/vnet1/subnets/default` } } }, { name: 'ip2', properties: { privateIPAddressPrefixLength: 28 } }] } });
    assert.equal(r.status, 400, r.text);
    assert.equal(error(r).code, 'FeatureNotModelled');
    assert.equal(error(r).target, 'properties.ipConfigurations[1].properties.privateIPAddressPrefixLength');
  });

  void it('says which ExpressRoute providers FastRoute models when a body names another', async () => {
    const r = await put('expressRouteCircuits/att', { location: 'eastus', sku: { name: 'Standard_MeteredData' }, properties: { serviceProviderProperties: { serviceProviderName: 'AT&T Netbond', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 } } });
    assert.equal(r.status, 400, r.text);
    assert.equal(error(r).code, 'ExpressRouteServiceProviderNotFound');
    assert.match(error(r).message ?? '', /FastRoute models 'Oracle Cloud FastConnect'/);
  });

  void it('names subnet peering for a VNet peering of some subnets only', async () => {
    const r = await put('virtualNetworks/vnet1/virtualNetworkPeerings/p1', { properties: { remoteVirtualNetwork: { id: `${MN}/virtualNetworks/vnet2` }, peerCompleteVnets: false, localSubnetNames: ['default'] } });
    assert.equal(r.status, 400, r.text);
    assert.equal(error(r).code, 'FeatureNotModelled');
    assert.match(error(r).message ?? '', /subnet peering/);
    assert.equal((await get('virtualNetworks/vnet1/virtualNetworkPeerings/p1')).status, 404);
  });

  void it('does not drop an inline AzurePrivatePeering: on a circuit the provider has not provisioned it is refused as not modelled', async () => {
    const circuit = {
      location: 'eastus', sku: { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' },
      properties: {
        serviceProviderProperties: { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 },
        peerings: [{ name: 'AzurePrivatePeering', properties: { peeringType: 'AzurePrivatePeering', peerASN: 31898, vlanId: 100 } }],
      },
    };
    const r = await put('expressRouteCircuits/er1', circuit);
    assert.equal(r.status, 400, r.text);
    assert.equal(error(r).code, 'FeatureNotModelled');
    assert.match(error(r).message ?? '', /private peering configured before the provider provisions the circuit/);
    assert.equal((await get('expressRouteCircuits/er1')).status, 404, 'nothing was created');
    const authorized = await put('expressRouteCircuits/er1', { ...circuit, properties: { ...circuit.properties, peerings: [], authorizations: [{ name: 'auth1' }] } });
    assert.equal(authorized.status, 201, authorized.text);
    const auths = props(await get('expressRouteCircuits/er1')).authorizations as { name: string; properties: Json }[];
    assert.deepEqual(auths.map((a) => a.name), ['auth1'], 'an inline authorization is created');
    assert.equal(typeof auths[0]?.properties.authorizationKey, 'string');
  });

  void it("stores an inline AzurePrivatePeering on a Layer 2 provider's (Equinix) circuit before it is provisioned, as Azure does", async () => {
    const peering = { peeringType: 'AzurePrivatePeering', peerASN: 65001, primaryPeerAddressPrefix: '192.168.10.16/30', secondaryPeerAddressPrefix: '192.168.10.20/30', vlanId: 100 };
    const circuit = {
      location: 'eastus', sku: { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' },
      properties: { serviceProviderProperties: { serviceProviderName: 'Equinix', peeringLocation: 'Washington DC', bandwidthInMbps: 1000 }, peerings: [{ name: 'AzurePrivatePeering', properties: peering }] },
    };
    const r = await put('expressRouteCircuits/er-l2', circuit);
    assert.equal(r.status, 201, r.text);
    const got = props(await get('expressRouteCircuits/er-l2/peerings/AzurePrivatePeering'));
    assert.deepEqual({ ...peering, azureASN: 12076, state: 'Enabled', provisioningState: 'Succeeded' }, Object.fromEntries(Object.keys({ ...peering, azureASN: 0, state: 0, provisioningState: 0 }).map((k) => [k, got[k]])));
    assert.equal(props(await get('expressRouteCircuits/er-l2')).serviceProviderProvisioningState, 'NotProvisioned');
    // Configured, not active: no provider has provisioned the circuit, so no BGP session and no route.
    const summary = await s.clients().network.expressRouteCircuits.beginListRoutesTableSummaryAndWait(RG, 'er-l2', 'AzurePrivatePeering', 'primary', FAST_POLL);
    assert.deepEqual(summary.value ?? [], []);
    const routes = await s.clients().network.expressRouteCircuits.beginListRoutesTableAndWait(RG, 'er-l2', 'AzurePrivatePeering', 'primary', FAST_POLL);
    assert.deepEqual(routes.value ?? [], []);
    const bad = await put('expressRouteCircuits/er-l2/peerings/AzurePrivatePeering', { properties: { ...peering, primaryPeerAddressPrefix: '192.168.10.16/29' } });
    assert.deepEqual([bad.status, error(bad).code], [400, 'InvalidAddressPrefixFormat'], 'the /30 rule holds');
    const vlan = await put('expressRouteCircuits/er-l2/peerings/AzurePrivatePeering', { properties: { ...peering, vlanId: 4095 } });
    assert.deepEqual([vlan.status, error(vlan).code], [400, 'InvalidVlanId']);
    const missing = await put('expressRouteCircuits/er-l2/peerings/AzurePrivatePeering', { properties: { peerASN: 65001 } });
    assert.equal(missing.status, 200, 'an update keeps the stored fields');
  });
});
